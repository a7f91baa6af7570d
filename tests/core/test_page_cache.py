"""Public pages come from the shared cache for visitors: in their language, never for a
signed-in user, never with a CSRF token or a message, and retired as soon as content changes."""

import pytest
from django.core.cache import cache

from members.models import MemberAdministration

HIT = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def visit(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_visitor_gets_the_second_view_of_a_public_page_from_the_cache_without_a_query(
    client, language, django_assert_num_queries
):
    first = visit(client, f"/{language}/members/")

    with django_assert_num_queries(0):
        second = visit(client, f"/{language}/members/")

    assert first[HIT] == "miss"
    assert second[HIT] == "hit"
    assert second.content == first.content
    assert second["Content-Language"] == language


@pytest.mark.django_db
def test_each_language_has_its_own_cached_page(client):
    visit(client, "/fr/members/")

    english = visit(client, "/en/members/")

    assert english[HIT] == "miss"
    assert b"Senegal" in english.content
    assert "Sénégal" in visit(client, "/fr/members/").content.decode()


@pytest.mark.django_db
def test_saving_content_retires_the_cached_pages_at_once(client):
    visit(client, "/en/members/SN/")
    senegal = MemberAdministration.objects.get(iso2="SN")
    senegal.name_en = "Senegal (renamed for the test)"
    senegal.save()

    after = visit(client, "/en/members/SN/")

    assert after[HIT] == "miss"
    assert b"Senegal (renamed for the test)" in after.content


@pytest.mark.django_db
def test_a_signed_in_user_never_gets_nor_leaves_a_cached_page(client, fp_senegal):
    visitor_page = visit(client, "/fr/members/")
    client.force_login(fp_senegal)

    signed_in = visit(client, "/fr/members/")
    client.logout()
    client.cookies.clear()
    visitor_again = visit(client, "/fr/members/")

    assert HIT not in signed_in
    assert b"csrfmiddlewaretoken" in signed_in.content  # the sign-out form: a page of their own
    assert visitor_again[HIT] == "hit"
    assert visitor_again.content == visitor_page.content


@pytest.mark.django_db
def test_a_cached_public_page_holds_no_csrf_token_and_switches_language_with_links(client):
    page = visit(client, "/fr/members/SN/")

    assert page[HIT] == "miss"
    assert b"csrfmiddlewaretoken" not in page.content
    assert b"/i18n/setlang/?language=en&amp;next=/fr/members/SN/" in page.content
    switched = client.get("/i18n/setlang/?language=en&next=/fr/members/SN/")
    assert switched.status_code == 302
    assert switched.url == "/en/members/SN/"


@pytest.mark.django_db
def test_a_page_that_sets_a_cookie_is_not_kept(client):
    """The sign-in page uses a CSRF token (its cookie), and is not a cacheable page anyway;
    a visitor's page with a pending message (session cookie) is rendered afresh."""
    client.get("/fr/accounts/login/")
    client.cookies["sessionid"] = "anything"

    page = visit(client, "/fr/members/")

    assert HIT not in page


@pytest.mark.django_db
def test_pages_that_are_not_public_are_never_cached(client):
    visit(client, "/fr/recommendations/")

    again = visit(client, "/fr/recommendations/")

    assert HIT not in again


@pytest.mark.django_db
def test_a_visitor_that_accepts_gzip_gets_the_compressed_page_and_others_the_plain_one(client):
    visit(client, "/fr/members/", **{"Accept-Encoding": "gzip"})

    compressed = visit(client, "/fr/members/", **{"Accept-Encoding": "gzip"})
    plain = visit(client, "/fr/members/")

    assert compressed[HIT] == "hit"
    assert compressed["Content-Encoding"] == "gzip"
    assert plain[HIT] == "miss"
    assert "Content-Encoding" not in plain


@pytest.mark.django_db
def test_a_built_pdf_retires_the_cached_pages_but_not_the_shared_content_fragments(client):
    """A compendium build saves its PDFs while people work: the pages that list the files are
    drawn again, the dashboard's and the lists' content is not (issue 12: web p95 during a
    build)."""
    from django.utils import timezone

    from best_practices.models import CompendiumEdition, EditionFile
    from gtr_portal.core.content_cache import content_cached

    drawn = []
    content_cached("fragment-for-the-test", lambda: drawn.append(1) or "content")
    visit(client, "/en/members/")
    edition = CompendiumEdition.objects.create(
        slug="recueil-test", title_fr="Recueil", title_en="Compendium", period_start=2026,
        period_end=2026,
    )  # fmt: skip
    drawn.clear()  # the edition is content: it retires everything
    content_cached("fragment-for-the-test", lambda: drawn.append(1) or "content")
    visit(client, "/en/members/")

    EditionFile.objects.create(
        edition=edition, language="en", file="compendium/recueil-test-en.pdf", size=1, pages=1,
        content_hash="x", built_at=timezone.now(),
    )  # fmt: skip

    assert visit(client, "/en/members/")[HIT] == "miss"
    assert content_cached("fragment-for-the-test", lambda: drawn.append(1) or "again") == "content"
    assert drawn == [1]
