from datetime import date

import pytest
from pypdf import PdfReader

from gtr_portal.core.errors import DomainError
from gtr_portal.jobs.services import job_run
from recommendations.models import Meeting, Recommendation
from reports import services
from reports.models import Report
from tests.factories import MeetingFactory, make_recommendation


@pytest.fixture
def activity(db, secretariat):
    meeting = MeetingFactory(
        number=8,
        slug="gtr-8",
        start_date=date(2025, 5, 14),
        end_date=date(2025, 5, 16),
        city="Libreville",
    )
    make_recommendation(meeting, lead=("SN",), deadline=date(2025, 12, 1))
    make_recommendation(meeting, lead=("NG",), deadline=date(2027, 1, 1))
    return services.report_save(
        user=secretariat,
        kind="activity",
        data={
            "title_fr": "Rapport d'activité 2025",
            "title_en": "Activity report 2025",
            "period_start": date(2025, 1, 1),
            "period_end": date(2025, 12, 31),
            "summary_fr": "Une année de travail.",
            "summary_en": "A year of work.",
        },
    )


@pytest.mark.django_db
def test_a_finalised_reports_figures_do_not_change_when_a_recommendation_changes(
    client, activity, secretariat
):
    activity = services.report_finalise(report=activity, user=secretariat)
    before = client.get(activity.get_absolute_url()).content.decode()
    assert activity.snapshot["headline"]["implemented"] == 0

    recommendation = Recommendation.objects.first()
    recommendation.set_status("implemented", 100, on=date(2025, 6, 1))
    recommendation.save()

    activity.refresh_from_db()
    assert activity.snapshot["headline"]["implemented"] == 0
    assert services.report_facts(activity)["headline"]["implemented"] == 0
    after = client.get(activity.get_absolute_url()).content.decode()
    assert before.split("<article")[1] == after.split("<article")[1]


@pytest.mark.django_db
def test_a_draft_shows_live_figures(activity):
    recommendation = Recommendation.objects.first()
    recommendation.set_status("implemented", 100, on=date(2025, 6, 1))
    recommendation.save()

    assert services.report_facts(activity)["headline"]["implemented"] == 1


@pytest.mark.django_db
def test_a_final_report_is_never_edited_but_superseded_by_a_new_version(
    client, activity, secretariat
):
    services.report_finalise(report=activity, user=secretariat)
    with pytest.raises(DomainError):
        services.report_save(user=secretariat, report=activity, data={"title_fr": "Autre"})
    client.force_login(secretariat)
    assert client.get(f"/fr/reports/{activity.pk}/edit/").status_code == 403

    second = services.report_new_version(report=activity, user=secretariat)

    assert (second.version, second.status, second.supersedes) == (2, "draft", activity)
    with pytest.raises(DomainError):
        services.report_new_version(report=activity, user=secretariat)


@pytest.mark.django_db
def test_drafts_are_for_the_secretariat_and_supervisors_finals_are_public(
    client, activity, secretariat, supervisor, fp_senegal
):
    url = activity.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(fp_senegal)
    assert client.get(url).status_code == 404
    assert "Rapport d&#x27;activité 2025" not in client.get("/fr/reports/").content.decode()
    client.force_login(supervisor)
    assert client.get(url).status_code == 200
    assert client.post(f"/fr/reports/{activity.pk}/finalise/").status_code == 403

    services.report_finalise(report=activity, user=secretariat)
    client.logout()
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_pdfs_are_built_in_both_languages_with_the_charts(activity, secretariat):
    services.report_finalise(report=activity, user=secretariat)
    job = services.report_build_request(report=activity, user=secretariat)

    job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == "done", job.error
    french = PdfReader(activity.files.get(language="fr").file.path)
    english = PdfReader(activity.files.get(language="en").file.path)
    assert french.metadata.title == "Rapport d'activité 2025"
    assert english.metadata.title == "Activity report 2025"
    assert "recommendations adopted" in english.pages[0].extract_text()


@pytest.mark.django_db
def test_rebuilding_an_unchanged_report_reuses_its_pdfs_and_a_change_remakes_them(
    activity, secretariat
):
    """Issue 14: the compendium's reuse by content hash serves the reports too."""
    first = services.report_build(report=activity)
    built_at = dict(activity.files.values_list("language", "built_at"))

    again = services.report_build(report=activity)

    assert not first["fr"]["reused"]
    assert again["fr"]["reused"] and again["en"]["reused"]
    assert dict(activity.files.values_list("language", "built_at")) == built_at
    recommendation = Recommendation.objects.first()
    recommendation.set_status("implemented", 100, on=date(2025, 6, 1))
    recommendation.save()
    assert not services.report_build(report=activity)["fr"]["reused"], "a draft's live figures"


