"""The figures of the supervisors' dashboard, in a bounded number of queries whatever the data.

The activity reports freeze the same figures (see `dashboard_figures`), so the browser, the XLSX
export and the PDF reports all read from one place.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from best_practices.selectors import published_practice_count
from commissions.models import TechnicalCommission
from members.models import MemberAdministration
from recommendations.models import OPEN_STATUSES, Meeting, Recommendation, RecommendationActor

CLOSED_WITHOUT_EFFECT = ("cancelled", "superseded")


@dataclass
class DashboardFilters:
    period: tuple[int, int] | None = None
    meeting: Meeting | None = None
    commission: TechnicalCommission | None = None
    member: MemberAdministration | None = None

    def list_params(self) -> dict[str, str]:
        """The same selection as query parameters of the recommendation list."""
        params = {}
        if self.period:
            params["adopted_after"] = f"{self.period[0]}-01-01"
            params["adopted_before"] = f"{self.period[1]}-12-31"
        if self.meeting:
            params["meeting"] = self.meeting.slug
        if self.commission:
            params["commission"] = self.commission.slug
        if self.member:
            params["actor"] = self.member.iso2
        return params

    def query(self) -> dict[str, str]:
        """The dashboard's own query parameters, to keep the selection across links."""
        params = {}
        if self.period:
            first, last = self.period
            params["period"] = str(first) if first == last else f"{first}-{last}"
        if self.meeting:
            params["meeting"] = self.meeting.slug
        if self.commission:
            params["commission"] = self.commission.slug
        if self.member:
            params["member"] = self.member.iso2
        return params


def list_url(filters: DashboardFilters, **extra) -> str:
    """Where a figure leads: the recommendation list filtered to exactly the rows it counts."""
    params = {**filters.list_params(), **extra}
    statuses = params.pop("status", None)
    query = urlencode(params)
    if statuses:
        query = "&".join(filter(None, [query, urlencode([("status", s) for s in statuses])]))
    return reverse("recommendations:recommendation-list") + (f"?{query}" if query else "")


def _selected(filters: DashboardFilters) -> QuerySet:
    # No ordering: the model's default ordering would otherwise split every GROUP BY.
    recommendations = Recommendation.objects.order_by()
    if filters.period:
        recommendations = recommendations.filter(
            meeting__start_date__year__gte=filters.period[0],
            meeting__start_date__year__lte=filters.period[1],
        )
    if filters.meeting:
        recommendations = recommendations.filter(meeting=filters.meeting)
    if filters.commission:
        recommendations = recommendations.filter(commission=filters.commission)
    if filters.member:
        recommendations = recommendations.filter(
            pk__in=RecommendationActor.objects.filter(actor__member=filters.member).values(
                "recommendation_id"
            )
        )
    return recommendations


def _status_counts(prefix: str, today: date, *, status_field: str = "") -> dict:
    """Aggregations by status, for rows reached through `prefix` ('' or 'recommendation__').
    `status_field` counts another status than the recommendation's: an actor's own part."""
    status, deadline = status_field or f"{prefix}status", f"{prefix}deadline"
    return {
        "total": Count(f"{prefix}pk", distinct=bool(prefix)),
        "implemented": Count(
            f"{prefix}pk", filter=Q(**{status: "implemented"}), distinct=bool(prefix)
        ),
        "partial": Count(
            f"{prefix}pk", filter=Q(**{status: "partially_implemented"}), distinct=bool(prefix)
        ),
        "in_progress": Count(
            f"{prefix}pk", filter=Q(**{status: "in_progress"}), distinct=bool(prefix)
        ),
        "not_started": Count(
            f"{prefix}pk", filter=Q(**{status: "not_started"}), distinct=bool(prefix)
        ),
        "overdue": Count(
            f"{prefix}pk",
            filter=Q(**{f"{status}__in": OPEN_STATUSES, f"{deadline}__lt": today}),
            distinct=bool(prefix),
        ),
    }


@dataclass
class Row:
    key: str
    label: str
    total: int = 0
    implemented: int = 0
    partial: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0
    average_progress: float = 0
    link_params: dict = field(default_factory=dict)

    @property
    def rate(self) -> int | None:
        return round(100 * self.implemented / self.total) if self.total else None


@dataclass
class Dashboard:
    filters: DashboardFilters
    today: date
    headline: dict
    members: list[Row]
    commissions: list[Row]
    meetings: list[Row]
    trend_labels: list[str]
    trend_adopted: list[int]
    trend_implemented: list[int]

    def link(self, **extra) -> str:
        return list_url(self.filters, **extra)


