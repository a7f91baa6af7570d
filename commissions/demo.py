"""Illustrative governance for development and demonstrations: three named commissions (their
names are examples, and say so on screen), current and past terms, assessors."""

from datetime import date

from members.models import Actor, MemberAdministration

from .models import AssessorTerm, CommissionTerm, TechnicalCommission

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


def load(stdout) -> None:
    members = {m.iso2: m for m in MemberAdministration.objects.all()}
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
    stdout.write("Governance: 3 illustrative technical commissions, assessors.")
