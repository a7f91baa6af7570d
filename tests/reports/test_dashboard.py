import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from commissions.models import TechnicalCommission
from recommendations.generator import generate
from tests.factories import MeetingFactory, make_recommendation


@pytest.fixture
def commission(db):
    return TechnicalCommission.objects.create(
        number=1,
        slug="interconnection",
        name_fr="Interconnexion",
        name_en="Interconnection",
        mandate_fr="M",
    )


@pytest.fixture
def region(meeting, commission):
    """Five recommendations: two by Senegal, one of them overdue; Nigeria implemented one."""
    later = MeetingFactory(
        number=8, slug="gtr-8", start_date=date(2025, 5, 14), end_date=date(2025, 5, 16)
    )
    return {
        "sn_overdue": make_recommendation(
            meeting, lead=("SN",), commission=commission, deadline=date(2025, 1, 1)
        ),
        "sn_running": make_recommendation(
            later,
            lead=("SN",),
            others=("NG",),
            deadline=date(2027, 1, 1),
            status="in_progress",
            progress=40,
        ),
        "ng_done": make_recommendation(
            meeting,
            lead=("NG",),
            commission=commission,
            deadline=date(2025, 6, 1),
            status="implemented",
            progress=100,
            implemented_on=date(2025, 3, 1),
        ),
        "gh_late_done": make_recommendation(
            later,
            lead=("GH",),
            deadline=date(2025, 9, 1),
            status="implemented",
            progress=100,
            implemented_on=date(2025, 12, 1),
        ),
        "cancelled": make_recommendation(
            later, lead=("CI",), deadline=date(2026, 1, 1), status="cancelled"
        ),
    }


def figure(page: str, name: str) -> int:
    match = re.search(rf'data-figure="{name}"><strong>(\d+)</strong>', page)
    return int(match[1])


@pytest.mark.django_db
@pytest.mark.freeze_time("2026-11-23")
def test_the_headline_figures_of_the_region(client, supervisor, region):
    client.force_login(supervisor)

    page = client.get("/en/dashboard/").content.decode()

    assert figure(page, "adopted") == 5
    assert figure(page, "implemented") == 2
    assert figure(page, "overdue") == 1
    assert "50 %" in page  # implemented: 2 of the 4 not cancelled
    assert "50 %" in page  # on time: Nigeria yes, Ghana no


@pytest.mark.django_db
@pytest.mark.freeze_time("2026-11-23")
def test_the_dashboard_filters_to_one_commission_and_member(client, supervisor, region):
    client.force_login(supervisor)

    by_commission = client.get("/en/dashboard/", {"commission": "interconnection"}).content.decode()
    by_member = client.get("/en/dashboard/", {"member": "SN"}).content.decode()
    by_period = client.get("/en/dashboard/", {"period": "2025"}).content.decode()

    assert figure(by_commission, "adopted") == 2
    assert figure(by_member, "adopted") == 2
    assert figure(by_period, "adopted") == 3


@pytest.mark.django_db
@pytest.mark.freeze_time("2026-11-23")
@pytest.mark.parametrize("name", ["adopted", "implemented", "overdue", "in-progress"])
def test_every_figure_leads_to_exactly_the_rows_it_counts(client, supervisor, region, name):
    client.force_login(supervisor)
    page = client.get("/en/dashboard/", {"commission": "interconnection"}).content.decode()
    link = re.search(rf'href="([^"]+)" data-figure="{name}"', page)[1].replace("&amp;", "&")

    listed = client.get(link).content.decode()

    assert listed.count('data-reference="') == figure(page, name)


@pytest.mark.django_db
@pytest.mark.freeze_time("2026-11-23")
def test_the_member_table_shows_who_is_late(client, supervisor, region):
    client.force_login(supervisor)

    page = client.get("/fr/dashboard/").content.decode()

    senegal = page.split('data-member="SN"')[1].split("</tr>")[0]
    assert 'class="text-red"' in senegal
    assert page.count("data-member=") == 24


@pytest.mark.django_db
@pytest.mark.freeze_time("2026-11-23")
def test_the_xlsx_export_holds_the_same_figures(client, supervisor, region):
    client.force_login(supervisor)

    response = client.get("/en/dashboard/", {"commission": "interconnection", "format": "xlsx"})

    workbook = load_workbook(io.BytesIO(response.content))
    headline = dict(workbook["Headline figures"].iter_rows(values_only=True))
    assert headline["Recommendations adopted"] == 2
    assert headline["Overdue"] == 1
    members = {row[0]: row for row in workbook["Administrations"].iter_rows(values_only=True)}
    assert members["Senegal"][1] == 1


