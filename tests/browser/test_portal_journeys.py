"""Issue 2 journeys: a visitor browsing the directory, a focal point editing its profile and
refused elsewhere, a secretariat user asked for two-factor authentication."""

import re

import pytest
from playwright.sync_api import expect

from members.models import MemberAdministration
from tests.conftest import totp_code
from tests.factories import PASSWORD

from .fixtures import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_visitor_browses_the_directory_in_french_then_english(page, screenshot, fp_senegal):
    page.goto("/fr/members/")
    expect(page.get_by_role("heading", name="Administrations membres")).to_be_visible()
    expect(page.locator("[data-iso2]")).to_have_count(24)
    expect(page.get_by_role("link", name="Cap-Vert")).to_be_visible()
    screenshot("members-directory-fr")

    page.get_by_role("link", name="Sénégal", exact=True).click()
    expect(page).to_have_url(re.compile(r"/fr/members/SN/$"))
    expect(page.get_by_role("heading", name="Sénégal", level=1)).to_be_visible()
    expect(page.get_by_text(fp_senegal.email)).to_have_count(0)

    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/members/SN/$"))
    expect(page.get_by_role("heading", name="Senegal", level=1)).to_be_visible()
    screenshot("member-senegal-en")

    page.get_by_role("link", name="Members").click()
    expect(page.get_by_role("link", name="Cabo Verde")).to_be_visible()
    screenshot("members-directory-en")


def test_focal_point_signs_in_and_edits_its_own_profile(page, screenshot, fp_senegal):
    sign_in(page, fp_senegal.email, PASSWORD)
    page.goto("/fr/members/SN/")
    page.get_by_role("link", name="Modifier le profil").click()
    screenshot("member-edit-form-fr")

    page.get_by_label("Système de dédouanement").fill("GAINDE Intégral 2026")
    page.get_by_label("profil [fr]").fill(
        "La Direction des systèmes d'information modernise GAINDE."
    )
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("Le profil a été enregistré.")).to_be_visible()
    expect(page.get_by_text("GAINDE Intégral 2026")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text(str(fp_senegal))
    screenshot("member-profile-saved-fr")
    assert MemberAdministration.objects.get(iso2="SN").clearance_system == "GAINDE Intégral 2026"


def test_focal_point_is_refused_on_another_members_edit_page(page, screenshot, fp_senegal):
    before = MemberAdministration.objects.get(iso2="NG").clearance_system
    sign_in(page, fp_senegal.email, PASSWORD)

    response = page.goto("/fr/members/NG/edit/")

    assert response.status == 403
    screenshot("member-edit-refused-fr")
    assert MemberAdministration.objects.get(iso2="NG").clearance_system == before


def test_secretariat_user_is_made_to_set_up_two_factor_authentication(
    page, screenshot, secretariat_without_totp
):
    sign_in(page, secretariat_without_totp.email, PASSWORD)

    if "reauthenticate" in page.url:
        page.locator("main input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/fr/accounts/2fa/totp/activate/$"))
    screenshot("totp-setup-fr")
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("main input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name="Activer").click()
    expect(page.locator("main")).not_to_contain_text("Activer l'application")

    page.goto("/fr/users/")
    expect(page.get_by_role("heading", name="Utilisateurs")).to_be_visible()
    screenshot("users-list-fr")


def test_secretariat_user_with_totp_is_asked_for_the_code_at_login(page, screenshot, secretariat):
    sign_in(page, secretariat.email, PASSWORD)

    expect(page).to_have_url(re.compile(r"/fr/accounts/2fa/authenticate/$"))
    screenshot("totp-login-fr")
    page.locator("main input[name=code]").fill(totp_code(secretariat.totp_secret))
    page.get_by_role("button", name="Connexion").click()
    expect(page).not_to_have_url(re.compile(r"/2fa/authenticate/"))

    page.goto("/fr/admin/")
    expect(page.locator("#site-name")).to_be_visible()
