"""Exports of the recommendation list: a background job per request, a file kept for a day,
downloaded only by the user who asked and by the secretariat."""

import csv
import io
import time
from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from commissions.models import TechnicalCommission
from gtr_portal.core.storage import private_storage
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.services import job_run
from recommendations import services
from recommendations.exports import EXPORT_DIRECTORY, EXPORT_JOB
from recommendations.models import Meeting, Recommendation
from tests.conftest import downloaded
from tests.factories import MeetingFactory, make_recommendation


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def security(db):
    return TechnicalCommission.objects.create(
        number=2, slug="security", name_fr="Sécurité", name_en="Security", mandate_fr="M"
    )


def ask(client, query: dict, export_format: str = "csv", *, language: str = "en"):
    """Click "Export" on the list filtered by `query`; the job is only queued."""
    return client.post(
        f"/{language}/recommendations/export/",
        {"query": urlencode(query, doseq=True), "format": export_format},
    )


def export(client, query: dict, export_format: str = "csv", *, language: str = "en") -> Job:
    """Ask for an export, then run its job as the worker would."""
    response = ask(client, query, export_format, language=language)
    assert response.status_code == 302, response.content
    job = Job.objects.filter(kind=EXPORT_JOB).latest("pk")
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "done", job.error
    return job


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark spreadsheets look for
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def download_url(job: Job, language: str = "en") -> str:
    return f"/{language}/recommendations/exports/{job.pk}/download/"


def page_url(job: Job, language: str = "en") -> str:
    return f"/{language}/recommendations/exports/{job.pk}/"


@pytest.mark.django_db
def test_asking_for_an_export_queues_a_job_and_reads_no_recommendation(
    client, fp_senegal, meeting, security, django_capture_on_commit_callbacks
):
    for _ in range(30):
        make_recommendation(meeting, commission=security)
    client.force_login(fp_senegal)

    started = time.monotonic()
    with (
        django_capture_on_commit_callbacks() as callbacks,
        CaptureQueriesContext(connection) as queries,
    ):
        response = ask(client, {"commission": "security", "overdue": "on", "page": "2"}, "xlsx")
    elapsed = time.monotonic() - started

    job = Job.objects.get(kind=EXPORT_JOB)
    assert response.status_code == 302
    assert response["Location"] == page_url(job)
    assert elapsed < 1
    assert (job.status, job.progress, job.requested_by, job.language) == (
        "queued",
        0,
        fp_senegal,
        "en",
    )
    assert job.params == {"format": "xlsx", "query": "commission=security&overdue=on"}
    assert len(callbacks) == 1  # the job is sent to the worker once the request commits
    read = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith("SELECT")]
    assert not [sql for sql in read if 'FROM "recommendations_recommendation"' in sql]


@pytest.mark.django_db
@pytest.mark.freeze_time("2026-11-23")
def test_the_csv_holds_exactly_the_filtered_rows_with_their_labels(
    client, fp_senegal, meeting, security
):
    late = make_recommendation(
        meeting,
        lead=("SN",),
        others=("NG", "CI"),
        deadline=date(2025, 1, 31),
        commission=security,
        title_en="Security operations centre",
        title_fr="Centre de sécurité",
        priority="high",
    )
    make_recommendation(meeting, lead=("NG",), deadline=date(2027, 1, 1), commission=security)
    make_recommendation(meeting, lead=("GH",), deadline=date(2025, 1, 1))
    commission_meeting = MeetingFactory(
        kind=Meeting.Kind.COMMISSION,
        number=None,
        commission=security,
        slug="ct2-2024",
        start_date=date(2024, 3, 1),
        end_date=date(2024, 3, 2),
    )
    french_only = make_recommendation(
        commission_meeting,
        lead=("ROCB-WCA",),
        deadline=date(2025, 6, 1),
        commission=security,
        title_fr="Seulement en français",
        title_en="",
    )
    client.force_login(fp_senegal)

    job = export(client, {"commission": "security", "overdue": "on", "sort": "-reference"})
    rows = csv_rows(downloaded(client.get(download_url(job))))

    assert rows[0][:4] == ["Reference", "Meeting", "Commission", "Title"]
    by_reference = {row[0]: row for row in rows[1:]}
    assert [row[0] for row in rows[1:]] == sorted(by_reference, reverse=True)
    assert set(by_reference) == {late.reference, french_only.reference}
    assert by_reference[late.reference][1:] == [
        "5th meeting of the GTR",
        "Security",
        "Security operations centre",
        "Senegal",
        "Nigeria; Côte d'Ivoire",
        "2025-01-31",
        "High",
        "Not started",
        "0",
        "yes",
        "",
    ]
    assert by_reference[french_only.reference][1:4] == [
        "Meeting of the commission “Security”, 2024",
        "Security",
        "Seulement en français",  # the list's fallback when a title lacks a language
    ]
    assert job.result["rows"] == 2