@pytest.mark.django_db
def test_a_meeting_report_lists_the_recommendations_with_actors_and_deadlines(
    client, secretariat, interconnection
):
    report = services.report_save(
        user=secretariat,
        kind="meeting",
        data={
            "title_fr": "Rapport de la 5e réunion",
            "title_en": "Report of the 5th meeting",
            "meeting": interconnection.meeting,
            "summary_fr": "Débats riches.",
        },
    )
    services.report_finalise(report=report, user=secretariat)

    page = client.get(f"/en/reports/{report.pk}/").content.decode()

    assert interconnection.reference in page
    assert "Senegal" in page and "Nigeria" in page
    assert "31 December 2026" in page
    assert (
        Report.objects.get(pk=report.pk).snapshot["recommendations"][0]["lead"]["fr"] == "Sénégal"
    )


@pytest.mark.django_db
def test_an_activity_report_states_each_actors_part_on_screen_and_in_its_pdfs(
    client, activity, secretariat
):
    shared = make_recommendation(
        Meeting.objects.get(slug="gtr-8"), lead=("SN",), others=("ROCB-WCA",)
    )
    shared.actor_links.filter(actor__member__iso2="SN").update(status="in_progress", progress=40)
    services.report_finalise(report=activity, user=secretariat)
    client.force_login(secretariat)

    page = client.get(f"/en/reports/{activity.pk}/").content.decode()
    row = page.split(shared.reference)[1].split("</tr>")[0]
    assert "Senegal (lead): In progress, 40 %" in row
    assert "Not started, 0 %" in row

    job = services.report_build_request(report=activity, user=secretariat)
    job_run(job_id=job.pk)
    text = "".join(
        p.extract_text() for p in PdfReader(activity.files.get(language="fr").file.path).pages
    )
    assert "Suivi par acteur" in text and shared.reference in text


def _snapshot_queries(start, end) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.snapshots import activity_snapshot

    with CaptureQueriesContext(connection) as queries:
        activity_snapshot(start=start, end=end, today=date(2026, 1, 1))
    return len(queries)


@pytest.mark.django_db
def test_an_activity_report_costs_the_same_queries_however_many_meetings_and_members(activity):
    """Issue 12 measured 71 → 251 queries (a count per meeting, a name per member)."""
    period = (date(2025, 1, 1), date(2025, 12, 31))
    before = _snapshot_queries(*period)

    for number, iso2 in enumerate(("CI", "GH", "TG", "BJ", "CM", "GA"), start=20):
        day = date(2025, 6, number - 10)
        meeting = MeetingFactory(number=number, start_date=day, end_date=day)
        make_recommendation(meeting, lead=(iso2,), others=("NG",), deadline=date(2026, 6, 1))

    assert _snapshot_queries(*period) == before


@pytest.mark.django_db
def test_a_drafts_follow_up_table_shows_its_first_rows_on_screen_and_all_of_them_in_the_pdf(
    client, activity, secretariat, monkeypatch
):
    """Issue 12: the table grows with every recommendation of the period (326 KB of page at
    scale 1): the screen shows the first FOLLOW_UP_SHOWN, the PDF all of them."""
    from reports import views

    monkeypatch.setattr(views, "FOLLOW_UP_SHOWN", 1)
    client.force_login(secretariat)

    page = client.get(f"/en/reports/{activity.pk}/").content.decode()
    job = services.report_build_request(report=activity, user=secretariat)
    job_run(job_id=job.pk)
    pdf = "".join(
        p.extract_text() for p in PdfReader(activity.files.get(language="en").file.path).pages
    )

    table = page.split("data-follow-up>")[1].split("</table>")[0]
    assert table.count("<tr>") - 1 == 1
    assert "The first 1 of 2 recommendations are shown here; the PDF holds them all." in page
    assert "GTR8-R01" in pdf and "GTR8-R02" in pdf


@pytest.mark.django_db
def test_a_drafts_facts_are_drawn_once_until_a_recommendation_changes(
    client, activity, secretariat, settings, django_assert_max_num_queries
):
    """Issue 12: a draft's facts cost a query over every recommendation of the period; they are
    drawn once and shared until content changes (the draft stays live)."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    client.force_login(secretariat)
    client.get(f"/en/reports/{activity.pk}/")
    with django_assert_max_num_queries(8):  # session, user, 2FA, report, files, job, menu
        client.get(f"/en/reports/{activity.pk}/")
    added = make_recommendation(Meeting.objects.get(slug="gtr-8"), lead=("NG",))

    page = client.get(f"/en/reports/{activity.pk}/").content.decode()

    assert added.reference in page
    cache.clear()
