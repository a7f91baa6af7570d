"""Every page runs as many SQL queries on a small portal as on one several times bigger, within
its budget (anonymous 8, signed in 12, the dashboard and the reports 15), and none while its
templates render.

The portal is built once for the module, at two sizes from the deterministic generator: every
page is opened at the small size, the data grows (more meetings, recommendations, updates,
practices, editions, reports, and more of them on the very objects the detail pages show), and
every page is opened again. Each page and language is then its own test.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tests.query_guard import render_guard

# The module's data lives in the test database that pytest-django sets up for marked tests.
pytestmark = pytest.mark.django_db

ANONYMOUS, SIGNED_IN, HEAVY = 8, 12, 15
LANGUAGES = ["fr", "en"]


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # "anonymous", "focal_point", "secretariat" or "supervisor"
    url_name: str
    budget: int
    kwargs: Callable[[dict], dict] = lambda objects: {}
    query: str = ""

    def path(self, language: str, objects: dict) -> str:
        with translation.override(language):
            return reverse(self.url_name, kwargs=self.kwargs(objects)) + self.query


PAGES = [
    Page("home", "anonymous", "home", ANONYMOUS),
    Page("member-list", "anonymous", "members:member-list", ANONYMOUS),
    Page(
        "member-detail", "anonymous", "members:member-detail", ANONYMOUS, lambda o: {"iso2": "SN"}
    ),
    Page("meeting-list", "anonymous", "recommendations:meeting-list", ANONYMOUS),
    Page(
        "meeting-detail",
        "anonymous",
        "recommendations:meeting-detail",
        ANONYMOUS,
        lambda o: {"slug": "gtr-101"},
    ),
    Page(
        "meeting-review",
        "anonymous",
        "recommendations:meeting-review",
        ANONYMOUS,
        lambda o: {"slug": "gtr-101"},
    ),
    Page("practice-list", "anonymous", "best_practices:practice-list", ANONYMOUS),
    Page(
        "practice-detail",
        "anonymous",
        "best_practices:practice-detail",
        ANONYMOUS,
        lambda o: {"slug": o["practice"].slug},
    ),
    Page("compendium", "anonymous", "best_practices:compendium", ANONYMOUS),
    # The list has one page size (25 rows): every row of the page is a full row.
    Page("recommendation-list", "anonymous", "recommendations:recommendation-list", ANONYMOUS),
    Page(
        "recommendation-list-signed-in",
        "secretariat",
        "recommendations:recommendation-list",
        SIGNED_IN,
        query="?sort=deadline",
    ),
    Page(
        "recommendation-detail",
        "anonymous",
        "recommendations:recommendation-detail",
        ANONYMOUS,
        lambda o: {"reference": o["recommendation"].reference},
    ),
    Page(
        "recommendation-detail-focal-point",
        "focal_point",
        "recommendations:recommendation-detail",
        SIGNED_IN,
        lambda o: {"reference": o["recommendation"].reference},
    ),
    Page("my-actions", "focal_point", "recommendations:my-actions", SIGNED_IN),
    Page("review-queue", "secretariat", "recommendations:review-queue", SIGNED_IN),
    Page("dashboard", "supervisor", "reports:dashboard", HEAVY),
    Page("matrix", "supervisor", "reports:matrix", HEAVY),
    Page("report-list", "anonymous", "reports:report-list", HEAVY),
    Page(
        "activity-report",
        "secretariat",
        "reports:report-detail",
        HEAVY,
        lambda o: {"pk": o["report"].pk},
    ),
]


@dataclass
class Visit:
    status: int | None
    queries: list[str]
    render_queries: str
    error: str = ""

    @property
    def count(self) -> int:
        return len(self.queries)


# --- The portal at two sizes ------------------------------------------------------------------


def _pdf() -> SimpleUploadedFile:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile("rapport.pdf", buffer.getvalue(), content_type="application/pdf")


def _png(name: str) -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _people() -> dict:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from members.models import Body, Role
    from tests.factories import FocalPointFactory, UserFactory

    secretariat = UserFactory(role=Role.SECRETARIAT, email="qb-secretariat@gtr.test")
    supervisor = UserFactory(
        role=Role.SUPERVISOR,
        email="qb-supervisor@gtr.test",
        body=Body.objects.get(code="ROCB-WCA"),
    )
    for user in (secretariat, supervisor):
        TOTP.activate(user, generate_totp_secret())
    focal_point = FocalPointFactory(iso2="SN", user__email="qb-fp-sn@gtr.test").user
    return {"secretariat": secretariat, "supervisor": supervisor, "focal_point": focal_point}


def _practices(people: dict, members: list[str], first: int) -> list:
    from best_practices.models import BestPractice, Theme
    from best_practices.services import practice_save
    from members.models import MemberAdministration

    themes = list(Theme.objects.order_by("order", "slug"))
    practices = []
    for n, iso2 in enumerate(members, start=first):
        practice = practice_save(
            user=people["secretariat"],
            administration=MemberAdministration.objects.get(iso2=iso2),
            data={
                "title_fr": f"Pratique {n} : guichet unique",
                "title_en": f"Practice {n}: single window",
                "summary_fr": "Formalités dématérialisées.",
                "summary_en": "Paperless formalities.",
                "body_fr": "## Contexte\n\nLe **guichet unique** relie tous les acteurs.",
                "body_en": "## Background\n\nThe **single window** links every actor.",
                "results_fr": "Délais divisés par deux.",
                "results_en": "Times halved.",
                "year_started": 2015 + n % 8,
                "contact": "DSI",
                "themes": themes[n % len(themes) : n % len(themes) + 2],
            },
            images=[_png(f"image-{n}-{i}.png") for i in range(2)],
        )
        BestPractice.objects.filter(pk=practice.pk).update(
            state=BestPractice.State.PUBLISHED,
            published_at=timezone.now() - timedelta(days=n),
        )
        practices.append(practice)
    return practices


def _editions(practices: list, first: int, count: int) -> None:
    from best_practices.models import CompendiumEdition, CompendiumEntry, EditionFile

    for n in range(first, first + count):
        edition = CompendiumEdition.objects.create(
            slug=f"recueil-{n}",
            title=f"Recueil {n}",
            period_start=2000 + n,
            period_end=2001 + n,
            status=CompendiumEdition.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        CompendiumEntry.objects.bulk_create(
            CompendiumEntry(edition=edition, practice=p, order=i) for i, p in enumerate(practices)
        )
        for language in LANGUAGES:
            EditionFile.objects.create(
                edition=edition,
                language=language,
                file=f"compendium/recueil-{n}-{language}.pdf",
                size=123456,
                pages=40,
                content_hash="0" * 64,
                built_at=timezone.now(),
            )


def _reports(people: dict, first: int, count: int) -> list:
    from recommendations.models import Meeting
    from reports.models import Report
    from reports.services import report_finalise, report_save

    reports = []
    for n in range(first, first + count):
        activity = report_save(
            user=people["secretariat"],
            kind=Report.Kind.ACTIVITY,
            data={
                "title_fr": f"Rapport d'activité {2000 + n}",
                "title_en": f"Activity report {2000 + n}",
                "summary_fr": "Texte.",
                "summary_en": "Text.",
                "period_start": date(2014, 1, 1),
                "period_end": date(timezone.localdate().year, 12, 31),
            },
        )
        meeting_report = report_save(
            user=people["secretariat"],
            kind=Report.Kind.MEETING,
            data={
                "title_fr": f"Rapport de réunion {n}",
                "title_en": f"Meeting report {n}",
                "meeting": Meeting.objects.order_by("pk")[n % Meeting.objects.count()],
            },
        )
        report_finalise(report=meeting_report, user=people["secretariat"])
        reports += [activity, meeting_report]
    return reports


def _report_on(recommendation, people: dict, count: int, first: int) -> None:
    """Accepted and pending updates of Senegal, each with a piece of evidence."""
    from recommendations.models import ProgressUpdate
    from recommendations.services import update_accept, update_submit

    start = date(2024, 6, 1)
    for n in range(first, first + count):
        update = update_submit(
            recommendation=recommendation,
            user=people["focal_point"],
            as_of=start + timedelta(days=n),
            narrative=f"Point {n} : travaux en cours.",
            progress=min(5 * n, 95),
            proposed_status="in_progress",
            files=[_pdf()],
        )
        if n % 3:
            update_accept(update=update, reviewer=people["secretariat"], comment="")
        else:
            assert update.state == ProgressUpdate.State.PENDING


def _small_portal() -> dict:
    from recommendations.generator import generate
    from recommendations.models import Meeting
    from tests.factories import make_recommendation

    people = _people()
    generate(meetings=2, per_meeting=30, updates_per=2, seed=11, start_number=100)
    recommendation = make_recommendation(
        Meeting.objects.get(slug="gtr-100"), lead=("SN",), others=("NG", "ROCB-WCA")
    )
    _report_on(recommendation, people, count=3, first=1)
    practices = _practices(people, ["SN", "NG", "CI"], first=1)
    _editions(practices, first=1, count=1)
    reports = _reports(people, first=1, count=1)
    return {
        **people,
        "recommendation": recommendation,
        "practice": practices[0],
        "report": reports[0],
    }


def _grow(objects: dict) -> None:
    """Several times more of everything, including on the objects of the detail pages."""
    from recommendations.generator import generate, generation_context, recommendations_for
    from recommendations.models import Meeting

    generate(meetings=6, per_meeting=45, updates_per=3, seed=12, start_number=200)
    import random

    recommendations_for(
        Meeting.objects.get(slug="gtr-101"),
        count=60,
        rng=random.Random(13),
        context=generation_context(seed=13),
        updates_per=3,
        today=timezone.localdate(),
    )
    _report_on(objects["recommendation"], objects, count=9, first=4)
    practices = _practices(objects, ["SN", "SN", "GH", "BJ", "TG", "NG", "ML", "CM", "GA"], first=4)
    _editions(practices, first=2, count=3)
    _reports(objects, first=2, count=4)


# --- Visiting every page -----------------------------------------------------------------------


def _clients(objects: dict) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for role in ("focal_point", "secretariat", "supervisor"):
        clients[role] = Client()
        clients[role].force_login(objects[role])
    return clients


def _visit(client: Client, path: str) -> Visit:
    with render_guard() as render_queries, CaptureQueriesContext(connection) as captured:
        try:
            response = client.get(path)
        except Exception as error:  # noqa: BLE001 - reported by the page's own test
            return Visit(None, [], str(render_queries), f"{type(error).__name__}: {error}")
    return Visit(response.status_code, [q["sql"] for q in captured], str(render_queries))


def _visit_all(objects: dict, *, warm_up: bool) -> dict:
    clients = _clients(objects)
    visits = {}
    for page in PAGES:
        for language in LANGUAGES:
            path = page.path(language, objects)
            if warm_up:  # the process's caches (content types...) fill on a first visit
                _visit(clients[page.role], path)
            visits[page.name, language] = _visit(clients[page.role], path)
    return visits


@pytest.fixture(scope="module")
def visits(django_db_setup, django_db_blocker):
    """Each page's visit at both sizes, the data rolled back after the module."""
    from django.db import transaction

    with django_db_blocker.unblock(), translation.override("fr"):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            objects = _small_portal()
            small = _visit_all(objects, warm_up=True)
            _grow(objects)
            large = _visit_all(objects, warm_up=False)
            yield {"small": small, "large": large}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _difference(small: list[str], large: list[str]) -> str:
    import difflib

    return "\n".join(difflib.unified_diff(small, large, "small", "large", lineterm="", n=0))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_a_page_runs_as_many_queries_at_any_size_within_its_budget(visits, page, language):
    small, large = visits["small"][page.name, language], visits["large"][page.name, language]
    for size, visit in (("small", small), ("large", large)):
        assert not visit.error, f"{size}: {visit.error}"
        assert visit.status == 200, f"{size}: {visit.status}"
        assert not visit.render_queries, f"{size}: SQL while rendering:\n{visit.render_queries}"

    assert small.count == large.count, _difference(small.queries, large.queries)
    assert large.count <= page.budget, "\n".join(large.queries)
