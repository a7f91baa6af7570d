"""Demo accounts and governance for development and demonstrations. Idempotent.

Never run in production: the accounts share a published password.
"""

from datetime import date

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand
from django.db import transaction

from commissions.models import AssessorTerm, CommissionTerm, TechnicalCommission
from members.models import Actor, Body, FocalPoint, MemberAdministration, Role, User

DEMO_PASSWORD = "gtr-demo-2026"

ACCOUNTS = [
    # email, first name, last name, role, member ISO2, body code, language
    ("secretariat@example.org", "Aïcha", "Koné", Role.SECRETARIAT, None, None, "fr"),
    ("fp-sn@example.org", "Mamadou", "Diop", Role.FOCAL_POINT, "SN", None, "fr"),
    ("fp-ng@example.org", "Ngozi", "Adeyemi", Role.FOCAL_POINT, "NG", None, "en"),
    ("supervisor@example.org", "Jean-Baptiste", "Mensah", Role.SUPERVISOR, None, "ROCB-WCA", "fr"),
    ("expert@example.org", "Fatou", "Sarr", Role.EXPERT, None, None, "en"),
]

COMMISSIONS = [
    {
        "number": 1,
        "slug": "clearance-and-interconnection",
        "name_fr": "Systèmes de dédouanement et interconnexion",
        "name_en": "Clearance systems and interconnection",
        "mandate_fr": "Suivre la modernisation des systèmes de dédouanement des membres, "
        "l'interconnexion des réseaux douaniers de la région (SIGMAT, corridors) et les "
        "guichets uniques.",
        "mandate_en": "Follow the modernisation of members' clearance systems, the "
        "interconnection of the region's customs networks (SIGMAT, corridors) and single "
        "windows.",
        "chair": "SN",
        "rapporteur": "BJ",
        "members": ["SN", "BJ", "TG", "ML", "BF", "NE", "GH", "NG"],
    },
    {
        "number": 2,
        "slug": "infrastructure-security-innovation",
        "name_fr": "Infrastructures, sécurité des systèmes et innovation",
        "name_en": "Infrastructure, systems security and innovation",
        "mandate_fr": "Proposer des mesures de sécurité informatique, de continuité de service "
        "et d'adoption des technologies émergentes (IA, informatique en nuage, mobile).",
        "mandate_en": "Propose measures for IT security, service continuity and the adoption "
        "of emerging technologies (AI, cloud computing, mobile).",
        "chair": "NG",
        "rapporteur": "CM",
        "members": ["NG", "CM", "GA", "CG", "CD", "GQ", "TD", "CF"],
    },
    {
        "number": 3,
        "slug": "management-tools-and-capacity",
        "name_fr": "Outils de gestion et renforcement des capacités",
        "name_en": "Management tools and capacity building",
        "mandate_fr": "Promouvoir les outils informatiques de gestion des administrations "
        "(ressources humaines, tableaux de bord stratégiques) et la formation des informaticiens.",
        "mandate_en": "Promote IT tools for managing the administrations (human resources, "
        "strategic dashboards) and the training of IT staff.",
        "chair": "GA",
        "rapporteur": "CV",
        "members": ["GA", "CV", "GM", "GN", "GW", "LR", "MR", "SL", "ST"],
    },
]


class Command(BaseCommand):
    help = "Create demo accounts (password gtr-demo-2026) and illustrative governance data."

    @transaction.atomic
    def handle(self, *args, **options):
        members = {m.iso2: m for m in MemberAdministration.objects.all()}
        for email, first, last, role, iso2, body_code, language in ACCOUNTS:
            user, _ = User.objects.update_or_create(
                email=email,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "role": role,
                    "language": language,
                    "body": Body.objects.get(code=body_code) if body_code else None,
                    "is_active": True,
                },
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if iso2:
                FocalPoint.objects.update_or_create(
                    user=user,
                    defaults={
                        "administration": members[iso2],
                        "function": FocalPoint.Function.ICT_FOCAL_POINT,
                        "job_title": "Chef du service informatique"
                        if language == "fr"
                        else "Head of ICT",
                        "phone": "+221 33 000 00 00" if iso2 == "SN" else "+234 9 000 0000",
                    },
                )
        secret = self._totp_secret(User.objects.get(email="secretariat@example.org"))
        self._governance(members)

        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Accounts (password: {DEMO_PASSWORD}):")
        )
        for email, _first, _last, role, iso2, body_code, _lang in ACCOUNTS:
            where = iso2 or body_code or ""
            self.stdout.write(f"  {email:<26} {role.label}{' – ' + where if where else ''}")
        self.stdout.write(f"  TOTP secret of secretariat@example.org: {secret}")
        self.stdout.write(
            "  (add it to an authenticator app, or compute codes with oathtool --totp -b)"
        )

    def _totp_secret(self, user: User) -> str:
        existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if existing:
            return decrypt(existing.data["secret"])
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        return secret

    def _governance(self, members: dict[str, MemberAdministration]) -> None:
        for spec in COMMISSIONS:
            commission, _ = TechnicalCommission.objects.update_or_create(
                number=spec["number"],
                defaults={
                    "slug": spec["slug"],
                    "name": spec["name_fr"],
                    "name_fr": spec["name_fr"],
                    "name_en": spec["name_en"],
                    "mandate": spec["mandate_fr"],
                    "mandate_fr": spec["mandate_fr"],
                    "mandate_en": spec["mandate_en"],
                    "is_illustrative": True,
                },
            )
            term, _ = CommissionTerm.objects.update_or_create(
                commission=commission,
                start_date=date(2025, 5, 16),
                defaults={
                    "chair": members[spec["chair"]],
                    "rapporteur": members[spec["rapporteur"]],
                },
            )
            term.members.set([members[code] for code in spec["members"]])
            past, _ = CommissionTerm.objects.update_or_create(
                commission=commission,
                start_date=date(2023, 4, 26),
                defaults={
                    "end_date": date(2025, 5, 15),
                    "chair": members[spec["rapporteur"]],
                    "rapporteur": members[spec["chair"]],
                },
            )
            past.members.set([members[code] for code in spec["members"][:6]])

        assessors = [
            (
                Actor.objects.get(member__iso2="SN"),
                date(2025, 5, 16),
                None,
                "8e réunion",
                "8th meeting",
            ),
            (
                Actor.objects.get(member__iso2="GA"),
                date(2025, 5, 16),
                None,
                "8e réunion",
                "8th meeting",
            ),
            (Actor.objects.get(body__code="ROCB-WCA"), date(2010, 3, 1), None, "", ""),
            (
                Actor.objects.get(member__iso2="NG"),
                date(2023, 4, 26),
                date(2025, 5, 15),
                "7e réunion",
                "7th meeting",
            ),
        ]
        for actor, start, end, at_fr, at_en in assessors:
            AssessorTerm.objects.update_or_create(
                actor=actor,
                start_date=start,
                defaults={"end_date": end, "designated_at_fr": at_fr, "designated_at_en": at_en},
            )
