import io
import re
from datetime import date

import pytest
from django.test import Client
from openpyxl import load_workbook

from commissions.models import TechnicalCommission
from recommendations import services
from tests.conftest import downloaded
from tests.factories import MeetingFactory, make_recommendation

from .test_exports import csv_rows, download_url, export


@pytest.fixture
def commission(db):
    return TechnicalCommission.objects.create(
        number=2, slug="security", name_fr="Sécurité", name_en="Security", mandate_fr="M"
    )


@pytest.fixture
def catalogue(meeting, commission):
    """Six recommendations of two meetings; some overdue on 2026-11-23."""
    later = MeetingFactory(
        number=8, slug="gtr-8", start_date=date(2025, 5, 14), end_date=date(2025, 5, 16)
    )
    return {
        "sn_late": make_recommendation(
            meeting,
            lead=("SN",),
            deadline=date(2025, 1, 31),
            commission=commission,
            title_en="Security operations centre",
            title_fr="Centre de sécurité informatique",
        ),
        "ng_late_done": make_recommendation(
            meeting, lead=("NG",), deadline=date(2025, 3, 1), status="implemented", progress=100
        ),
        "ng_soon": make_recommendation(
            later, lead=("NG",), others=("SN",), deadline=date(2026, 12, 15), commission=commission
        ),
        "gh_later": make_recommendation(later, lead=("GH",), deadline=date(2027, 6, 30)),
        "rocb": make_recommendation(
            later,
            lead=("ROCB-WCA",),
            deadline=date(2026, 2, 1),
            commission=commission,
            status="in_progress",
            progress=40,
        ),
        "ci": make_recommendation(
            later,
            lead=("CI",),
            deadline=date(2027, 1, 1),
            title_fr="Paiement mobile des droits",
            title_en="Mobile payment",
        ),
    }


def references(response) -> set[str]:
    page = response.content.decode()
    return {part.split('"')[0] for part in page.split('data-reference="')[1:]}


@pytest.mark.django_db
@pytest.mark.freeze_time("2026-11-23")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"meeting": "gtr-5"}, {"sn_late", "ng_late_done"}),
        ({"commission": "security"}, {"sn_late", "ng_soon", "rocb"}),
        ({"actor": "SN"}, {"sn_late", "ng_soon"}),
        ({"actor": "ROCB-WCA"}, {"rocb"}),
        ({"status": ["implemented"]}, {"ng_late_done"}),
        ({"status": ["not_started", "in_progress"], "actor": "NG"}, {"ng_soon"}),
        ({"overdue": "on"}, {"sn_late", "rocb"}),
        ({"overdue": "on", "commission": "security"}, {"sn_late", "rocb"}),
        ({"deadline_after": "2026-12-01", "deadline_before": "2027-01-31"}, {"ng_soon", "ci"}),
        ({"q": "paiement"}, {"ci"}),
        ({"q": "mobile payment"}, {"ci"}),
        ({"q": "sécurité"}, {"sn_late"}),
    ],
)
def test_the_list_filters(client, catalogue, query, expected):
    response = client.get("/fr/recommendations/", query)

    assert references(response) == {catalogue[key].reference for key in expected}


@pytest.mark.django_db
@pytest.mark.freeze_time("2026-11-23")
def test_the_csv_export_holds_exactly_the_filtered_rows(client, catalogue, fp_senegal):
    client.force_login(fp_senegal)
    job = export(client, {"overdue": "on"}, "csv")

    rows = csv_rows(downloaded(client.get(download_url(job))))
    assert rows[0][:2] == ["Reference", "Meeting"]
    assert {row[0] for row in rows[1:]} == {
        catalogue["sn_late"].reference,
        catalogue["rocb"].reference,
    }


