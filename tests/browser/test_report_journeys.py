"""Issue 5 journeys: the secretariat drafts, finalises and builds an activity report and
downloads the French PDF; a visitor reads a finalised meeting report."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from reports import services
from reports.models import Report
from tests.factories import MeetingFactory, make_recommendation

from .fixtures import sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_drafts_finalises_and_builds_an_activity_report(
    page, screenshot, celery_worker, secretariat
):
    meeting = MeetingFactory(
        number=8,
        slug="gtr-8",
        start_date=date(2025, 5, 14),
        end_date=date(2025, 5, 16),
        city="Libreville",
    )
    make_recommendation(meeting, lead=("SN",), deadline=date(2025, 12, 1))
    sign_in_with_second_factor(page, secretariat)

    page.goto("/fr/reports/")
    page.get_by_role("link", name="Nouveau rapport d'activité").click()
    page.get_by_label("Titre – Français").fill("Rapport d'activité 2025")
    page.get_by_label("Titre – English").fill("Activity report 2025")
    page.locator("#id_period_start").fill("2025-01-01")
    page.locator("#id_period_end").fill("2025-12-31")
    page.get_by_label("Introduction et faits marquants – Français").fill("Une année dense.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le rapport est enregistré comme brouillon.")).to_be_visible()
    screenshot("activity-report-draft-fr")

    page.get_by_role("button", name="Finaliser").click()
    expect(page.locator("[data-report-status]")).to_have_attribute("data-report-status", "final")
    page.get_by_role("button", name="Produire les PDF").click()
    expect(page.locator("[data-build] [data-job-status]")).to_have_attribute(
        "data-job-status", "done", timeout=60_000
    )
    screenshot("activity-report-final-fr")
    with page.expect_download() as download_info:
        page.locator('[data-download="fr"]').click()

    pdf = PdfReader(Path(download_info.value.path()))
    assert pdf.metadata.title == "Rapport d'activité 2025"
    assert "recommandations adoptées" in pdf.pages[0].extract_text()


def test_visitor_reads_a_finalised_meeting_report(page, screenshot, secretariat, interconnection):
    report = services.report_save(
        user=secretariat,
        kind="meeting",
        data={
            "title_fr": "Rapport de la 5e réunion",
            "title_en": "Report of the 5th meeting",
            "meeting": interconnection.meeting,
            "summary_en": "Rich discussions on SIGMAT.",
            "summary_fr": "Débats riches sur SIGMAT.",
        },
    )
    services.report_finalise(report=report, user=secretariat)
    draft = services.report_save(
        user=secretariat,
        kind="meeting",
        data={"title_fr": "Brouillon confidentiel", "meeting": interconnection.meeting},
    )

    page.goto("/en/reports/")
    expect(page.get_by_text("Brouillon confidentiel")).to_have_count(0)
    page.get_by_role("link", name="Report of the 5th meeting").click()

    expect(page.get_by_role("heading", name="Report of the 5th meeting")).to_be_visible()
    expect(page.get_by_text("Rich discussions on SIGMAT.")).to_be_visible()
    expect(page.get_by_text(interconnection.reference)).to_be_visible()
    screenshot("meeting-report-en")
    assert Report.objects.get(pk=draft.pk).status == "draft"
