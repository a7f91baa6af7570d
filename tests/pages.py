"""Every page type of the portal, as each role opens it, on the demo data.

Tests that must hold on every page (weight on slow links, width on phones, French typography,
dates, accessibility) iterate over `page_types()` instead of keeping their own lists, so a new
page type is added here once and checked by all of them.

Use it with the `demo_portal` fixture (the demo data of `load_demo`, plus a draft and a final
report, which the demo does not create).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

DEMO_EMAILS = {
    "secretariat": "secretariat@example.org",
    "focal_point": "fp-sn@example.org",
    "supervisor": "supervisor@example.org",
    "expert": "expert@example.org",
}


@dataclass(frozen=True)
class PageType:
    name: str
    role: str  # "anonymous" or a key of DEMO_EMAILS
    url_name: str
    kwargs: tuple = ()  # ((name, value-or-callable), ...): callables are given the demo objects

    def path(self, language: str, objects: dict) -> str:
        kwargs = {k: (v(objects) if callable(v) else v) for k, v in self.kwargs}
        with translation.override(language):
            return reverse(self.url_name, kwargs=kwargs)


PAGE_TYPES = [
    PageType("home", "anonymous", "home"),
    PageType("login", "anonymous", "account_login"),
    PageType("member-list", "anonymous", "members:member-list"),
    PageType("member-detail", "anonymous", "members:member-detail", (("iso2", "SN"),)),
    PageType("governance", "anonymous", "commissions:governance"),
    PageType(
        "commission-detail",
        "anonymous",
        "commissions:commission-detail",
        (("slug", lambda o: o["commission"].slug),),
    ),
    PageType("meeting-list", "anonymous", "recommendations:meeting-list"),
    PageType("meeting-detail", "anonymous", "recommendations:meeting-detail", (("slug", "gtr-5"),)),
    PageType("meeting-review", "anonymous", "recommendations:meeting-review", (("slug", "gtr-5"),)),
    PageType("meeting-form", "secretariat", "recommendations:meeting-create"),
    PageType("meeting-edit", "secretariat", "recommendations:meeting-edit", (("slug", "gtr-5"),)),
    PageType("recommendation-list", "anonymous", "recommendations:recommendation-list"),
    PageType(
        "recommendation-detail",
        "focal_point",
        "recommendations:recommendation-detail",
        (("reference", "GTR5-R01"),),
    ),
    PageType("practice-list", "anonymous", "best_practices:practice-list"),
    PageType(
        "practice-detail",
        "anonymous",
        "best_practices:practice-detail",
        (("slug", lambda o: o["practice"].slug),),
    ),
    PageType("compendium", "expert", "best_practices:compendium"),
    PageType(
        "edition-detail",
        "secretariat",
        "best_practices:edition-detail",
        (("slug", lambda o: o["edition"].slug),),
    ),
    PageType("report-list", "anonymous", "reports:report-list"),
    PageType(
        "report-detail", "supervisor", "reports:report-detail", (("pk", lambda o: o["report"].pk),)
    ),
    PageType(
        "meeting-report-detail",
        "anonymous",
        "reports:report-detail",
        (("pk", lambda o: o["meeting_report"].pk),),
    ),
    PageType("dashboard", "supervisor", "reports:dashboard"),
    PageType("matrix", "supervisor", "reports:matrix"),
    PageType("my-actions", "focal_point", "recommendations:my-actions"),
    PageType(
        "progress-update-form",
        "focal_point",
        "recommendations:update-create",
        (("reference", lambda o: o["reportable"].reference),),
    ),
    PageType("member-edit", "focal_point", "members:member-edit", (("iso2", "SN"),)),
    PageType("practice-form", "focal_point", "best_practices:practice-create"),
    PageType("notifications", "focal_point", "notifications:notification-list"),
    PageType("calendar", "focal_point", "recommendations:calendar"),
    PageType("review-queue", "secretariat", "recommendations:review-queue"),
    PageType("user-list", "secretariat", "members:user-list"),
    PageType("user-invite", "secretariat", "members:user-invite"),
    PageType("translation-status", "secretariat", "translation-status"),
    PageType("security-log", "secretariat", "audit:event-list"),
    PageType(
        "meeting-decisions",
        "secretariat",
        "recommendations:meeting-decisions",
        (("slug", "gtr-8"),),
    ),
    PageType(
        "decisions-import", "secretariat", "recommendations:decisions-import", (("slug", "gtr-8"),)
    ),
    PageType("edition-form", "secretariat", "best_practices:edition-create"),
    PageType("report-form", "secretariat", "reports:report-create", (("kind", "activity"),)),
    PageType(
        "report-edit", "secretariat", "reports:report-edit", (("pk", lambda o: o["report"].pk),)
    ),
    PageType("proposal-list", "anonymous", "recommendations:proposal-list"),
    # The demo's one proposal (illustrative, demo data), from the 8th meeting.
    PageType(
        "proposal-detail",
        "anonymous",
        "recommendations:proposal-detail",
        (("reference", "GTR8-P01"),),
    ),
    PageType("proposal-form", "secretariat", "recommendations:proposal-create"),
]


def page_types(*, roles: tuple[str, ...] | None = None) -> list[PageType]:
    return [p for p in PAGE_TYPES if roles is None or p.role in roles]


def load_demo_portal() -> dict:
    """Load the demo data and what it lacks (reports); return the objects page URLs need."""
    from datetime import date

    from django.core.management import call_command

    from best_practices.models import BestPractice, CompendiumEdition
    from commissions.models import TechnicalCommission
    from members.models import User
    from recommendations.models import Meeting, Recommendation
    from reports.models import Report
    from reports.services import report_finalise, report_save

    call_command("load_demo", stdout=_Discard())
    secretariat = User.objects.get(email=DEMO_EMAILS["secretariat"])
    report = report_save(
        user=secretariat,
        kind=Report.Kind.ACTIVITY,
        data={
            "title_fr": "Rapport d'activité 2025 (démonstration)",
            "title_en": "Activity report 2025 (demo)",
            "summary_fr": "Texte illustratif (données de démonstration).",
            "summary_en": "Illustrative text (demo data).",
            "period_start": date(2025, 1, 1),
            "period_end": date(2025, 12, 31),
        },
    )
    meeting_report = report_save(
        user=secretariat,
        kind=Report.Kind.MEETING,
        data={
            "title_fr": "Rapport de la 8e réunion (démonstration)",
            "title_en": "Report of the 8th meeting (demo)",
            "meeting": Meeting.objects.get(slug="gtr-8"),
        },
    )
    report_finalise(report=meeting_report, user=secretariat)
    focal_point = User.objects.get(email=DEMO_EMAILS["focal_point"])
    reportable = next(
        r
        for r in Recommendation.objects.filter(actors__member__iso2="SN").order_by("pk")
        if focal_point.has_perm("recommendations.submit_update", r)
    )
    return {
        "reportable": reportable,
        "commission": TechnicalCommission.objects.order_by("pk").first(),
        "practice": BestPractice.objects.filter(state="published").order_by("pk").first(),
        "edition": CompendiumEdition.objects.order_by("pk").first(),
        "report": report,
        "meeting_report": meeting_report,
    }


def demo_user(role: str):
    from members.models import User

    return None if role == "anonymous" else User.objects.get(email=DEMO_EMAILS[role])


class _Discard:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
