"""The figures of the supervisors' dashboard, in a bounded number of queries whatever the data.

The activity reports freeze the same figures (see `dashboard_figures`), so the browser, the XLSX
export and the PDF reports all read from one place.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, F, Func, JSONField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear, JSONObject
from django.urls import reverse
from django.utils import timezone

from best_practices.models import BestPractice
from commissions.models import TechnicalCommission
from gtr_portal.core.content_cache import content_cached
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.selectors import job_latest, subject_for
from members.models import MemberAdministration
from recommendations.models import OPEN_STATUSES, Meeting, Recommendation, RecommendationActor

from .jobs import BUILD_JOB
from .models import Report

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


def report_latest_build(*, report: Report) -> Job | None:
    return job_latest(kind=BUILD_JOB, subject=subject_for(report))


def report_list(*, user) -> list:
    """The reports archive: final reports for everyone, drafts too for who reads the regional
    figures; newest first, with their meeting, newer version and PDFs (two queries)."""
    reports = Report.objects.select_related("meeting", "superseded_by").prefetch_related("files")
    if not user.has_perm("reports.view_regional_dashboard"):
        reports = reports.filter(status=Report.Status.FINAL)
    return list(reports.order_by("-created_at"))


def list_url(filters: DashboardFilters, **extra) -> str:
    """Where a figure leads: the recommendation list filtered to exactly the rows it counts."""
    params = {**filters.list_params(), **extra}
    statuses = params.pop("status", None)
    query = urlencode(params)
    if statuses:
        query = "&".join(filter(None, [query, urlencode([("status", s) for s in statuses])]))
    return reverse("recommendations:recommendation-list") + (f"?{query}" if query else "")


def _count_of(rows: QuerySet) -> Coalesce:
    """How many of `rows` (correlated to the outer row by an OuterRef) there are."""
    return Coalesce(
        Subquery(rows.order_by().values(n=Func(F("pk"), function="COUNT")).values("n")[:1]), 0
    )


def _part_conditions(today: date) -> dict[str, Q | None]:
    """The counts of a member's parts: all of them, by the part's own status, and overdue."""
    return {
        "total": None,
        "implemented": Q(status="implemented"),
        "partial": Q(status="partially_implemented"),
        "in_progress": Q(status="in_progress"),
        "not_started": Q(status="not_started"),
        "overdue": Q(status__in=OPEN_STATUSES, recommendation__deadline__lt=today),
    }


def _selection(filters: DashboardFilters, *, prefix: str) -> Q:
    """The selection's conditions on recommendations reached through `prefix` (the member
    filter aside: a member's row holds its own parts anyway)."""
    condition = Q()
    if filters.period:
        condition &= Q(
            **{
                f"{prefix}meeting__start_date__year__gte": filters.period[0],
                f"{prefix}meeting__start_date__year__lte": filters.period[1],
            }
        )
    if filters.meeting:
        condition &= Q(**{f"{prefix}meeting": filters.meeting})
    if filters.commission:
        condition &= Q(**{f"{prefix}commission": filters.commission})
    return condition


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


