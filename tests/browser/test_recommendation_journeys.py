"""Issue 3 journeys: a focal point reports with evidence, the secretariat returns then accepts,
a supervisor exports overdue recommendations of a commission (a background job), a visitor
reads a meeting."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from commissions.models import TechnicalCommission
from recommendations.models import ProgressUpdate, Recommendation
from tests.factories import PASSWORD, MeetingFactory, actor, make_recommendation
from tests.recommendations.conftest import one_page_pdf

from .fixtures import sign_in, sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = one_page_pdf()  # a PDF without a page is refused


@pytest.fixture
def dakar(page):
    meeting = MeetingFactory(
        number=5,
        slug="gtr-5",
        start_date=date(2019, 4, 24),
        end_date=date(2019, 4, 26),
        city="Dakar",
        theme_fr="Quel dispositif informatique pour le renforcement du contrôle anticipé ?",
        theme_en="Which computer mechanism for the reinforcement of anticipated inspections?",
    )
    meeting.participants.set([actor("SN"), actor("CI"), actor("UNCTAD")])
    return meeting


@pytest.fixture
def study(dakar):
    return make_recommendation(
        dakar,
        lead=("SN",),
        others=("NG",),
        deadline=date(2027, 4, 30),
        title_fr="Étudier les nouvelles technologies",
        title_en="Study new technologies",
    )


def test_focal_point_of_senegal_submits_an_update_with_an_evidence_pdf(
    page, screenshot, study, fp_senegal, tmp_path
):
    evidence = tmp_path / "rapport-etude.pdf"
    evidence.write_bytes(PDF)
    sign_in(page, fp_senegal.email, PASSWORD)

    page.goto("/fr/recommendations/mine/")
    expect(page.locator(f'[data-reference="{study.reference}"]')).to_be_visible()
    screenshot("my-actions-fr")
    page.locator(f'[data-reference="{study.reference}"]').get_by_role(
        "link", name="Rendre compte"
    ).click()
    page.get_by_label("Ce qui a été fait").fill("L'étude a été lancée avec l'université de Dakar.")
    page.get_by_label("Avancement (%)").fill("30")
    page.get_by_label("Statut proposé").select_option("in_progress")
    page.get_by_label("Pièces justificatives").set_input_files(str(evidence))
    screenshot("progress-update-form-fr")
    page.get_by_role("button", name="Soumettre pour validation").click()

    expect(page.get_by_text("Votre point d'avancement a été transmis")).to_be_visible()
    expect(page.locator('[data-update-state="pending"]')).to_contain_text("université de Dakar")
    expect(page.get_by_role("link", name=re.compile("rapport-etude.pdf"))).to_be_visible()
    screenshot("recommendation-with-pending-update-fr")
    update = ProgressUpdate.objects.get()
    assert (update.state, update.progress, update.evidence.get().original_name) == (
        "pending",
        30,
        "rapport-etude.pdf",
    )


def test_secretariat_returns_an_update_then_accepts_the_resubmission(
    page, screenshot, study, fp_senegal, secretariat
):
    from recommendations.services import update_submit

    update = update_submit(
        recommendation=study,
        user=fp_senegal,
        as_of=date(2026, 11, 1),
        narrative="Étude lancée.",
        progress=30,
        proposed_status="in_progress",
    )
    sign_in_with_second_factor(page, secretariat)

    page.goto("/fr/recommendations/reviews/")
    screenshot("review-queue-fr")
    page.get_by_label(re.compile("Validation")).fill("Joignez le cahier des charges de l'étude.")
    page.get_by_role("button", name="Renvoyer à l'acteur").click()
    expect(page.get_by_text("Point d'avancement renvoyé à l'acteur")).to_be_visible()
    update.refresh_from_db()
    assert update.state == "returned"

    page.context.clear_cookies()
    sign_in(page, fp_senegal.email, PASSWORD)
    page.goto(study.get_absolute_url())
    expect(page.get_by_text("Joignez le cahier des charges")).to_be_visible()
    page.get_by_role("link", name="Corriger et soumettre à nouveau").click()
    expect(page.get_by_label("Ce qui a été fait")).to_have_value("Étude lancée.")
    page.get_by_label("Ce qui a été fait").fill("Étude lancée ; cahier des charges validé.")
    page.get_by_label("Avancement (%)").fill("45")
    page.get_by_role("button", name="Soumettre à nouveau pour validation").click()
    expect(page.locator('[data-update-state="pending"]')).to_contain_text(
        "cahier des charges validé"
    )

    page.context.clear_cookies()
    sign_in_with_second_factor(page, secretariat)
    page.goto(study.get_absolute_url())
    page.get_by_role("button", name="Accepter").click()
    expect(page.get_by_text("Point d'avancement accepté")).to_be_visible()
    expect(page.locator("aside")).to_contain_text("45 %")
    screenshot("recommendation-after-acceptance-fr")
    study.refresh_from_db()
    assert (study.status, study.progress) == ("in_progress", 45)


def test_supervisor_exports_the_overdue_recommendations_of_one_commission(
    page, screenshot, celery_worker, dakar, supervisor
):
    security = TechnicalCommission.objects.create(
        number=2,
        slug="security",
        name_fr="Sécurité des systèmes",
        name_en="Systems security",
        mandate_fr="Sécurité",
    )
    late = [
        make_recommendation(dakar, lead=("SN",), commission=security, deadline=date(2020, 1, 1)),
        make_recommendation(dakar, lead=("GH",), commission=security, deadline=date(2021, 1, 1)),
    ]
    make_recommendation(dakar, lead=("NG",), commission=security, deadline=date(2099, 1, 1))
    make_recommendation(dakar, lead=("NG",), deadline=date(2020, 1, 1))
    # Supervisors sign in with a second factor (an export is made for a signed-in user).
    sign_in_with_second_factor(page, supervisor, language="en")

    page.goto("/en/recommendations/")
    page.get_by_label("Commission").select_option("security")
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Apply the filters").click()
    expect(page.locator("tr[data-reference]")).to_have_count(2)
    screenshot("recommendations-overdue-security-en")
    # The export is prepared by the worker; its page follows the job, then offers the file.
    page.get_by_role("button", name="Export XLSX").click()
    expect(page).to_have_url(re.compile(r"/en/recommendations/exports/\d+/$"))
    expect(page.locator("[data-job-status]")).to_have_attribute(
        "data-job-status", "done", timeout=60_000
    )
    screenshot("recommendations-export-done-en")
    with page.expect_download() as download_info:
        page.locator("[data-download]").click()

    workbook = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Reference"
    assert {row[0] for row in rows[1:]} == {r.reference for r in late}


def test_visitor_reads_the_5th_meetings_page_in_english(page, screenshot, dakar, study):
    page.goto("/en/meetings/")
    page.get_by_role("link", name="5th meeting of the GTR").click()

    expect(page.get_by_role("heading", name="5th meeting of the GTR", level=1)).to_be_visible()
    expect(page.get_by_text("Which computer mechanism")).to_be_visible()
    expect(page.get_by_role("link", name=study.reference)).to_be_visible()
    expect(page.get_by_text("United Nations Conference on Trade and Development")).to_be_visible()
    screenshot("meeting-5-en")
    assert Recommendation.objects.count() == 1
