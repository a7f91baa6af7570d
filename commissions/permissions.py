from members.permissions import grant_back_office

# Governance pages are public; only the secretariat edits the organs, in the back office.
grant_back_office(
    "commissions", ["presidencyterm", "assessorterm", "technicalcommission", "commissionterm"]
)