@pytest.mark.django_db
def test_a_focal_point_sees_only_its_own_administration_whatever_the_address(
    client, fp_senegal, region
):
    client.force_login(fp_senegal)

    page = client.get("/en/dashboard/", {"member": "NG"}).content.decode()

    assert "Dashboard of Senegal" in page
    assert page.count("data-member=") == 1 and 'data-member="SN"' in page
    assert figure(page, "adopted") == 2


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["expert", "anonymous"])
def test_experts_and_visitors_do_not_see_the_dashboard(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.get("/fr/dashboard/")

    assert response.status_code in (302, 403)
    if who == "anonymous":
        assert response.url.startswith("/fr/accounts/login/")


@pytest.mark.django_db
def test_a_filter_that_is_not_understood_is_said_and_ignored(client, supervisor, region):
    client.force_login(supervisor)

    response = client.get("/en/dashboard/", {"period": "last year"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Give a year (2025) or two years (2023-2025)." in page
    assert figure(page, "adopted") == 5


@pytest.mark.django_db
def test_the_charts_are_svg_with_labels_in_the_page_language(client, supervisor, region):
    client.force_login(supervisor)

    french = client.get("/fr/dashboard/").content.decode()
    english = client.get("/en/dashboard/").content.decode()

    assert french.count("<svg") >= 3
    assert "Implemented" in english and "Sénégal" in french


@pytest.mark.django_db
def test_the_dashboard_keeps_a_bounded_number_of_queries(
    client, supervisor, commission, django_assert_max_num_queries
):
    generate(meetings=6, per_meeting=60, updates_per=1, seed=7, start_number=300)
    client.force_login(supervisor)

    with django_assert_max_num_queries(20):
        response = client.get("/en/dashboard/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_dashboard_figures_are_computed_once_until_a_recommendation_changes(
    client, supervisor, region, settings, django_assert_max_num_queries
):
    """Issue 12: the figures cost a query over every recommendation; readers share them until
    content changes (gtr_portal/core/content_cache.py)."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    client.force_login(supervisor)
    first = client.get("/en/dashboard/")
    assert first.status_code == 200

    with django_assert_max_num_queries(8):  # the session, the user, the menu: no figures
        client.get("/en/dashboard/")
    make_recommendation(region["sn_running"].meeting, lead=("NG",))
    after = client.get("/en/dashboard/").content.decode()

    headline = re.compile(r'data-figure="adopted"><strong>(\d+)')
    assert (
        int(headline.search(after).group(1))
        == int(headline.search(first.content.decode()).group(1)) + 1
    )
    cache.clear()


@pytest.mark.django_db
def test_the_dashboard_shows_the_latest_meetings_and_sends_to_the_export_for_the_rest(
    client, supervisor, commission
):
    generate(meetings=23, per_meeting=1, updates_per=0, seed=3, start_number=400)
    client.force_login(supervisor)

    page = client.get("/en/dashboard/").content.decode()
    by_meeting = page.split("By meeting")[1].split("</table>")[0]

    assert by_meeting.count("<tr>") - 1 == 20  # the header row aside
    assert "3 earlier meetings are in the XLSX export" in page
    workbook = load_workbook(io.BytesIO(client.get("/en/dashboard/?format=xlsx").content))
    assert workbook["Meetings"].max_row - 1 >= 23


@pytest.mark.django_db
def test_with_the_caches_on_each_reader_gets_the_dashboard_of_their_own_selection(
    client, supervisor, fp_senegal, region, settings
):
    """The dashboard's page is drawn once per selection and shared: a focal point's (its own
    administration) never reaches the supervisor (the region), nor the reverse."""
    from django.core.cache import cache
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    focal_point = Client()
    focal_point.force_login(fp_senegal)
    client.force_login(supervisor)

    regional = client.get("/en/dashboard/").content.decode()
    senegal = focal_point.get("/en/dashboard/").content.decode()
    regional_again = client.get("/en/dashboard/").content.decode()
    matrix_senegal = focal_point.get("/en/dashboard/matrix/").content.decode()
    matrix_regional = client.get("/en/dashboard/matrix/").content.decode()

    assert "Regional dashboard" in regional and "Regional dashboard" in regional_again
    assert "Dashboard of Senegal" in senegal and "Regional dashboard" not in senegal
    assert matrix_senegal != matrix_regional
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_activity_report_draws_the_same_bars_as_the_dashboard_of_its_period(region, language):
    """One drawing for both (reports/charts.py): the same series, colours and labels."""
    from django.utils import translation

    from reports.charts import dashboard_charts, snapshot_charts
    from reports.selectors import DashboardFilters, dashboard_figures
    from reports.snapshots import activity_snapshot

    start, end = date(2020, 1, 1), date(2025, 12, 31)
    with translation.override(language):
        live = dashboard_charts(
            dashboard_figures(filters=DashboardFilters(period=(2020, 2025)), today=end)
        )
        frozen = snapshot_charts(activity_snapshot(start=start, end=end, today=end), language)

    assert live["members"] == frozen["members"]
    assert live["commissions"] == frozen["commissions"]
    assert {"fr": "Sénégal", "en": "Senegal"}[language] in frozen["members"]
