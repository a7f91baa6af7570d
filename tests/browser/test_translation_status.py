"""The secretariat finds what lacks a language and fills it in from the translation status page."""

import re

import pytest
from playwright.sync_api import expect

from best_practices.models import BestPractice
from best_practices.services import practice_save
from tests.best_practices.conftest import practice_data

from .fixtures import sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _practice_without_english_title(author, administration, title: str) -> BestPractice:
    return practice_save(
        user=author, administration=administration, data=practice_data(title_fr=title, title_en="")
    )


def test_secretariat_fills_a_missing_english_title_and_the_count_drops(
    page, screenshot, secretariat, senegal
):
    first = _practice_without_english_title(secretariat, senegal, "Le guichet unique ORBUS")
    _practice_without_english_title(secretariat, senegal, "GAINDE Intégral")
    sign_in_with_second_factor(page, secretariat)

    page.goto("/en/translations/")
    practices = page.locator("#best_practicesbestpractice")
    expect(page.get_by_role("heading", name="Translation status", level=1)).to_be_visible()
    expect(practices.get_by_role("heading", level=2)).to_have_text(
        re.compile(r"Best practices\s+2")
    )
    expect(page.locator(".translation-kinds")).to_contain_text("Best practices")
    screenshot("translation-status-en")

    practices.get_by_role("link", name=re.compile("Le guichet unique ORBUS")).click()
    expect(page).to_have_url(re.compile(rf"/en/best-practices/{first.slug}/edit/#id_title_en$"))
    page.get_by_label("Title – English").fill("The ORBUS single window")
    screenshot("translation-fill-practice-en")
    page.get_by_role("button", name="Save").click()
    # A redirect keeps the fragment of the address it answers.
    expect(page).to_have_url(re.compile(rf"/en/best-practices/{first.slug}/(#.*)?$"))

    page.goto("/en/translations/")
    expect(practices.get_by_role("heading", level=2)).to_have_text(
        re.compile(r"Best practices\s+1")
    )
    expect(practices).not_to_contain_text("Le guichet unique ORBUS")
    expect(practices).to_contain_text("GAINDE Intégral")
    first.refresh_from_db()
    assert first.title_en == "The ORBUS single window"
