"""Decisions from a spreadsheet: a template, an upload, a preview with per-line errors, then
an import as drafts."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from recommendations.decision_sheets import COLUMNS
from recommendations.models import DecisionDraft
from tests.factories import MeetingFactory


@pytest.fixture
def ninth(db):
    return MeetingFactory(number=9, slug="gtr-9")


def xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("decisions.xlsx", buffer.getvalue())


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("decisions.csv", ("\ufeff" + text).encode())


GOOD = [
    [
        "Interconnecter les systèmes.",
        "Interconnect the systems.",
        "",
        "",
        "SN",
        "NG; rocb-wca",
        "2027-06-30",
        "high",
    ],
    ["Former les agents.", "", "", "", "CI", "", "next", ""],
]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_template_has_the_columns_and_opens(client, ninth, secretariat, fmt):
    client.force_login(secretariat)
    response = client.get(f"/fr/meetings/gtr-9/decisions/template/?format={fmt}")
    assert response.status_code == 200
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert [c.value for c in sheet[1]] == COLUMNS
    else:
        assert response.content.decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)


@pytest.mark.django_db
def test_a_good_sheet_is_previewed_then_imported_as_drafts(client, ninth, secretariat):
    client.force_login(secretariat)

    preview = client.post("/fr/meetings/gtr-9/decisions/import/", {"file": xlsx(GOOD)})

    page = preview.content.decode()
    assert preview.status_code == 200 and "data-import" in page
    assert not DecisionDraft.objects.exists()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    done = client.post("/fr/meetings/gtr-9/decisions/import/", {"payload": payload})

    assert done.status_code == 302
    drafts = list(DecisionDraft.objects.order_by("position"))
    assert [d.text_fr for d in drafts] == ["Interconnecter les systèmes.", "Former les agents."]
    assert {a.body.code if a.body_id else a.member.iso2 for a in drafts[0].other_actors.all()} == {
        "NG",
        "ROCB-WCA",
    }
    assert drafts[1].due_by_next_meeting and drafts[0].priority == "high"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_errors_are_shown_line_by_line_and_nothing_is_imported(
    client, ninth, secretariat, language
):
    client.force_login(secretariat)
    bad = GOOD + [
        ["", "", "", "", "SN", "", "", ""],
        ["Sans acteur principal.", "", "", "", "", "NG", "", ""],
        ["Acteur inconnu.", "", "", "", "XX", "", "31/12/2027", ""],
    ]

    response = client.post(f"/{language}/meetings/gtr-9/decisions/import/", {"file": xlsx(bad)})

    page = response.content.decode()
    assert "data-import" not in page
    for line in (4, 5, 6):
        assert re.search(rf'data-line="{line}" class="has-error"', page)
    assert 'data-line="2">' in page  # a good line stays without error
    assert "XX" in page
    assert not DecisionDraft.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_no_spreadsheet_gets_a_clear_error(client, ninth, secretariat):
    client.force_login(secretariat)
    fake = SimpleUploadedFile("decisions.xlsx", b"PK\x03\x04 not really a zip")

    response = client.post("/fr/meetings/gtr-9/decisions/import/", {"file": fake})

    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


@pytest.mark.django_db
def test_a_csv_in_utf8_is_read_too(client, ninth, secretariat):
    client.force_login(secretariat)
    text = ",".join(COLUMNS) + "\nRéviser le plan régional.,,,,GA,,,low\n"

    response = client.post("/fr/meetings/gtr-9/decisions/import/", {"file": csv_file(text)})

    assert 'data-line="2">' in response.content.decode()


@pytest.mark.django_db
def test_a_tampered_preview_is_refused(client, ninth, secretariat):
    client.force_login(secretariat)
    response = client.post("/fr/meetings/gtr-9/decisions/import/", {"payload": "forged:payload"})
    assert response.status_code == 400
    assert not DecisionDraft.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["fp_senegal", "supervisor", "expert"])
def test_only_the_secretariat_imports_decisions(client, request, ninth, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/fr/meetings/gtr-9/decisions/import/").status_code == 403
    assert client.get("/fr/meetings/gtr-9/decisions/template/").status_code == 403
    assert (
        client.post("/fr/meetings/gtr-9/decisions/import/", {"file": xlsx(GOOD)}).status_code == 403
    )
