import rules

from members.permissions import grant_back_office, is_focal_point, is_secretariat, reads_everything

# The regional dashboard is for the secretariat and supervisors; a focal point sees the same
# dashboard restricted to its own administration.
rules.add_perm("reports.view_dashboard", reads_everything | is_focal_point)
rules.add_perm("reports.view_regional_dashboard", reads_everything)


@rules.predicate
def report_is_final(user, report) -> bool:
    return report is not None and report.status == "final"


@rules.predicate
def report_is_draft(user, report) -> bool:
    return report is not None and report.status == "draft"


# Finalised reports are public; drafts are for the secretariat and supervisors.
rules.add_perm("reports.view_report", report_is_final | reads_everything)
rules.add_perm("reports.manage_reports", is_secretariat)
rules.add_perm("reports.change_report", is_secretariat & report_is_draft)
grant_back_office("reports", ["report", "reportfile"])
