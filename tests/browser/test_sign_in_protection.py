"""Issue 11 journey: a focal point who mistyped a password five times is paused for a minute, in
the language of the page, and told how to reset it; a colleague elsewhere signs in meanwhile."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.factories import PASSWORD

from .fixtures import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("language", "title", "reset"),
    [
        ("fr", "Trop de tentatives", "Réinitialiser mon mot de passe"),
        ("en", "Too many attempts", "Reset my password"),
    ],
)
def test_a_focal_point_who_mistypes_is_paused_and_shown_the_way_to_reset(
    page, screenshot, new_context, fp_senegal, fp_nigeria, language, title, reset
):
    cache.clear()
    for _ in range(5):
        sign_in(page, fp_senegal.email, "not-the-password", language=language)

    sign_in(page, fp_senegal.email, PASSWORD, language=language)

    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    screenshot(f"sign-in-paused-{language}")
    page.get_by_role("link", name=reset).click()
    expect(page).to_have_url(re.compile(rf"/{language}/accounts/password/reset/$"))

    # Another person, on another connection, is not held up (the live server sees one
    # address, so the colleague's own account stands for "not the paused pair").
    colleague = new_context().new_page()
    sign_in(colleague, fp_nigeria.email, PASSWORD, language=language)
    expect(colleague).not_to_have_url(re.compile(r"/accounts/login/"))
