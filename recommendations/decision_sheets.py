"""Decisions from a spreadsheet: the template to fill in, and reading a filled one back.

One row per recommendation, the same columns as the decisions screen; a line whose first cell
starts with "#" is a comment (the template's help line). Actors are given by their
codes (SN, NG, ROCB-WCA...), separated by ";". Reading never saves anything: it returns each row
with what it says and its errors, for a preview; the secretariat then imports the rows as
drafts (services.decision_drafts_append).
"""

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from commissions.models import TechnicalCommission
from members.models import Actor

from .models import Meeting, Priority
from .services import DecisionRow, decision_row_errors

COLUMNS = [
    "text_fr",
    "text_en",
    "title_fr",
    "commission",
    "lead_actors",
    "other_actors",
    "deadline",
    "priority",
]
NEXT_MEETING = ("next", "prochaine")
MAX_ROWS = 200
MAX_BYTES = 2 * 1024 * 1024


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().strip().lower()


def _column_help() -> list[str]:
    return [
        "# " + _("Text in French (required)"),
        _("Text in English (optional)"),
        _("Short title in French (optional)"),
        _("Commission: its number (optional)"),
        _("Lead actors: codes separated by ; (SN; NG; ROCB-WCA)"),
        _("Other actors: codes separated by ;"),
        _("Deadline: YYYY-MM-DD, “next” for the next meeting, or empty"),
        _("Priority: high, medium or low"),
    ]


def decisions_template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Decisions")
    sheet.append(COLUMNS)
    sheet.append(_column_help())
    codes = workbook.create_sheet(_("Actor codes"))
    codes.append([_("Code"), _("French"), _("English")])
    for actor in Actor.objects.select_related("member", "body"):
        target = actor.member or actor.body
        code = actor.member.iso2 if actor.member_id else actor.body.code
        codes.append([code, target.name_fr, target.name_en])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def decisions_template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow(_column_help())
    return "\ufeff" + out.getvalue()


@dataclass
class ParsedRow:
    number: int  # the line in the file, as a spreadsheet program shows it
    values: dict[str, str]
    row: DecisionRow | None = None
    errors: list[str] = field(default_factory=list)


class SheetError(Exception):
    """The file as a whole cannot be read; the message says why, in the reader's language."""


def _records(upload) -> list[list[str]]:
    if upload.size > MAX_BYTES:
        raise SheetError(_("The file is too large: 2 MB at most."))
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(b"PK"):
        try:
            workbook = load_workbook(upload, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            raise SheetError(_("This file is not a spreadsheet the portal can read.")) from None
        sheet = workbook.worksheets[0]
        return [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(_("Save the file as XLSX, or as CSV in UTF-8.")) from None
    return list(csv.reader(io.StringIO(text)))


def decisions_parse(*, upload, meeting: Meeting) -> list[ParsedRow]:
    records = _records(upload)
    if not records or [_plain(c) for c in records[0][: len(COLUMNS)]] != COLUMNS:
        raise SheetError(_("The first line must be the template's column names."))
    actors = {}
    for actor in Actor.objects.select_related("member", "body"):
        code = actor.member.iso2 if actor.member_id else actor.body.code
        actors[_plain(code)] = actor
    commissions = {str(c.number): c for c in TechnicalCommission.objects.all()}
    parsed = []
    for number, record in enumerate(records[1:], start=2):
        cells = [c.strip() for c in record][: len(COLUMNS)]
        values = dict(zip(COLUMNS, cells + [""] * (len(COLUMNS) - len(cells)), strict=True))
        if not any(values.values()) or values["text_fr"].startswith("#"):
            continue  # an empty line, or the template's help line
        if len(parsed) >= MAX_ROWS:
            raise SheetError(_("At most 200 decisions per file."))
        parsed.append(_parse_row(number, values, actors, commissions, meeting))
    if not parsed:
        raise SheetError(_("The file has no decision below the column names."))
    return parsed


def _parse_row(number, values, actors, commissions, meeting) -> ParsedRow:
    result = ParsedRow(number=number, values=values)

    def codes(name):
        found = []
        for code in filter(None, (c.strip() for c in values[name].replace(",", ";").split(";"))):
            actor = actors.get(_plain(code))
            if actor is None:
                result.errors.append(_("Unknown actor code “%(code)s”.") % {"code": code})
            else:
                found.append(actor)
        return found

    deadline, next_meeting = None, False
    if _plain(values["deadline"]) in NEXT_MEETING:
        next_meeting = True
    elif values["deadline"]:
        try:
            deadline = date.fromisoformat(values["deadline"][:10])
        except ValueError:
            result.errors.append(_("Write the deadline as YYYY-MM-DD."))
    commission = None
    if values["commission"]:
        commission = commissions.get(values["commission"].split(".")[0])
        if commission is None:
            result.errors.append(_("Unknown commission number."))
    priority = _plain(values["priority"]) or Priority.MEDIUM
    if priority not in Priority.values:
        result.errors.append(_("The priority is high, medium or low."))
        priority = Priority.MEDIUM
    row = DecisionRow(
        text_fr=values["text_fr"],
        text_en=values["text_en"],
        title_fr=values["title_fr"],
        commission=commission,
        lead_actors=codes("lead_actors"),
        other_actors=codes("other_actors"),
        deadline=deadline,
        due_by_next_meeting=next_meeting,
        priority=priority,
    )
    result.errors += [str(e) for e in decision_row_errors(row=row, meeting=meeting).values()]
    result.row = None if result.errors else row
    return result
