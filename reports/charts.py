"""The dashboard's charts, drawn as SVG by gtr_portal.core.charts for the page and the PDFs."""

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from gtr_portal.core.charts import Series, line_chart, stacked_bars

from .selectors import Dashboard, Row


def _status_series(rows: list[Row]) -> list[Series]:
    return [
        Series(_("Implemented"), [r.implemented for r in rows], "#0d3d70"),
        Series(_("Partially implemented"), [r.partial for r in rows], "#c8962a"),
        Series(_("In progress"), [r.in_progress for r in rows], "#6f9fd8"),
        Series(_("Not started"), [r.not_started for r in rows], "#c9d1da"),
    ]


def dashboard_charts(dashboard: Dashboard) -> dict[str, SafeString]:
    members = [r for r in dashboard.members if r.total]
    charts = {
        "members": stacked_bars(
            title=_("Recommendations of each administration, by status"),
            categories=[r.label for r in members],
            series=_status_series(members),
        ),
        "commissions": stacked_bars(
            title=_("Recommendations of each commission, by status"),
            categories=[r.label for r in dashboard.commissions],
            series=_status_series(dashboard.commissions),
        ),
    }
    if len(dashboard.trend_labels) >= 2:
        charts["trend"] = line_chart(
            title=_("Recommendations adopted and implemented, cumulated"),
            labels=dashboard.trend_labels,
            series=[
                Series(_("Adopted"), dashboard.trend_adopted, "#9aa5b1"),
                Series(_("Implemented"), dashboard.trend_implemented, "#0d3d70"),
            ],
        )
    return charts


def snapshot_charts(facts: dict, language: str) -> dict[str, SafeString]:
    """The activity report's charts, drawn from its (possibly frozen) facts."""

    def series(rows):
        return [
            Series(_("Implemented"), [r["implemented"] for r in rows], "#0d3d70"),
            Series(_("Partially implemented"), [r["partial"] for r in rows], "#c8962a"),
            Series(_("In progress"), [r["in_progress"] for r in rows], "#6f9fd8"),
            Series(_("Not started"), [r["not_started"] for r in rows], "#c9d1da"),
        ]

    charts = {}
    if facts.get("members"):
        charts["members"] = stacked_bars(
            title=_("Recommendations of each administration, by status"),
            categories=[r["label"][language] for r in facts["members"]],
            series=series(facts["members"]),
        )
    if facts.get("commissions"):
        charts["commissions"] = stacked_bars(
            title=_("Recommendations of each commission, by status"),
            categories=[r["label"][language] for r in facts["commissions"]],
            series=series(facts["commissions"]),
        )
    trend = facts.get("trend") or {}
    if len(trend.get("labels") or []) >= 2:
        charts["trend"] = line_chart(
            title=_("Recommendations adopted and implemented, cumulated"),
            labels=trend["labels"],
            series=[
                Series(_("Adopted"), trend["adopted"], "#9aa5b1"),
                Series(_("Implemented"), trend["implemented"], "#0d3d70"),
            ],
        )
    return charts
