"""The dashboard's figures as an XLSX workbook: the same numbers as on screen."""

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
