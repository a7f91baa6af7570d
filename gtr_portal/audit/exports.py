"""The filtered security log as CSV or XLSX: exactly the rows of the filter, all pages."""

import csv
import json
from io import BytesIO

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

# Whoever fails a sign-in chooses the e-mail typed and the browser's name: a cell starting
# like a formula is written as text, so a spreadsheet never runs it.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _when(event) -> str:
    return timezone.localtime(event.occurred_at).strftime("%Y-%m-%d %H:%M:%S")


def _columns():
    return [
        (_("When"), _when),
        (_("Event"), lambda e: e.get_kind_display()),
        (_("Code"), lambda e: e.kind),
        (_("E-mail"), lambda e: e.actor_email),
        (_("Address (IP)"), lambda e: e.ip_address or ""),
        (_("On what"), lambda e: e.target),
        (_("Browser"), lambda e: e.user_agent),
        (_("Details"), lambda e: json.dumps(e.details, ensure_ascii=False) if e.details else ""),
    ]


def _rows(events):
    columns = _columns()
    yield [header for header, _value in columns]
    for event in events.iterator(chunk_size=500):
        yield [_safe(value(event)) for _header, value in columns]


def _filename(extension: str) -> str:
    return f"security-log-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    def write(self, value):
        return value


def export_csv(events) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    # A byte-order mark lets spreadsheet programs read the accents correctly.
    lines = (writer.writerow(row) for row in _rows(events))
    response = StreamingHttpResponse(
        (line for chunk in (["\ufeff"], lines) for line in chunk),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_xlsx(events) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Security log"))
    for row in _rows(events):
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    response["Cache-Control"] = "private, no-store"
    return response
