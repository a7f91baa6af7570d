"""The secretariat enters a meeting's ten decisions on one screen, corrects a row, adopts them."""

import pytest
from playwright.sync_api import expect

from members.models import Actor
from recommendations.models import Recommendation
from tests.browser.fixtures import sign_in_with_second_factor
from tests.factories import MeetingFactory

pytestmark = pytest.mark.browser


def pk(code: str) -> str:
    if len(code) == 2:
        return str(Actor.objects.get(member__iso2=code).pk)
    return str(Actor.objects.get(body__code=code).pk)


def test_secretariat_enters_ten_decisions_corrects_one_and_adopts_them(
    page, screenshot, secretariat
):
    MeetingFactory(number=9, slug="gtr-9")
    sign_in_with_second_factor(page, secretariat)
    page.goto("/fr/meetings/gtr-9/")
    page.locator("[data-enter-decisions]").click()

    # Row 1: the actor is found by typing its name without accents, in the picker's box.
    page.locator('[name="rows-0-text_fr"]').fill("Interconnecter les systèmes de dédouanement.")
    lead_box = page.locator('[data-decision-row="1"] .decision-lead_actors .actor-search')
    lead_box.fill("senegal")
    lead_box.press("Enter")
    page.locator('[name="rows-0-other_actors"]').select_option([pk("NG"), pk("ROCB-WCA")])
    for index in range(1, 10):
        page.locator(f'[name="rows-{index}-text_fr"]').fill(f"Décision numéro {index + 1}.")
        if index != 5:  # the sixth row forgets its lead actor
            page.locator(f'[name="rows-{index}-lead_actors"]').select_option([pk("CI")])
    page.locator('[name="rows-9-due_by_next_meeting"]').check()
    page.get_by_role("button", name="Adopter et publier").click()

    sixth = page.locator('[data-decision-row="6"]')
    expect(sixth.locator(".errorlist")).to_be_visible()
    expect(page.locator('[name="rows-0-text_fr"]')).to_have_value(
        "Interconnecter les systèmes de dédouanement."
    )
    expect(page.locator('[name="rows-9-text_fr"]')).to_have_value("Décision numéro 10.")
    screenshot("decisions-row-in-error-fr")
    assert not Recommendation.objects.exists()

    page.locator('[name="rows-5-lead_actors"]').select_option([pk("GA")])
    page.get_by_role("button", name="Adopter et publier").click()

    expect(page.locator(".messages .success")).to_contain_text("10 recommandations adoptées")
    references = list(
        Recommendation.objects.order_by("sequence").values_list("reference", flat=True)
    )
    assert references == [f"GTR9-R{n:02d}" for n in range(1, 11)]
    first = Recommendation.objects.get(reference="GTR9-R01")
    assert {
        link.actor.member.iso2 if link.actor.member_id else link.actor.body.code
        for link in first.actor_links.select_related("actor__member", "actor__body")
    } == {"SN", "NG", "ROCB-WCA"}
    assert Recommendation.objects.get(reference="GTR9-R10").due_by_next_meeting


def test_the_decisions_screen_in_english(page, secretariat):
    MeetingFactory(number=9, slug="gtr-9")
    sign_in_with_second_factor(page, secretariat)
    page.goto("/en/meetings/gtr-9/decisions/")
    page.locator('[name="rows-0-text_fr"]').fill("Texte en français.")
    page.locator('[name="rows-0-text_en"]').fill("Text in English.")
    page.locator('[name="rows-0-lead_actors"]').select_option([pk("NG")])
    page.get_by_role("button", name="Save the drafts").click()

    expect(page.get_by_text("1 draft decision saved")).to_be_visible()
    expect(page.locator('[name="rows-0-text_en"]')).to_have_value("Text in English.")
