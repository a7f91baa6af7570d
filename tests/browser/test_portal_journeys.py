"""Issue 2 journeys: a visitor browsing the directory in both languages, a focal point editing its
own administration's profile and refused on another's, secretariat staff made to use two-factor
authentication.

Live-server tests run on a transactional database that is emptied after each test; the `page`
fixture asks for `reference_data`, which reloads the 24 members of the data migration first.
(serialized_rollback=True is not usable here: the flush after the other, non-serialized
transactional tests recreates the content types, and restoring the serialized copy then fails on
their unique constraint.)
"""

import re

import pytest
from allauth.mfa.utils import is_mfa_enabled
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from members.models import MemberAdministration
from tests.conftest import totp_code
from tests.factories import PASSWORD

from .fixtures import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SENEGAL_PHONE = "+221 33 889 00 00"


def test_visitor_browses_the_directory_in_french_then_english(page, screenshot, fp_senegal):
    fp_senegal.focal_point.phone = SENEGAL_PHONE
    fp_senegal.focal_point.save()

    page.goto("/fr/members/")
    expect(page.get_by_role("heading", name="Administrations membres", level=1)).to_be_visible()
    expect(page.locator("[data-iso2]")).to_have_count(24)
    expect(page.get_by_role("link", name="Cap-Vert", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Côte d'Ivoire", exact=True)).to_be_visible()
    screenshot("members-directory-fr")

    page.get_by_role("link", name="Sénégal", exact=True).click()
    expect(page).to_have_url(re.compile(r"/fr/members/SN/$"))
    expect(page.get_by_role("heading", name="Sénégal", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Points focaux")).to_be_visible()
    expect(page.get_by_role("link", name="Connectez-vous")).to_be_visible()
    _expect_no_contact_details_of(page, fp_senegal)
    screenshot("member-senegal-fr")

    page.locator(".topbar").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/members/SN/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Senegal", level=1)).to_be_visible()
    expect(page.locator(".topbar").get_by_role("link", name="English")).to_have_attribute(
        "aria-current", "true"
    )
    _expect_no_contact_details_of(page, fp_senegal)
    screenshot("member-senegal-en")

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Members").click()
    expect(page).to_have_url(re.compile(r"/en/members/$"))
    expect(page.get_by_role("link", name="Cabo Verde", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Senegal", exact=True)).to_be_visible()
    screenshot("members-directory-en")


def _expect_no_contact_details_of(page, focal_point):
    main = page.locator("main")
    expect(main).not_to_contain_text(focal_point.email)
    expect(main).not_to_contain_text(SENEGAL_PHONE)
    expect(main).not_to_contain_text(str(focal_point))


def test_focal_point_signs_in_and_edits_its_own_administrations_profile(
    page, screenshot, fp_senegal
):
    page.goto("/fr/accounts/login/")
    expect(page.get_by_role("heading", name="Se connecter", level=1)).to_be_visible()
    screenshot("login-fr")
    page.locator("main input[name=login]").fill(fp_senegal.email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    expect(page.locator(".topbar")).to_contain_text(str(fp_senegal))

    page.goto("/fr/members/SN/")
    page.get_by_role("link", name="Modifier le profil").click()
    expect(page).to_have_url(re.compile(r"/fr/members/SN/edit/$"))
    expect(page.get_by_role("heading", name="Profil : Sénégal")).to_be_visible()
    screenshot("member-edit-form-fr")

    page.get_by_label("Système de dédouanement – Français").fill("GAINDE Intégral 2026")
    page.get_by_role("textbox", name="Profil – Français").fill(
        "La Direction des systèmes d'information modernise GAINDE."
    )
    page.get_by_role("button", name="Enregistrer").click()

    expect(page).to_have_url(re.compile(r"/fr/members/SN/$"))
    expect(page.get_by_role("status")).to_contain_text("Le profil a été enregistré.")
    profile = page.get_by_role("heading", name="Profil", exact=True).locator("..")
    expect(profile).to_contain_text("GAINDE Intégral 2026")
    expect(profile).to_contain_text("La Direction des systèmes d'information modernise GAINDE.")
    latest_change = page.locator(".timeline li").first
    expect(latest_change).to_contain_text(str(fp_senegal))
    expect(latest_change).to_contain_text("Système de dédouanement", ignore_case=True)
    screenshot("member-profile-saved-fr")

    senegal = MemberAdministration.objects.get(iso2="SN")
    assert senegal.clearance_system == "GAINDE Intégral 2026"
    assert senegal.description_fr == "La Direction des systèmes d'information modernise GAINDE."
    assert senegal.history.latest().history_user == fp_senegal


def test_focal_point_is_refused_on_another_members_edit_page(page, screenshot, fp_senegal):
    nigeria_before = model_to_dict(MemberAdministration.objects.get(iso2="NG"))
    sign_in(page, fp_senegal.email, PASSWORD)

    page.goto("/fr/members/NG/")
    expect(page.get_by_role("heading", name="Nigéria", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Modifier le profil")).to_have_count(0)

    response = page.goto("/fr/members/NG/edit/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Access denied"))
    screenshot("member-edit-refused-fr")

    # Posting the form anyway (with a valid CSRF token) is refused too.
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    posted = page.request.post(
        "/fr/members/NG/edit/",
        form={"administration_name": "Piraté", "clearance_system": "Piraté"},
        headers={"X-CSRFToken": csrf, "Referer": page.url},
    )
    assert posted.status == 403

    nigeria = MemberAdministration.objects.get(iso2="NG")
    assert model_to_dict(nigeria) == nigeria_before
    assert not nigeria.history.filter(history_user=fp_senegal).exists()


def test_secretariat_user_is_made_to_set_up_two_factor_authentication(
    page, screenshot, secretariat_without_totp
):
    sign_in(page, secretariat_without_totp.email, PASSWORD)

    # The portal sends them to the set-up page, for which allauth first asks for the password
    # again (only an explicit re-authentication counts as recent, not the sign-in itself).
    expect(page).to_have_url(re.compile(r"/fr/accounts/reauthenticate/"))
    expect(page.get_by_role("status")).to_contain_text(
        "L’authentification à deux facteurs est obligatoire pour le secrétariat et les "
        "superviseurs."
    )
    screenshot("totp-reauthenticate-fr")
    page.locator("main input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Confirmer").click()

    expect(page).to_have_url(re.compile(r"/fr/accounts/2fa/totp/activate/$"))
    expect(
        page.get_by_role("heading", name="Activer l'application d'authentification")
    ).to_be_visible()
    screenshot("totp-setup-fr")
    secret = page.get_by_label("Secret d'authentification").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    page.get_by_label("Code de l'authentificateur").fill(totp_code(secret))
    page.get_by_role("button", name="Activer").click()

    expect(page.get_by_role("status")).to_contain_text("Application d'authentification activée.")
    assert is_mfa_enabled(secretariat_without_totp, types=["totp"])

    page.goto("/fr/users/")
    expect(page).to_have_url(re.compile(r"/fr/users/$"))
    expect(page.get_by_role("heading", name="Utilisateurs", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name=secretariat_without_totp.email)).to_be_visible()
    screenshot("users-list-fr")


def test_secretariat_user_with_totp_is_asked_for_the_code_at_login(page, screenshot, secretariat):
    sign_in(page, secretariat.email, PASSWORD)

    expect(page).to_have_url(re.compile(r"/fr/accounts/2fa/authenticate/$"))
    expect(page.get_by_role("heading", name="Authentification à deux facteurs")).to_be_visible()
    expect(page.locator(".topbar")).not_to_contain_text(str(secretariat))
    screenshot("totp-login-fr")
    page.get_by_label("Code").fill(totp_code(secretariat.totp_secret))
    page.get_by_role("button", name="Connexion").click()

    expect(page).not_to_have_url(re.compile(r"/accounts/"))
    expect(page.locator(".topbar")).to_contain_text(str(secretariat))
    page.goto("/fr/users/")
    expect(page).to_have_url(re.compile(r"/fr/users/$"))
    expect(page.get_by_role("heading", name="Utilisateurs", level=1)).to_be_visible()
