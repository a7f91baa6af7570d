"""The follow-up matrix: administrations and bodies × recommendations, each cell an actor's own
part, on screen and exported."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from recommendations import services
from tests.factories import MeetingFactory, make_recommendation
from tests.recommendations.conftest import pdf_upload


def accept(recommendation, user, secretariat, status, progress):
    update = services.update_submit(
        recommendation=recommendation,
        user=user,
        as_of=date(2026, 11, 1),
        narrative="Point.",
        progress=progress,
        proposed_status=status,
        files=[pdf_upload()],
    )
    services.update_accept(update=update, reviewer=secretariat)


@pytest.mark.django_db
def test_the_matrix_shows_each_actors_own_part(
    client, interconnection, fp_senegal, secretariat, supervisor
):
    accept(interconnection, fp_senegal, secretariat, "in_progress", 40)
    client.force_login(supervisor)

    page = client.get("/fr/dashboard/matrix/").content.decode()

    senegal = page.split('data-row="SN"')[1].split("</tr>")[0]
    nigeria = page.split('data-row="NG"')[1].split("</tr>")[0]
    assert 'data-cell="in_progress"' in senegal and "40" in senegal
    assert 'data-cell="not_started"' in nigeria


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_matrix_exports_to_xlsx_and_csv(
    client, interconnection, fp_senegal, secretariat, supervisor, language
):
    accept(interconnection, fp_senegal, secretariat, "in_progress", 40)
    client.force_login(supervisor)

    workbook = load_workbook(
        io.BytesIO(client.get(f"/{language}/dashboard/matrix/?format=xlsx").content)
    )
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][1] == interconnection.reference
    in_progress = "En cours" if language == "fr" else "In progress"
    assert [r[1] for r in rows[1:] if r[0] in ("Sénégal", "Senegal")] == [in_progress]

    text = client.get(f"/{language}/dashboard/matrix/?format=csv").content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][1] == interconnection.reference and len(table) == 3


@pytest.mark.django_db
def test_the_matrix_filters_by_meeting(client, supervisor, interconnection):
    other = make_recommendation(MeetingFactory(number=8, slug="gtr-8"), lead=("CI",))
    client.force_login(supervisor)

    page = client.get("/fr/dashboard/matrix/?meeting=gtr-8").content.decode()

    assert other.reference in page and interconnection.reference not in page


@pytest.mark.django_db
def test_a_focal_point_sees_its_own_row_only(client, fp_senegal, interconnection):
    client.force_login(fp_senegal)

    page = client.get("/fr/dashboard/matrix/").content.decode()

    assert 'data-row="SN"' in page and 'data-row="NG"' not in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", [None, "expert"])
def test_the_matrix_is_not_for_visitors_or_experts(client, request, who, interconnection):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get("/fr/dashboard/matrix/")
    assert response.status_code in (302, 403)
    if who:
        assert response.status_code == 403


@pytest.mark.django_db
def test_the_matrix_keeps_a_constant_number_of_queries(
    client, supervisor, django_assert_max_num_queries
):
    meeting = MeetingFactory(number=9, slug="gtr-9")
    for _ in range(40):
        make_recommendation(meeting, lead=("SN", "NG"), others=("CI", "GH"))
    client.force_login(supervisor)

    with django_assert_max_num_queries(12):
        response = client.get("/fr/dashboard/matrix/")
    assert response.content.decode().count('data-cell="') == 4 * 30
