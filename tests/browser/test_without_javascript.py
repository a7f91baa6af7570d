"""Members on old phones or locked-down office browsers may have JavaScript off: the portal
still works, and a page that waits for background work follows it by itself."""

import pytest
from playwright.sync_api import expect

from tests.best_practices.conftest import make_published
from tests.browser.fixtures import sign_in_with_second_factor

pytestmark = pytest.mark.browser


def test_secretariat_without_javascript_builds_an_edition_and_sees_it_finish(
    browser, live_server, celery_worker, secretariat, fp_senegal, senegal
):
    from best_practices import services
    from best_practices.models import CompendiumEdition

    make_published(fp_senegal, senegal, "Guichet unique ORBUS")
    edition = CompendiumEdition.objects.create(
        slug="recueil-sans-js",
        title_fr="Recueil des meilleures pratiques",
        title_en="Compendium of best practices",
        period_start=2026,
        period_end=2026,
    )
    services.edition_fill_default(edition=edition)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in_with_second_factor(page, secretariat)
        page.goto(edition.get_absolute_url())
        page.get_by_role("button", name="Produire les PDF").click()

        # No script polls the job: the page reloads itself until the PDFs are there.
        expect(page.locator("tr[data-file]")).to_have_count(2, timeout=60_000)
        expect(page.locator("[data-build] [data-job-status]")).to_have_attribute(
            "data-job-status", "done"
        )
    finally:
        context.close()
