"""The translation status: which content lacks a language, for the secretariat only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext, ngettext

from best_practices.models import BestPractice
from best_practices.services import practice_save
from gtr_portal.core.translation_status import (
    missing_languages,
    translatable_fields,
    translation_status,
)
from members.models import Body, MemberAdministration
from tests.best_practices.conftest import practice_data

ROLES = ["anonymous", "expert", "supervisor", "fp_senegal", "secretariat"]


def _practice(user, administration, n: int = 0, **changes) -> BestPractice:
    data = practice_data(**{"title_fr": f"Pratique {n}", "title_en": f"Practice {n}", **changes})
    return practice_save(user=user, administration=administration, data=data)


def _kind(key: str):
    return next(kind for kind in translation_status() if kind.key == key)


@pytest.fixture
def author(fp_senegal):
    """Senegal's focal point, whose job title is in both languages."""
    fp_senegal.focal_point.job_title_en = "Head of ICT"
    fp_senegal.focal_point.save()
    return fp_senegal


@pytest.fixture
def client_as(client, request):
    def sign_in(role: str):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return sign_in


@pytest.mark.django_db
def test_the_reference_data_lacks_no_language():
    assert sum(kind.count for kind in translation_status()) == 0


@pytest.mark.django_db
def test_a_text_written_in_one_language_is_missing_the_other(author, senegal):
    practice = _practice(author, senegal, title_en="", summary_en="")
    senegal.description_en = "Our IT plan."
    senegal.save()

    assert missing_languages(practice) == ["en"]
    assert missing_languages(senegal) == ["fr"]
    assert missing_languages(Body.objects.get(code="UEMOA")) == []  # empty in both: nothing to do


@pytest.mark.django_db
def test_the_status_lists_each_item_by_kind_with_a_link_to_fill_it_in(author, senegal, secretariat):
    _practice(author, senegal, 1)
    lacking = _practice(author, senegal, 2, title_en="", body_en="")
    MemberAdministration.objects.filter(iso2="NG").update(description_en="Our IT plan.")

    practices = _kind("best_practices.bestpractice")
    members = _kind("members.memberadministration")

    assert practices.count == 1 and practices.count_missing("en") == 1
    [item] = practices.items
    assert item.label == "Pratique 2"
    assert item.missing == ["en"]
    assert item.url == f"/fr/best-practices/{lacking.slug}/edit/#id_title_en"
    assert [str(name) for name in item.fields] == ["Titre", "Description"]
    [member] = members.items
    assert member.missing == ["fr"]
    assert member.url == "/fr/members/NG/edit/#id_description_fr"


@pytest.mark.django_db
def test_an_item_without_a_front_end_page_links_to_the_admin():
    body = Body.objects.get(code="WCO-SEC")
    body.description_fr = ""
    body.save()

    [item] = _kind("members.body").items

    assert item.url == f"/fr/admin/members/body/{body.pk}/change/#id_description_fr"


@pytest.mark.django_db
def test_computed_fields_are_not_counted():
    assert "body_html" not in translatable_fields(BestPractice)
    assert set(translatable_fields(MemberAdministration)) == {
        "name",
        "description",
        "clearance_system",
    }


@pytest.mark.django_db
def test_the_page_makes_as_many_queries_whatever_the_number_of_items(
    client, secretariat, author, senegal, django_assert_max_num_queries
):
    client.force_login(secretariat)
    _practice(author, senegal, 0, title_en="")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/fr/translations/").status_code == 200

    for n in range(1, 12):
        _practice(author, senegal, n, title_en="")
    MemberAdministration.objects.update(description_fr="Profil.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/fr/translations/")

    assert response.content.decode().count(gettext("Add the English text")) == 12 + 24


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_only_the_secretariat_opens_the_translation_status(client_as, role, language):
    response = client_as(role).get(f"/{language}/translations/")

    if role == "secretariat":
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_page_speaks_the_readers_language(client, secretariat, author, senegal, language):
    _practice(author, senegal, title_en="")
    client.force_login(secretariat)

    page = client.get(f"/{language}/translations/").content.decode().replace("&#x27;", "'")

    with translation.override(language):
        expected = [
            gettext("Translation status"),
            ngettext("%(counter)s item lacks a language", "%(counter)s items lack a language", 1)
            % {"counter": 1},
            gettext("EN missing"),
            gettext("Add the English text"),
        ]
    for text in expected:
        assert text.replace("'", "'") in page


@pytest.mark.django_db
def test_when_nothing_lacks_a_language_the_page_says_so(client, secretariat):
    client.force_login(secretariat)

    page = client.get("/en/translations/").content.decode()

    assert "Every text is available in French and in English." in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/fr/best-practices/", "/fr/members/", "/fr/recommendations/", "/fr/meetings/"],
)
@pytest.mark.parametrize("cached", [False, True], ids=["drawn", "shared-fragments-cached"])
def test_lists_mark_items_missing_a_language_for_the_secretariat_only(
    client, secretariat, author, senegal, interconnection, path, cached, settings
):
    """With the shared caches on (the list's table is drawn once for many readers), the
    secretariat's badges never reach another reader, nor the reverse."""
    from django.core.cache import cache

    if cached:
        settings.PAGE_CACHE_SECONDS = 300
        cache.clear()
    practice = _practice(author, senegal, title_en="")
    BestPractice.objects.filter(pk=practice.pk).update(
        state="published", published_at="2025-01-01T00:00Z"
    )
    MemberAdministration.objects.filter(iso2="SN").update(description_fr="Profil.")
    interconnection.title_en = ""
    interconnection.save()
    interconnection.meeting.theme_en = ""
    interconnection.meeting.save()

    client.force_login(author)
    assert gettext("EN missing") not in client.get(path).content.decode()
    client.force_login(secretariat)
    assert gettext("EN missing") in client.get(path).content.decode()
    client.force_login(author)
    assert gettext("EN missing") not in client.get(path).content.decode()
    if cached:
        cache.clear()
