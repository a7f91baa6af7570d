"""Issue 4 journeys: a focal point writes and submits a practice, the secretariat returns it and
publishes the resubmission, builds an edition and watches it finish, a visitor downloads it."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from best_practices import services
from best_practices.models import BestPractice, CompendiumEdition
from tests.best_practices.conftest import make_published
from tests.factories import PASSWORD

from .fixtures import sign_in, sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focal_point_writes_and_submits_a_practice_in_french(page, screenshot, fp_senegal):
    sign_in(page, fp_senegal.email, PASSWORD)
    page.goto("/fr/best-practices/")
    page.get_by_role("link", name="Rédiger une bonne pratique").click()

    page.get_by_label("Titre – Français").fill("Le guichet unique ORBUS")
    page.get_by_label("Résumé – Français").fill(
        "Toutes les formalités préalables sont dématérialisées."
    )
    page.get_by_label("Description – Français").fill(
        "## Contexte\n\nLe **guichet unique** relie les acteurs."
    )
    page.get_by_label("Dédouanement électronique").check()
    page.get_by_label("année de mise en place").fill("2017")
    screenshot("practice-form-fr")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La pratique est enregistrée comme brouillon.")).to_be_visible()

    page.get_by_role("button", name="Soumettre pour validation").click()
    expect(page.get_by_text("La pratique a été transmise au Secrétariat")).to_be_visible()
    screenshot("practice-submitted-fr")
    practice = BestPractice.objects.get()
    assert (practice.state, practice.administration.iso2) == ("submitted", "SN")
    assert "<strong>guichet unique</strong>" in practice.body_html_fr


def test_secretariat_returns_a_practice_then_publishes_the_resubmission(
    page, screenshot, fp_senegal, senegal, secretariat
):
    from tests.best_practices.conftest import practice_data

    practice = services.practice_save(user=fp_senegal, administration=senegal, data=practice_data())
    services.practice_submit(practice=practice, user=fp_senegal)
    sign_in_with_second_factor(page, secretariat)

    page.goto(f"/fr/best-practices/{practice.slug}/")
    page.get_by_label(re.compile("Validation")).fill("Ajoutez des indicateurs chiffrés.")
    page.get_by_role("button", name="Renvoyer avec le commentaire").click()
    expect(page.get_by_text("La pratique a été renvoyée")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, fp_senegal.email, PASSWORD)
    page.goto(f"/fr/best-practices/{practice.slug}/")
    expect(page.get_by_text("Ajoutez des indicateurs chiffrés.")).to_be_visible()
    page.get_by_role("link", name="Modifier").click()
    page.get_by_label("Résultats et indicateurs – Français").fill(
        "Délai moyen : de 3 jours à 6 heures."
    )
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("button", name="Soumettre pour validation").click()

    page.context.clear_cookies()
    sign_in_with_second_factor(page, secretariat)
    page.goto(f"/fr/best-practices/{practice.slug}/")
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("La pratique est publiée.")).to_be_visible()
    screenshot("practice-published-fr")
    practice.refresh_from_db()
    assert practice.state == "published"
    assert practice.results_fr == "Délai moyen : de 3 jours à 6 heures."


def test_secretariat_builds_an_edition_and_watches_it_finish(
    page, screenshot, celery_worker, secretariat, fp_senegal, senegal
):
    make_published(fp_senegal, senegal, "Guichet unique ORBUS")
    make_published(fp_senegal, senegal, "Paiement mobile", theme="mobile-new-technologies")
    sign_in_with_second_factor(page, secretariat)

    page.goto("/fr/compendium/")
    page.get_by_role("link", name="Nouvelle édition").click()
    page.get_by_label("Titre – Français").fill("Recueil des meilleures pratiques")
    page.get_by_label("Titre – English").fill("Compendium of best practices")
    from datetime import date

    page.get_by_label("première année").fill(str(date.today().year))
    page.get_by_label("dernière année").fill(str(date.today().year))
    page.get_by_role("button", name="Créer l'édition").click()
    expect(page.get_by_text("Édition créée avec les 2 pratiques")).to_be_visible()

    page.get_by_role("button", name="Produire les PDF").click()
    expect(page.locator("[data-build] [data-job-status]")).to_have_attribute(
        "data-job-status", re.compile("queued|running|done")
    )
    screenshot("edition-build-running-fr")
    expect(page.locator("[data-build] [data-job-status]")).to_have_attribute(
        "data-job-status", "done", timeout=60_000
    )
    expect(page.locator("tr[data-file]")).to_have_count(2)
    screenshot("edition-build-done-fr")
    edition = CompendiumEdition.objects.get()
    assert edition.files.count() == 2


def test_visitor_downloads_the_english_pdf(page, screenshot, secretariat, fp_senegal, senegal):
    from best_practices.pdf import build_edition

    make_published(fp_senegal, senegal, "Guichet unique ORBUS", title_en="ORBUS single window")
    from datetime import date

    edition = CompendiumEdition.objects.create(
        slug="recueil",
        title_fr="Recueil",
        title_en="Compendium",
        period_start=date.today().year,
        period_end=date.today().year,
    )
    services.edition_fill_default(edition=edition)
    build_edition(edition=edition)
    services.edition_publish(edition=edition, user=secretariat)

    page.goto("/en/compendium/")
    screenshot("compendium-en")
    with page.expect_download() as download_info:
        page.locator('[data-download="en"]').click()

    pdf = PdfReader(Path(download_info.value.path()))
    assert pdf.metadata.title == "Compendium"
    assert "ORBUS single window" in "".join(p.extract_text() for p in pdf.pages)
    assert edition.files.get(language="en").downloads == 1
