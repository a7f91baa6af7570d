"""The filtered recommendation list as CSV or XLSX: exactly the rows of the filter, all pages."""

import csv
from collections.abc import Iterable
from io import BytesIO

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import Recommendation


def _columns() -> list[tuple[str, callable]]:
    def actors(role):
        return lambda r: "; ".join(
            str(link.actor) for link in r.actor_links.all() if link.role == role
        )

    return [
        (_("Reference"), lambda r: r.reference),
        (_("Meeting"), lambda r: r.meeting.title),
        (_("Commission"), lambda r: r.commission.name if r.commission else ""),
        (_("Title"), lambda r: r.title),
        (_("Lead actors"), actors("lead")),
        (_("Other actors"), actors("associated")),
        (
            _("Deadline"),
            lambda r: r.deadline or (_("By the next meeting") if r.due_by_next_meeting else ""),
        ),
        (_("Priority"), lambda r: r.get_priority_display()),
        (_("Status"), lambda r: r.get_status_display()),
        (_("Progress (%)"), lambda r: r.progress),
        (_("Overdue"), lambda r: _("yes") if r.overdue else _("no")),
        (_("Illustrative (demo data)"), lambda r: _("yes") if r.illustrative else ""),
    ]


def _rows(recommendations: Iterable[Recommendation]):
    columns = _columns()
    yield [header for header, _value in columns]
    for recommendation in recommendations:
        yield [value(recommendation) for _header, value in columns]


def _filename(extension: str) -> str:
    return f"recommendations-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    def write(self, value):
        return value


def export_csv(recommendations) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    # A byte-order mark lets spreadsheet programs read the accents correctly.
    lines = (writer.writerow(row) for row in _rows(recommendations.iterator(chunk_size=500)))
    response = StreamingHttpResponse(
        (line for chunk in (["\ufeff"], lines) for line in chunk),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def export_xlsx(recommendations) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Recommendations"))
    rows = _rows(recommendations.iterator(chunk_size=500))
    header = next(rows)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