def _rate(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def dashboard_figures(*, filters: DashboardFilters, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    selected = _selected(filters)

    headline = selected.aggregate(
        **_status_counts("", today),
        closed_without_effect=Count("pk", filter=Q(status__in=CLOSED_WITHOUT_EFFECT)),
        implemented_on_time=Count(
            "pk", filter=Q(status="implemented", implemented_on__lte=F("deadline"))
        ),
        implemented_dated=Count("pk", filter=Q(status="implemented", implemented_on__isnull=False)),
        average_progress=Avg("progress", filter=~Q(status__in=CLOSED_WITHOUT_EFFECT)),
    )
    live = headline["total"] - headline["closed_without_effect"]
    headline["implementation_rate"] = _rate(headline["implemented"], live)
    headline["on_time_rate"] = _rate(headline["implemented_on_time"], headline["implemented_dated"])
    headline["average_progress"] = round(headline["average_progress"] or 0)
    headline["best_practices_published"] = published_practice_count(
        member=filters.member, period=filters.period
    )

    # Who carries out what: every member, even those with nothing to do, by its own part's
    # status (Senegal's progress on a shared recommendation is not Nigeria's).
    links = (
        RecommendationActor.objects.filter(recommendation__in=selected, actor__member__isnull=False)
        .exclude(recommendation__status__in=CLOSED_WITHOUT_EFFECT)
        .order_by()
    )
    by_member = {
        row.pop("actor__member_id"): row
        for row in links.values("actor__member_id").annotate(
            **_status_counts("recommendation__", today, status_field="status")
        )
    }
    members = MemberAdministration.objects.order_by("name")
    if filters.member:
        members = members.filter(pk=filters.member.pk)
    member_rows = [
        Row(key=m.iso2, label=m.name, link_params={"actor": m.iso2}, **by_member.get(m.pk, {}))
        for m in members
    ]

    by_commission = {
        row.pop("commission_id"): row
        for row in selected.values("commission_id").annotate(
            **_status_counts("", today), average_progress=Avg("progress")
        )
    }
    commission_rows = [
        Row(
            key=c.slug,
            label=c.name,
            link_params={"commission": c.slug},
            **_with_average(by_commission.get(c.pk, {})),
        )
        for c in TechnicalCommission.objects.order_by("number")
        if not filters.commission or c.pk == filters.commission.pk
    ]
    if None in by_commission and not filters.commission:
        commission_rows.append(Row(key="", label="—", **_with_average(by_commission[None])))

    by_meeting = {
        row.pop("meeting_id"): row
        for row in selected.values("meeting_id").annotate(
            **_status_counts("", today), average_progress=Avg("progress")
        )
    }
    meeting_rows = [
        Row(
            key=m.slug,
            label=m.title,
            link_params={"meeting": m.slug},
            **_with_average(by_meeting[m.pk]),
        )
        for m in Meeting.objects.filter(pk__in=by_meeting)
        .select_related("commission")
        .order_by("start_date")
    ]

    labels, adopted, implemented = _trend(selected, today)
    return Dashboard(
        filters=filters,
        today=today,
        headline=headline,
        members=member_rows,
        commissions=commission_rows,
        meetings=meeting_rows,
        trend_labels=labels,
        trend_adopted=adopted,
        trend_implemented=implemented,
    )


def _with_average(row: dict) -> dict:
    row = dict(row)
    row["average_progress"] = round(row.get("average_progress") or 0)
    return row


def _trend(selected: QuerySet, today: date) -> tuple[list[str], list[int], list[int]]:
    """Recommendations adopted and implemented, cumulated year by year."""
    adopted = dict(
        selected.annotate(year=ExtractYear("meeting__start_date"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    implemented = dict(
        selected.filter(status="implemented", implemented_on__isnull=False)
        .annotate(year=ExtractYear("implemented_on"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    years = sorted(set(adopted) | set(implemented))
    if not years:
        return [], [], []
    labels, total_adopted, total_implemented = [], [], []
    running_adopted = running_implemented = 0
    for year in range(years[0], max(years[-1], today.year) + 1):
        running_adopted += adopted.get(year, 0)
        running_implemented += implemented.get(year, 0)
        labels.append(str(year))
        total_adopted.append(running_adopted)
        total_implemented.append(running_implemented)
    return labels, total_adopted, total_implemented