def _status_counts(prefix: str, today: date, *, status_field: str = "", where: Q | None = None):
    """Aggregations by status, for rows reached through `prefix` ('' or a relation path), of
    the rows matching `where` if given. `status_field` counts another status than the
    recommendation's: an actor's own part."""
    status, deadline = status_field or f"{prefix}status", f"{prefix}deadline"

    def count(condition: Q | None = None) -> Count:
        conditions = [c for c in (condition, where) if c is not None]
        combined = conditions[0] & conditions[1] if len(conditions) == 2 else None
        return Count(
            f"{prefix}pk",
            filter=combined or (conditions[0] if conditions else None),
            distinct=bool(prefix),
        )

    return {
        "total": count(),
        "implemented": count(Q(**{status: "implemented"})),
        "partial": count(Q(**{status: "partially_implemented"})),
        "in_progress": count(Q(**{status: "in_progress"})),
        "not_started": count(Q(**{status: "not_started"})),
        "overdue": count(Q(**{f"{status}__in": OPEN_STATUSES, f"{deadline}__lt": today})),
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
    item: object = None  # the member, commission or meeting of the row

    @property
    def rate(self) -> int | None:
        return round(100 * self.implemented / self.total) if self.total else None


DASHBOARD_MEETINGS = 20  # rows by meeting on the screen: a page that does not grow with the years


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

    @property
    def recent_meetings(self) -> list[Row]:
        """The screen's rows by meeting: the latest DASHBOARD_MEETINGS (all in the XLSX)."""
        return self.meetings[-DASHBOARD_MEETINGS:]

    @property
    def earlier_meetings(self) -> int:
        return max(0, len(self.meetings) - DASHBOARD_MEETINGS)


def _rate(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


_COUNTS = ("total", "implemented", "partial", "in_progress", "not_started", "overdue")


def dashboard_figures(
    *, filters: DashboardFilters, today: date | None = None, with_meetings: bool = True
) -> Dashboard:
    """Six queries whatever the data (five without the rows by meeting, which the activity
    reports do not show): the recommendations counted once by commission, meeting and years,
    from which the headline, the commissions, the meetings and the trend are summed; the
    actors' parts by member; the members (with their published practices); the commissions;
    the meetings."""
    today = today or timezone.localdate()
    selected = _selected(filters)
    closed = Q(status__in=CLOSED_WITHOUT_EFFECT)
    groups = list(
        selected.values(
            "commission_id",
            "meeting_id",
            adopted_year=ExtractYear("meeting__start_date"),
            implemented_year=ExtractYear("implemented_on"),
        ).annotate(
            **_status_counts("", today),
            closed_without_effect=Count("pk", filter=closed),
            implemented_on_time=Count(
                "pk", filter=Q(status="implemented", implemented_on__lte=F("deadline"))
            ),
            implemented_dated=Count(
                "pk", filter=Q(status="implemented", implemented_on__isnull=False)
            ),
            progress_sum=Sum("progress"),
            live_progress_sum=Sum("progress", filter=~closed),
        )
    )

    headline = _summed(groups)
    live = headline["total"] - headline["closed_without_effect"]
    headline["average_progress"] = round(headline.pop("live_progress_sum") / live) if live else 0
    headline["implementation_rate"] = _rate(headline["implemented"], live)
    headline["on_time_rate"] = _rate(headline["implemented_on_time"], headline["implemented_dated"])
    for name in ("progress_sum", "commission_id", "meeting_id", "adopted_year", "implemented_year"):
        headline.pop(name, None)

    # Who carries out what: every member, even those with nothing to do, by its own part's
    # status (Senegal's progress on a shared recommendation is not Nigeria's), with the
    # practices it published, in one query: one subquery per member reads its own parts once
    # (through the index on the actor) and returns all their counts as a JSON object. Counted
    # as filters of one join of every member with every part, PostgreSQL tested the selection
    # for each count of each row (2.8 s at 10,000 recommendations); as one subquery per count,
    # it read each member's parts six times (7.5 s at 100,000).
    parts = (
        RecommendationActor.objects.filter(actor__member=OuterRef("pk"))
        .filter(_selection(filters, prefix="recommendation__"))
        .exclude(recommendation__status__in=CLOSED_WITHOUT_EFFECT)
        .order_by()
        .values("actor__member")
        .annotate(
            counts=JSONObject(
                **{
                    name: Count("pk", filter=condition)
                    for name, condition in _part_conditions(today).items()
                }
            )
        )
        .values("counts")[:1]
    )
    practices = BestPractice.objects.filter(
        administration=OuterRef("pk"), state=BestPractice.State.PUBLISHED
    )
    if filters.period:
        practices = practices.filter(
            published_at__year__gte=filters.period[0], published_at__year__lte=filters.period[1]
        )
    members = MemberAdministration.objects.annotate(
        published_practices=_count_of(practices),
        part_counts=Subquery(parts, output_field=JSONField()),
    ).order_by("name")
    if filters.member:
        members = members.filter(pk=filters.member.pk)
    members = list(members)
    for member in members:  # a member without any part has no counts: all are 0
        for name in _part_conditions(today):
            setattr(member, name, (member.part_counts or {}).get(name, 0))
    # Every practice belongs to a member: their sum is the region's (or the member's) count.
    headline["best_practices_published"] = sum(m.published_practices for m in members)
    member_rows = [
        Row(
            key=m.iso2,
            label=m.name,
            link_params={"actor": m.iso2},
            item=m,
            **{name: getattr(m, name) for name in _COUNTS},
        )
        for m in members
    ]

    by_commission = _summed_by(groups, "commission_id")
    commission_rows = [
        Row(
            key=c.slug,
            label=c.name,
            link_params={"commission": c.slug},
            item=c,
            **_with_average(by_commission.get(c.pk, {})),
        )
        for c in TechnicalCommission.objects.order_by("number")
        if not filters.commission or c.pk == filters.commission.pk
    ]
    if None in by_commission and not filters.commission:
        commission_rows.append(Row(key="", label="—", **_with_average(by_commission[None])))

    meeting_rows = []
    by_meeting = _summed_by(groups, "meeting_id")
    if with_meetings and by_meeting:
        meeting_rows = [
            Row(
                key=m.slug,
                label=m.title,
                link_params={"meeting": m.slug},
                item=m,
                **_with_average(by_meeting[m.pk]),
            )
            for m in Meeting.objects.filter(pk__in=by_meeting)
            .select_related("commission")
            .order_by("start_date")
        ]

    labels, adopted, implemented = _trend(groups, today)
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


def dashboard_get(*, filters: DashboardFilters) -> Dashboard:
    """The dashboard's figures for this selection, computed once until content changes: the
    same for every reader allowed to see them (gtr_portal/core/content_cache.py)."""
    today = timezone.localdate()
    key = f"dashboard:{urlencode(sorted(filters.query().items()))}:{today.isoformat()}"
    return content_cached(key, lambda: dashboard_figures(filters=filters, today=today))


def _summed(groups: list[dict]) -> dict:
    total: dict = {}
    for group in groups:
        for name, value in group.items():
            if isinstance(value, int) and not name.endswith(("_id", "_year")):
                total[name] = total.get(name, 0) + value
    for name in (*_COUNTS, "closed_without_effect", "implemented_on_time", "implemented_dated"):
        total.setdefault(name, 0)
    total.setdefault("live_progress_sum", 0)
    return total


def _summed_by(groups: list[dict], key: str) -> dict:
    """The counts of the groups summed by `key`, with the average progress of each."""
    summed: dict = {}
    for group in groups:
        row = summed.setdefault(group[key], dict.fromkeys((*_COUNTS, "progress_sum"), 0))
        for name in (*_COUNTS, "progress_sum"):
            row[name] += group[name] or 0
    for row in summed.values():
        progress = row.pop("progress_sum")
        row["average_progress"] = progress / row["total"] if row["total"] else 0
    return summed


def _with_average(row: dict) -> dict:
    row = dict(row)
    row["average_progress"] = round(row.get("average_progress") or 0)
    return row


def _trend(groups: list[dict], today: date) -> tuple[list[str], list[int], list[int]]:
    """Recommendations adopted and implemented, cumulated year by year."""
    adopted: dict[int, int] = {}
    implemented: dict[int, int] = {}
    for group in groups:
        adopted[group["adopted_year"]] = adopted.get(group["adopted_year"], 0) + group["total"]
        if group["implemented_dated"]:
            year = group["implemented_year"]
            implemented[year] = implemented.get(year, 0) + group["implemented_dated"]
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
