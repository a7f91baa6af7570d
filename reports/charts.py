"""The dashboard's charts, drawn as SVG by gtr_portal.core.charts for the page and the PDFs.

The dashboard draws them from its live figures, an activity report from its (possibly frozen)
facts: both go through `_charts`, so that the two always show the same series, in the same
colours."""

from collections.abc import Mapping, Sequence

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gtr_portal.core.charts import Series, line_chart, stacked_bars

from .selectors import Dashboard

# The statuses in a bar, bottom up: their label, the count's name, their colour.
STATUSES = (
    (gettext_lazy("Implemented"), "implemented", "#0d3d70"),
    (gettext_lazy("Partially implemented"), "partial", "#c8962a"),
    (gettext_lazy("In progress"), "in_progress", "#6f9fd8"),
    (gettext_lazy("Not started"), "not_started", "#c9d1da"),
)
ADOPTED_COLOUR, IMPLEMENTED_COLOUR = "#9aa5b1", "#0d3d70"

Bars = Sequence[tuple[str, Mapping[str, int]]]  # (label, counts by status) for each bar


def dashboard_charts(dashboard: Dashboard) -> dict[str, SafeString]:
    return _charts(
        members=[(r.label, vars(r)) for r in dashboard.members if r.total],
        commissions=[(r.label, vars(r)) for r in dashboard.commissions],
        trend_labels=dashboard.trend_labels,
        adopted=dashboard.trend_adopted,
        implemented=dashboard.trend_implemented,
    )


def snapshot_charts(facts: dict, language: str) -> dict[str, SafeString]:
    """The activity report's charts, drawn from its (possibly frozen) facts."""
    trend = facts.get("trend") or {}
    return _charts(
        members=[(r["label"][language], r) for r in facts.get("members") or []],
        commissions=[(r["label"][language], r) for r in facts.get("commissions") or []],
        trend_labels=trend.get("labels") or [],
        adopted=trend.get("adopted") or [],
        implemented=trend.get("implemented") or [],
    )


def _charts(
    *, members: Bars, commissions: Bars, trend_labels: list, adopted: list, implemented: list
) -> dict[str, SafeString]:
    charts = {}
    for key, title, bars in (
        ("members", _("Recommendations of each administration, by status"), members),
        ("commissions", _("Recommendations of each commission, by status"), commissions),
    ):
        if bars:
            charts[key] = stacked_bars(
                title=title,
                categories=[label for label, _counts in bars],
                series=[
                    Series(str(name), [counts[field] for _label, counts in bars], colour)
                    for name, field, colour in STATUSES
                ],
            )
    if len(trend_labels) >= 2:
        charts["trend"] = line_chart(
            title=_("Recommendations adopted and implemented, cumulated"),
            labels=trend_labels,
            series=[
                Series(_("Adopted"), adopted, ADOPTED_COLOUR),
                Series(_("Implemented"), implemented, IMPLEMENTED_COLOUR),
            ],
        )
    return charts