@pytest.mark.django_db
@pytest.mark.freeze_time("2026-11-23")
def test_the_xlsx_opens_in_the_language_of_the_request(client, fp_senegal, meeting):
    first = make_recommendation(meeting, deadline=date(2025, 1, 1), title_fr="=1+1 sans formule")
    make_recommendation(meeting, deadline=date(2099, 1, 1))
    client.force_login(fp_senegal)

    job = export(client, {"overdue": "on"}, "xlsx", language="fr")
    response = client.get(download_url(job, "fr"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="recommendations-2026-11-23.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(downloaded(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Référence"
    assert [row[0] for row in rows[1:]] == [first.reference]
    assert rows[1][3] == "=1+1 sans formule"  # text, not a formula
    assert rows[1][6].date() == date(2025, 1, 1)


@pytest.mark.django_db
def test_another_focal_point_cannot_follow_or_download_an_export(
    client, fp_senegal, fp_nigeria, supervisor, secretariat, meeting
):
    make_recommendation(meeting)
    client.force_login(fp_senegal)
    job = export(client, {})
    assert csv_rows(downloaded(client.get(download_url(job))))[1][0] == "GTR5-R01"

    client.force_login(fp_nigeria)
    assert client.get(page_url(job)).status_code == 404
    assert client.get(download_url(job)).status_code == 404
    # Supervisors read everything on the portal, but an export is one user's file.
    client.force_login(supervisor)
    assert client.get(download_url(job)).status_code == 404

    client.force_login(secretariat)
    assert client.get(page_url(job)).status_code == 200
    assert csv_rows(downloaded(client.get(download_url(job))))[1][0] == "GTR5-R01"

    client.logout()
    response = client.get(download_url(job))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_an_id_of_another_kind_of_job_is_not_an_export(client, fp_senegal):
    from best_practices.jobs import BUILD_JOB

    other = Job.objects.create(kind=BUILD_JOB, subject="x", language="en", requested_by=fp_senegal)
    client.force_login(fp_senegal)

    assert client.get(page_url(other)).status_code == 404


def _export_queries(client, meetings, security, count: int, assert_max_num_queries) -> int:
    for i in range(count):
        make_recommendation(
            meetings[i % len(meetings)],
            lead=(("SN", "NG", "ROCB-WCA")[i % 3],),
            others=("CI",) if i % 2 else (),
            commission=security if i % 2 else None,
        )
    ask(client, {})
    job = Job.objects.filter(kind=EXPORT_JOB).latest("pk")
    with assert_max_num_queries(20), CaptureQueriesContext(connection) as queries:
        job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.result["rows"]) == ("done", Recommendation.objects.count()), job.error
    return len(queries)


@pytest.mark.django_db
def test_the_export_job_runs_a_constant_number_of_queries(
    client, fp_senegal, security, django_assert_max_num_queries
):
    meetings = [
        MeetingFactory(number=5, slug="gtr-5"),
        MeetingFactory(number=6, slug="gtr-6"),
        MeetingFactory(
            kind=Meeting.Kind.COMMISSION, number=None, commission=security, slug="ct2-2024"
        ),
    ]
    client.force_login(fp_senegal)

    few = _export_queries(client, meetings, security, 50, django_assert_max_num_queries)
    # 300 rows in all: the same queries, whatever the number of rows.
    many = _export_queries(client, meetings, security, 250, django_assert_max_num_queries)

    assert many == few


@pytest.mark.django_db
def test_the_export_page_follows_the_job_in_both_languages(client, fp_senegal, meeting):
    make_recommendation(meeting)
    client.force_login(fp_senegal)
    ask(client, {"meeting": "gtr-5"})
    job = Job.objects.get(kind=EXPORT_JOB)

    queued = client.get(page_url(job)).content.decode()
    assert 'data-job-status="queued"' in queued
    assert f'data-job-url="/en/jobs/{job.pk}/"' in queued
    assert '<meta http-equiv="refresh" content="5">' in queued  # without JavaScript
    assert "Queued" in queued
    assert "En file d" in client.get(page_url(job, "fr")).content.decode()

    Job.objects.filter(pk=job.pk).update(status="running", progress=45)
    running = client.get(page_url(job)).content.decode()
    assert 'value="45"' in running and "Running" in running
    assert client.get(f"/en/jobs/{job.pk}/").json()["progress"] == 45

    Job.objects.filter(pk=job.pk).update(status="queued", progress=0)
    job_run(job_id=job.pk)
    done = client.get(page_url(job)).content.decode()
    assert download_url(job) in done
    assert "1 recommendation." in done
    assert "http-equiv" not in done
    assert "Terminé" in client.get(page_url(job, "fr")).content.decode()


@pytest.mark.django_db
def test_a_failed_export_shows_its_reason_and_can_be_tried_again(
    client, fp_senegal, django_capture_on_commit_callbacks
):
    gone = MeetingFactory(number=9, slug="gtr-9")
    client.force_login(fp_senegal)
    ask(client, {"meeting": "gtr-9"})
    job = Job.objects.get(kind=EXPORT_JOB)
    gone.delete()

    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    page = client.get(page_url(job)).content.decode()
    assert "no longer valid" in page
    assert "Try again" in page
    assert client.get(download_url(job))["Location"] == page_url(job)

    MeetingFactory(number=9, slug="gtr-9")
    response = ask(client, {"meeting": "gtr-9"})
    retried = Job.objects.filter(kind=EXPORT_JOB).latest("pk")
    assert retried.pk != job.pk and retried.status == "queued"
    assert response["Location"] == page_url(retried)


@pytest.mark.django_db
def test_a_second_export_while_one_is_prepared_leads_to_the_first(client, fp_senegal, meeting):
    client.force_login(fp_senegal)
    ask(client, {})
    first = Job.objects.get(kind=EXPORT_JOB)

    response = ask(client, {"overdue": "on"}, "xlsx")

    assert response["Location"] == page_url(first)
    assert Job.objects.filter(kind=EXPORT_JOB).count() == 1


@pytest.mark.django_db
def test_invalid_filters_or_format_queue_nothing(client, fp_senegal, meeting):
    client.force_login(fp_senegal)

    for response in (
        ask(client, {"deadline_after": "not a date"}),
        ask(client, {}, "pdf"),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/en/recommendations/")
    assert not Job.objects.filter(kind=EXPORT_JOB).exists()


@pytest.mark.django_db
def test_the_file_expires_after_a_day_and_the_page_offers_a_new_export(client, fp_senegal, meeting):
    make_recommendation(meeting)
    client.force_login(fp_senegal)
    job = export(client, {"meeting": "gtr-5"})
    storage = private_storage()
    name = job.result["files"][0]
    orphan = storage.save(f"{EXPORT_DIRECTORY}/999-left-by-a-dead-worker.csv", ContentFile(b"x"))

    assert services.recommendation_exports_expire() == {"jobs": 0, "files": 0}
    assert storage.exists(name)

    later = timezone.now() + timedelta(hours=25)
    assert services.recommendation_exports_expire(now=later) == {"jobs": 1, "files": 2}
    assert not storage.exists(name) and not storage.exists(orphan)
    job.refresh_from_db()
    assert job.result["expired"] is True and "files" not in job.result

    page = client.get(page_url(job)).content.decode()
    assert "This file has expired" in page
    assert 'data-export-state="expired"' in page
    assert "Export again" in page and 'value="meeting=gtr-5"' in page
    assert client.get(download_url(job))["Location"] == page_url(job)


@pytest.mark.django_db
def test_a_file_older_than_a_day_is_not_served_even_before_the_sweep(client, fp_senegal, meeting):
    make_recommendation(meeting)
    client.force_login(fp_senegal)
    job = export(client, {})
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(hours=25))

    assert client.get(download_url(job))["Location"] == page_url(job)
    assert "This file has expired" in client.get(page_url(job)).content.decode()


@pytest.mark.django_db
def test_old_export_addresses_and_visitors_go_through_the_confirmation(client, fp_senegal, meeting):
    response = client.get("/en/recommendations/", {"overdue": "on", "format": "csv"})
    confirmation = "/en/recommendations/export/?format=csv&query=overdue%3Don"
    assert response["Location"] == confirmation

    # A visitor signs in first, then confirms: the filters survive the detour.
    assert "/accounts/login/" in client.get(confirmation)["Location"]
    list_page = client.get("/en/recommendations/", {"overdue": "on"}).content.decode()
    assert 'href="/en/recommendations/export/?format=xlsx&amp;query=overdue%3Don"' in list_page

    client.force_login(fp_senegal)
    form = client.get(confirmation).content.decode()
    assert 'name="query" value="overdue=on"' in form
    assert 'value="csv" checked' in form
    assert not Job.objects.filter(kind=EXPORT_JOB).exists()


@pytest.mark.django_db
def test_the_list_posts_its_filters_to_the_export(client, fp_senegal, meeting):
    client.force_login(fp_senegal)

    page = client.get("/en/recommendations/", {"actor": "SN", "page": "1"}).content.decode()

    assert 'action="/en/recommendations/export/"' in page
    assert 'name="query" value="actor=SN"' in page
    assert 'data-export="csv"' in page and 'data-export="xlsx"' in page
