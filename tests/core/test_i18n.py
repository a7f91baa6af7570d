import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_both_home_pages_answer_in_their_language(client):
    french = client.get("/fr/")
    english = client.get("/en/")

    assert french.status_code == english.status_code == 200
    assert '<html lang="fr">' in french.content.decode()
    assert '<html lang="en">' in english.content.decode()


@pytest.mark.django_db
def test_the_root_redirects_to_french_by_default(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response.url == "/fr/"


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_current_page_and_its_query(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/fr/members/?q=GAINDE"})

    assert response.status_code == 302
    assert response.url == "/en/members/?q=GAINDE"


@pytest.mark.django_db
def test_a_signed_in_users_language_choice_becomes_the_language_of_their_emails(client, fp_senegal):
    client.force_login(fp_senegal)

    client.post("/i18n/setlang/", {"language": "en", "next": "/fr/members/SN/"})

    fp_senegal.refresh_from_db()
    assert fp_senegal.language == "en"


@pytest.mark.django_db
def test_the_login_page_exists_in_both_languages(client):
    assert client.get("/fr/accounts/login/").status_code == 200
    assert client.get("/en/accounts/login/").status_code == 200


@pytest.mark.django_db
def test_there_is_no_open_sign_up(client):
    response = client.get("/fr/accounts/signup/")

    assert b'name="password1"' not in response.content


@pytest.mark.django_db
def test_switching_language_works_whatever_language_the_browser_prefers(client):
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/fr/members/SN/?q=x"},
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    back = client.post(
        "/i18n/setlang/",
        {"language": "fr", "next": "/en/members/SN/"},
        HTTP_ACCEPT_LANGUAGE="fr-FR",
    )

    assert response.url == "/en/members/SN/?q=x"
    assert back.url == "/fr/members/SN/"


@pytest.mark.django_db
def test_the_language_switch_never_redirects_to_another_site(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})

    assert response.url == "/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"), [("fr", "Un problème est survenu"), ("en", "Something went wrong")]
)
def test_a_server_error_is_a_translated_page_with_a_way_back(client, language, title):
    from django.urls import path

    from gtr_portal import urls as portal_urls

    def explode(request):
        raise RuntimeError("boom")

    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=_BrokenUrls(portal_urls, path("boom/", explode))):
        response = client.get(f"/{language}/boom/")

    page = response.content.decode()
    assert response.status_code == 500
    assert title in page and 'href="/' in page
    assert "Traceback" not in page and "boom" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "back"),
    [
        ("fr", "Page introuvable", "Retour à l'accueil"),
        ("en", "Page not found", "Back to the home page"),
    ],
)
def test_an_unknown_address_is_a_translated_page_with_a_way_back(client, language, title, back):
    response = client.get(f"/{language}/no-such-page/")

    page = response.content.decode()
    assert response.status_code == 404
    assert title in page and back in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"), [("fr", "Page introuvable"), ("en", "Page not found")]
)
def test_what_a_selector_does_not_find_is_the_same_translated_404_page(client, language, title):
    """Selectors raise the domain's NotFound, not Http404 (STYLE.md): the user sees no
    difference."""
    from gtr_portal.core.errors import NotFound
    from recommendations import selectors

    with pytest.raises(NotFound):
        selectors.meeting_alone(slug="no-such-meeting")
    for address in ("meetings/no-such-meeting/", "meetings/no-such-meeting/review/"):
        response = client.get(f"/{language}/{address}")
        assert response.status_code == 404
        assert title in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "title"), [("fr", "Accès refusé"), ("en", "Access denied")])
def test_a_denied_page_is_a_translated_page_with_a_way_back(client, fp_senegal, language, title):
    client.force_login(fp_senegal)

    response = client.get(f"/{language}/users/")

    page = response.content.decode()
    assert response.status_code == 403
    assert title in page and f'href="/{language}/"' in page


class _BrokenUrls:
    """The portal's addresses plus one that fails, under each language prefix."""

    def __init__(self, base, broken):
        from django.conf.urls.i18n import i18n_patterns

        self.urlpatterns = base.urlpatterns + i18n_patterns(broken, prefix_default_language=True)
