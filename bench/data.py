"""Prepare one benchmark database: the demo data, `generate_data --scale N` on top, an activity
report, sessions for each role, and the number of SQL queries of each page.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.data --scale 1 --out x

Run by bench/run.py in its own process (production settings, the benchmark database). The data
is generated once per database and reused by later runs (a marker row says which scale it holds).
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# What each page is, who sees it, and its query budget (issue 12, target 1). `{...}` parts are
# filled from the data below.
PAGES = [
    # name, path (after /<lang>/), role, budget, kind
    ("home", "", "anonymous", 8, "public"),
    ("member directory", "members/", "anonymous", 8, "public"),
    ("a member", "members/SN/", "anonymous", 8, "public"),
    ("meetings", "meetings/", "anonymous", 8, "public"),
    ("a meeting", "meetings/{meeting}/", "anonymous", 8, "public"),
    ("a meeting's review", "meetings/{meeting}/review/", "anonymous", 8, "public"),
    ("best-practice list", "best-practices/", "anonymous", 8, "public"),
    ("a best practice", "best-practices/{practice}/", "anonymous", 8, "public"),
    ("compendium", "compendium/", "anonymous", 8, "public"),
    ("recommendation list, 50 rows", "recommendations/?per_page=50", "focal_point", 12, "list"),
    ("search (recommendations)", "recommendations/?q=douane", "focal_point", 12, "list"),
    ("my actions", "recommendations/mine/", "focal_point", 12, "list"),
    ("review queue", "recommendations/reviews/", "secretariat", 12, "list"),
    ("dashboard", "dashboard/", "supervisor", 15, "dashboard"),
    ("matrix", "dashboard/matrix/", "supervisor", 15, "dashboard"),
    ("report list", "reports/", "secretariat", 15, "list"),
    ("activity report (draft)", "reports/{report}/", "secretariat", 15, "report"),
]
EMAILS = {
    "secretariat": "secretariat@example.org",
    "focal_point": "fp-sn@example.org",
    "supervisor": "supervisor@example.org",
    "expert": "expert@example.org",
}


def prepare(scale: float) -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_marker (scale double precision)")
        cursor.execute("SELECT scale FROM bench_marker")
        row = cursor.fetchone()
    if row is not None:
        if row[0] != scale:
            raise SystemExit(f"The database holds scale {row[0]}, not {scale}: drop it first.")
        return
    started = time.perf_counter()
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("generate_data", scale=scale, seed=42, verbosity=0)
    _activity_report()
    # An edition big enough (about 150 pages) for its build to overlap the page measurements.
    from bench.compendium import make_edition
    from best_practices.pdf import build_edition
    from best_practices.services import edition_publish
    from members.models import User

    edition = make_edition(150)
    build_edition(edition=edition)  # published, so that experts download it in the load test
    edition_publish(edition=edition, user=User.objects.get(email=EMAILS["secretariat"]))
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_marker (scale) VALUES (%s)", [scale])
        cursor.execute("ANALYZE")
    print(f"Generated scale {scale} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _activity_report() -> None:
    from datetime import date

    from members.models import User
    from reports.models import Report
    from reports.services import report_save

    report_save(
        user=User.objects.get(email=EMAILS["secretariat"]),
        kind=Report.Kind.ACTIVITY,
        data={
            "title_fr": "Rapport d'activité 2025 (banc d'essai)",
            "title_en": "Activity report 2025 (benchmark)",
            "summary_fr": "Texte illustratif (données de démonstration).",
            "summary_en": "Illustrative text (demo data).",
            "period_start": date(2025, 1, 1),
            "period_end": date(2025, 12, 31),
        },
    )


def facts() -> dict:
    """The objects the pages and the load need, and a fresh session for each role."""
    from django.conf import settings
    from django.test import Client

    from best_practices.models import BestPractice, CompendiumEdition
    from members.models import FocalPoint, User
    from recommendations.models import Meeting, Recommendation, RecommendationStatus
    from reports.models import Report

    meeting = Meeting.objects.filter(slug__startswith="gtr-").order_by("-number").first()
    practice = BestPractice.objects.filter(state="published").order_by("pk").first()
    edition = CompendiumEdition.objects.get(slug="bench")
    report = Report.objects.filter(kind=Report.Kind.ACTIVITY).order_by("-pk").first()
    sessions = {}
    for role, email in EMAILS.items():
        client = Client()
        client.force_login(User.objects.get(email=email))
        sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    # Focal points of several administrations submit updates in the load test, each to
    # recommendations its administration leads (each administration has its evidence quota).
    reporters = []
    for focal_point in FocalPoint.objects.select_related("user", "administration").order_by(
        "administration__iso2"
    ):
        open_ones = list(
            Recommendation.objects.filter(
                actor_links__actor__member=focal_point.administration,
                actor_links__role="lead",
                status__in=[RecommendationStatus.IN_PROGRESS, RecommendationStatus.NOT_STARTED],
            )
            .order_by("pk")
            .values_list("reference", flat=True)[:20]
        )
        if not open_ones:
            continue
        client = Client()
        client.force_login(focal_point.user)
        reporters.append(
            {
                "email": focal_point.user.email,
                "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "references": open_ones,
            }
        )
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "sessions": sessions,
        "reporters": reporters[:12],
        "fill": {
            "meeting": meeting.slug,
            "practice": practice.slug if practice else "",
            "report": report.pk,
        },
        "edition": edition.slug,
        "counts": {
            "recommendations": Recommendation.objects.count(),
            "meetings": Meeting.objects.count(),
        },
    }


def query_counts(data: dict) -> dict:
    """Each page's SQL queries, in both languages, rendered afresh (the page cache off)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    counts = {}
    for name, path, role, _budget, _kind in PAGES:
        per_language = []
        for language in ("fr", "en"):
            client = Client()
            if role != "anonymous":
                client.cookies[settings.SESSION_COOKIE_NAME] = data["sessions"][role]
            url = f"/{language}/" + path.format(**data["fill"])
            client.get(url)  # warm: first-use queries (site, content types) are not the page's
            # Twice, the fewer counted: a session notes its last activity once a minute (three
            # queries of its own, members/sessions.py), in whichever request comes then.
            measured = []
            for _ in range(2):
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{url} as {role} answered {response.status_code}")
                measured.append(len(queries))
            per_language.append(min(measured))
        counts[name] = max(per_language)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    import django

    django.setup()
    prepare(args.scale)
    data = facts()
    data["queries"] = query_counts(data)
    Path(args.out).write_text(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()
