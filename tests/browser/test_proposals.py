"""Issue 10, section 5: the secretariat records a proposal of the 8th meeting, sends it to the
Committee of Experts, records the Conference's adoption and follows the decision as a
recommendation with the group as actor; a visitor reads it in the register, in French and in
English. Screenshots at 1366 and 390 px in both languages."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.factories import MeetingFactory

from .fixtures import save_screenshot, sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DECISION_FR = "La Conférence adopte le plan régional et charge le GTR de sa mise en œuvre."
DECISION_EN = "The Conference adopts the regional plan and tasks the GTR with carrying it out."


def _submit(page) -> None:
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_proposal_goes_from_the_8th_meeting_to_a_decision_followed_like_a_recommendation(
    page, screenshot, new_context, secretariat
):
    MeetingFactory(
        number=8,
        slug="gtr-8",
        start_date=date(2025, 5, 14),
        end_date=date(2025, 5, 16),
        city="Libreville",
    )
    conference = MeetingFactory(
        kind="conference",
        number=None,
        slug="cdg-2025",
        start_date=date(2025, 9, 10),
        end_date=date(2025, 9, 12),
        city="Abidjan",
    )
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in_with_second_factor(page, secretariat)

    # From the meeting's page, the secretariat records what the meeting proposed.
    page.goto("/fr/meetings/gtr-8/")
    page.locator('#proposals a[href="/fr/proposals/new/?meeting=gtr-8"]').click()
    page.locator("#id_title_fr").fill("Plan régional de développement des systèmes informatiques")
    page.locator("#id_title_en").fill("Regional IT systems development plan")
    page.locator("#id_text_fr").fill("Le groupe propose d'adopter le plan régional.")
    page.locator("#id_text_en").fill("The group proposes to adopt the regional plan.")
    screenshot("proposal-form-fr-1366")
    _submit(page)
    expect(page).to_have_url("/fr/proposals/GTR8-P01/")
    expect(page.locator("[data-proposal-state]")).to_have_attribute(
        "data-proposal-state", "proposed"
    )

    # Sent to the Committee of Experts.
    page.locator('a[href="/fr/proposals/GTR8-P01/send/"]').click()
    page.locator("#id_sent_on").fill("2025-06-02")
    _submit(page)
    expect(page.locator("[data-proposal-state]")).to_have_attribute("data-proposal-state", "sent")

    # The Conference adopts it: the decision is required, then recorded with date and reference.
    page.locator('a[href="/fr/proposals/GTR8-P01/decision/"]').click()
    page.locator("#id_outcome").select_option("adopted")
    page.locator("#id_decided_on").fill("2025-09-12")
    _submit(page)
    expect(page.locator("#decision_group .errorlist")).to_be_visible()
    page.locator("#id_decision_fr").fill(DECISION_FR)
    page.locator("#id_decision_en").fill(DECISION_EN)
    page.locator("#id_decision_reference").fill("CDG/2025/07")
    page.locator("#id_conference").select_option(str(conference.pk))
    screenshot("proposal-decision-form-fr-1366")
    _submit(page)
    expect(page.locator("[data-proposal-state]")).to_have_attribute(
        "data-proposal-state", "adopted"
    )

    # The decision becomes a recommendation of the Conference, the group as lead actor.
    page.locator('a[href="/fr/proposals/GTR8-P01/follow-up/"]').click()
    expect(page.locator("#id_text_fr")).to_have_value(DECISION_FR)
    page.locator("#id_deadline").fill("2026-09-30")
    _submit(page)
    follow_up = page.locator('main a[href="/fr/recommendations/CDG-2025-R01/"]').first
    expect(follow_up).to_be_visible()
    screenshot("proposal-detail-secretariat-fr-1366")
    follow_up.click()
    expect(page.get_by_text("Groupe de Travail Régional (GTR) sur le développement Informatique"))
    expect(page.locator("main")).to_contain_text("Groupe de Travail Régional (GTR)")

    # A visitor finds it in the public register, in French, then in English.
    visitor = new_context(width=1366, height=900).new_page()
    visitor.goto("/fr/proposals/")
    row = visitor.locator('tr[data-proposal="GTR8-P01"]')
    expect(row).to_be_visible()
    expect(row).to_contain_text("CDG-2025-R01")
    row.locator("a.reference").first.click()
    expect(visitor.locator("main")).to_contain_text(DECISION_FR)
    expect(visitor.locator("main")).to_contain_text("CDG/2025/07")

    visitor.goto("/en/proposals/GTR8-P01/")
    expect(visitor.locator("main")).to_contain_text(DECISION_EN)
    expect(visitor.locator("[data-proposal-state]")).to_have_text("Adopted by the Conference")
    expect(visitor.locator("main")).to_contain_text("Regional IT systems development plan")

    # How the new pages look, wide and on a phone, in both languages.
    pages = {
        "proposal-list": "/{lang}/proposals/",
        "proposal-detail": "/{lang}/proposals/GTR8-P01/",
        "meeting-proposals": "/{lang}/meetings/gtr-8/#proposals",
        "governance-charter": "/{lang}/governance/#charter",
    }
    for width in (1366, 390):
        for language in ("fr", "en"):
            reader = new_context(width=width, height=844).new_page()
            for name, path in pages.items():
                reader.goto(path.format(lang=language))
                save_screenshot(reader, f"{name}-{language}-{width}")
            writer = new_context(width=width, height=844, user=secretariat).new_page()
            writer.goto(f"/{language}/proposals/new/?meeting=gtr-8")
            save_screenshot(writer, f"proposal-form-{language}-{width}")