@pytest.mark.django_db
@pytest.mark.freeze_time("2026-11-23")
def test_the_xlsx_export_opens_and_holds_exactly_the_filtered_rows(client, catalogue, fp_senegal):
    client.force_login(fp_senegal)
    job = export(client, {"commission": "security", "overdue": "on"}, "xlsx", language="fr")

    response = client.get(download_url(job, "fr"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(downloaded(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Référence" or rows[0][0] == "Reference"
    assert {row[0] for row in rows[1:]} == {
        catalogue["sn_late"].reference,
        catalogue["rocb"].reference,
    }


@pytest.mark.django_db
def test_the_list_sorts_by_deadline_by_default_and_on_request(client, catalogue):
    by_deadline = client.get("/fr/recommendations/").content.decode()
    by_reference = client.get("/fr/recommendations/", {"sort": "-reference"}).content.decode()

    def order(page):
        return [part.split('"')[0] for part in page.split('data-reference="')[1:]]

    deadlines = sorted(catalogue.values(), key=lambda r: (r.deadline, r.reference))
    assert order(by_deadline) == [r.reference for r in deadlines]
    assert order(by_reference) == sorted(order(by_reference), reverse=True)


@pytest.mark.django_db
def test_the_list_is_paginated(client, meeting):
    for _ in range(30):
        make_recommendation(meeting)

    first = client.get("/fr/recommendations/")
    second = client.get("/fr/recommendations/", {"page": 2})

    assert len(references(first)) == 25 and len(references(second)) == 5


def _many(meeting, count, fp):
    from recommendations.models import RecommendationActor
    from tests.factories import actor

    for n in range(count):
        recommendation = make_recommendation(meeting, lead=("SN",), others=("NG", "GH", "UNCTAD"))
        update = services.update_submit(
            recommendation=recommendation,
            user=fp,
            as_of=date(2026, 1, 1),
            narrative=f"Point {n}",
            progress=20,
            proposed_status="in_progress",
        )
        assert update.pk
    assert RecommendationActor.objects.filter(actor=actor("SN")).count() == count


@pytest.mark.django_db
def test_the_list_keeps_a_constant_number_of_queries(
    client, meeting, fp_senegal, django_assert_max_num_queries
):
    _many(meeting, 60, fp_senegal)

    with django_assert_max_num_queries(10):
        response = client.get("/fr/recommendations/", {"page": 2})
    assert response.status_code == 200


@pytest.mark.django_db
def test_my_actions_keeps_a_constant_number_of_queries(
    client, meeting, fp_senegal, django_assert_max_num_queries
):
    _many(meeting, 60, fp_senegal)
    client.force_login(fp_senegal)

    with django_assert_max_num_queries(12):
        response = client.get("/fr/recommendations/mine/")
    page = response.content.decode()
    # Issue 12: the page no longer grows with the rows (622 KB at scale 1): each section shows
    # its first twenty, its total, and the way to all of them in the list.
    assert page.count('data-reference="') == 20
    section = page.split('data-section="')[1]
    assert section.count("badge badge-gold") == 20  # each row's own pending update, counted
    assert "<strong>60</strong>" in page
    assert 'href="/fr/recommendations/?actor=SN' in section  # all of them, in the list


@pytest.mark.django_db
def test_the_recommendation_page_keeps_a_constant_number_of_queries(
    client, interconnection, fp_senegal, secretariat, django_assert_max_num_queries
):
    for n in range(25):
        update = services.update_submit(
            recommendation=interconnection,
            user=fp_senegal,
            as_of=date(2026, 1, 1),
            narrative=f"Point {n}",
            progress=n,
            proposed_status="in_progress",
        )
        services.update_accept(update=update, reviewer=secretariat)
    client.force_login(secretariat)

    with django_assert_max_num_queries(20):
        response = client.get(f"/fr/recommendations/{interconnection.reference}/")
    assert response.content.decode().count('data-update-state="accepted"') == 25


@pytest.mark.django_db
@pytest.mark.freeze_time("2026-11-23")
def test_my_actions_sorts_what_is_overdue_and_due_soon(client, catalogue, fp_nigeria):
    client.force_login(fp_nigeria)

    page = client.get("/en/recommendations/mine/").content.decode()

    overdue, due_soon = (
        page.split('data-section="due-soon"')[0],
        page.split('data-section="due-soon"')[1],
    )
    assert catalogue["ng_soon"].reference in due_soon
    assert catalogue["ng_late_done"].reference in page.split('data-section="closed"')[1]
    assert catalogue["sn_late"].reference not in page
    assert catalogue["ng_soon"].reference not in overdue


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "supervisor", "secretariat", "expert"])
def test_my_actions_is_only_for_users_who_act_for_an_actor(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.get("/fr/recommendations/mine/")

    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_my_actions_shows_the_ten_latest_closed_and_leads_to_all_of_them(
    client, meeting, fp_senegal
):
    """Issue 12: closed recommendations only grow (825 KB of page at scale, unpaged)."""
    from recommendations.models import Recommendation

    for _ in range(15):
        make_recommendation(meeting, lead=("SN",))
    Recommendation.objects.update(status="implemented", progress=100)
    client.force_login(fp_senegal)

    page = client.get("/en/recommendations/mine/").content.decode()

    closed = page.split('data-section="closed"')[1]
    assert closed.count('data-reference="') == 10
    assert "See all 15 closed recommendations in the list" in page
    link = re.search(r'href="([^"]+)">See all 15', page)[1].replace("&amp;", "&")
    listed = client.get(link).content.decode()
    assert "15 recommendations" in listed
    french = client.get("/fr/recommendations/mine/").content.decode()
    assert "Voir les 15 recommandations clôturées dans la liste" in french


@pytest.mark.django_db
def test_the_list_shows_50_rows_when_asked(client, meeting, fp_senegal):
    _many(meeting, 60, fp_senegal)

    page = client.get("/fr/recommendations/", {"per_page": 50}).content.decode()
    odd = client.get("/fr/recommendations/", {"per_page": 7}).content.decode()

    assert page.count('data-reference="') == 50
    assert "per_page=50&amp;page=2" in page  # the next page keeps the size
    assert odd.count('data-reference="') == 25  # an unknown size falls back to the default


@pytest.mark.django_db
def test_the_lists_table_is_shared_by_readers_until_content_changes_but_not_their_forms(
    client, meeting, fp_senegal, fp_nigeria, settings, django_assert_max_num_queries
):
    """Issue 12: the filters and the table are drawn once per address and language; each
    user's export form (its CSRF token) and menu stay their own."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    _many(meeting, 3, fp_senegal)
    client.force_login(fp_senegal)
    first = client.get("/en/recommendations/").content.decode()
    with django_assert_max_num_queries(6):  # session, user, menu: not the rows nor the choices
        again = client.get("/en/recommendations/").content.decode()
    other = Client()
    other.force_login(fp_nigeria)
    theirs = other.get("/en/recommendations/").content.decode()
    added = make_recommendation(meeting, lead=("NG",))
    after = client.get("/en/recommendations/").content.decode()

    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert first.count('data-reference="') == again.count('data-reference="') == 3
    assert token.search(again) and token.search(theirs)
    assert fp_senegal.get_full_name() in again and fp_senegal.get_full_name() not in theirs
    assert fp_nigeria.get_full_name() in theirs
    assert added.reference in after
    cache.clear()


@pytest.mark.django_db
def test_my_actions_is_drawn_once_for_an_administration_until_its_updates_change(
    client, meeting, fp_senegal, settings, django_assert_max_num_queries
):
    """Issue 12: shared by the administration's focal points while nothing changes; a new
    update of theirs shows at once (the page's badges), though it retires no shared page."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    recommendation = make_recommendation(meeting, lead=("SN",))
    client.force_login(fp_senegal)
    before = client.get("/en/recommendations/mine/").content.decode()
    with django_assert_max_num_queries(6):  # session, user, menu, the actor's updates marker
        client.get("/en/recommendations/mine/")
    services.update_submit(
        recommendation=recommendation,
        user=fp_senegal,
        as_of=date(2026, 11, 1),
        narrative="Mise en service.",
        progress=50,
        proposed_status="in_progress",
    )
    after = client.get("/en/recommendations/mine/").content.decode()

    assert "awaiting review" not in before
    assert "1 awaiting review" in after
    cache.clear()


@pytest.mark.django_db
def test_with_the_caches_on_a_focal_point_never_gets_another_administrations_actions(
    client, meeting, fp_senegal, fp_nigeria, settings
):
    """My actions is shared by the focal points of one administration only: Nigeria's focal
    point, after Senegal's page was drawn and kept, gets Nigeria's."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    senegal_only = make_recommendation(meeting, lead=("SN",))
    nigeria_only = make_recommendation(meeting, lead=("NG",))
    client.force_login(fp_senegal)
    senegal = client.get("/en/recommendations/mine/").content.decode()
    other = Client()
    other.force_login(fp_nigeria)
    nigeria = other.get("/en/recommendations/mine/").content.decode()

    assert senegal_only.reference in senegal and nigeria_only.reference not in senegal
    assert nigeria_only.reference in nigeria and senegal_only.reference not in nigeria
    cache.clear()
