"""The dashboard's figures as an XLSX workbook: the same numbers as on screen."""

import csv
from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .selectors import Dashboard


def dashboard_xlsx(dashboard: Dashboard) -> HttpResponse:
    workbook = Workbook(write_only=True)
    headline = workbook.create_sheet(_("Headline figures"))
    h = dashboard.headline
    for label, value in [
        (_("Recommendations adopted"), h["total"]),
        (_("Implemented"), h["implemented"]),
        (_("Partially implemented"), h["partial"]),
        (_("In progress"), h["in_progress"]),
        (_("Not started"), h["not_started"]),
        (_("Overdue"), h["overdue"]),
        (_("Implementation rate (%)"), h["implementation_rate"]),
        (_("On-time rate (%)"), h["on_time_rate"]),
        (_("Average progress (%)"), h["average_progress"]),
        (_("Best practices published"), h.get("best_practices_published", "")),
    ]:
        headline.append([label, value])
    columns = [
        _("Total"),
        _("Implemented"),
        _("Partially implemented"),
        _("In progress"),
        _("Not started"),
        _("Overdue"),
        _("Implementation rate (%)"),
    ]
    for title, rows in [
        (_("Administrations"), dashboard.members),
        (_("Commissions"), dashboard.commissions),
        (_("Meetings"), dashboard.meetings),
    ]:
        sheet = workbook.create_sheet(title[:31])
        sheet.append([title, *columns])
        for row in rows:
            sheet.append(
                [
                    row.label,
                    row.total,
                    row.implemented,
                    row.partial,
                    row.in_progress,
                    row.not_started,
                    row.overdue,
                    row.rate,
                ]
            )
    trend = workbook.create_sheet(_("Trend"))
    trend.append([_("Year"), _("Adopted (cumulated)"), _("Implemented (cumulated)")])
    for row in zip(
        dashboard.trend_labels, dashboard.trend_adopted, dashboard.trend_implemented, strict=True
    ):
        trend.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="gtr-dashboard-{dashboard.today:%Y-%m-%d}.xlsx"'
    )
    return response


def matrix_table(matrix) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the matrix as text: one line per actor, one column per recommendation."""
    header = [_("Administration or body"), *[r.reference for r in matrix.columns]]
    rows = [
        [row.label, *[cell.get_status_display() if cell else "" for cell in row.cells]]
        for row in matrix.rows
    ]
    return header, rows


def matrix_xlsx(matrix) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Follow-up matrix"))
    header, rows = matrix_table(matrix)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="gtr-follow-up-matrix.xlsx"'
    return response


def matrix_csv(matrix) -> HttpResponse:
    header, rows = matrix_table(matrix)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gtr-follow-up-matrix.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
