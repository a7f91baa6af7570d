"""The facts a report states, gathered as plain data in both languages.

A draft report shows them live; finalising a report stores them, so later changes to the data
never alter a finalised report.
"""

from datetime import date

from django.db.models import Count, Value
from django.utils import timezone, translation

from best_practices.models import BestPractice, CompendiumEdition
from recommendations.models import Meeting, Recommendation, RecommendationActor

from .selectors import DashboardFilters, Row, dashboard_figures

LANGUAGES = ("fr", "en")


def _both(build) -> dict[str, str]:
    """A text in each language, built with that language active."""
    result = {}
    for language in LANGUAGES:
        with translation.override(language):
            result[language] = str(build())
    return result


def _row(row: Row, label: dict) -> dict:
    return {
        "label": label,
        "total": row.total,
        "implemented": row.implemented,
        "partial": row.partial,
        "in_progress": row.in_progress,
        "not_started": row.not_started,
        "overdue": row.overdue,
        "rate": row.rate,
        "average_progress": row.average_progress,
    }


def activity_snapshot(*, start: date, end: date, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    as_of = min(end, today)
    dashboard = dashboard_figures(
        filters=DashboardFilters(period=(start.year, end.year)), today=as_of, with_meetings=False
    )
    meetings = (
        Meeting.objects.filter(start_date__gte=start, start_date__lte=end)
        .select_related("commission", "host")
        .annotate(recommendation_count=Count("recommendations"))
        .order_by("start_date")
    )
    practices = (
        BestPractice.objects.filter(
            state="published", published_at__date__gte=start, published_at__date__lte=end
        )
        .select_related("administration")
        .order_by("published_at")
    )
    editions = CompendiumEdition.objects.filter(
        status="published", published_at__date__gte=start, published_at__date__lte=end
    )
    counts = _period_counts(start=start, end=end)
    return {
        "as_of": as_of.isoformat(),
        "headline": dict(dashboard.headline),
        "implemented_in_period": counts["implemented"],
        "status_changes_in_period": counts["changes"],
        "meetings": [
            {
                "title": _both(lambda m=meeting: m.title),
                "start": meeting.start_date.isoformat(),
                "city": meeting.city,
                "recommendations": meeting.recommendation_count,
                "kind": meeting.kind,
            }
            for meeting in meetings
        ],
        "best_practices": [
            {
                "title": {"fr": p.title_fr, "en": p.title_en or p.title_fr},
                "administration": {"fr": p.administration.name_fr, "en": p.administration.name_en},
            }
            for p in practices
        ],
        "editions": [
            {"fr": e.title_fr, "en": e.title_en or e.title_fr, "period": e.period} for e in editions
        ],
        "commissions": [_row(row, _names(row.item)) for row in dashboard.commissions],
        "members": [_row(row, _names(row.item)) for row in dashboard.members if row.total],
        "trend": {
            "labels": dashboard.trend_labels,
            "adopted": dashboard.trend_adopted,
            "implemented": dashboard.trend_implemented,
        },
        "follow_up": follow_up_table(start=start, end=end),
    }


def follow_up_table(*, start: date, end: date) -> list[dict]:
    """The follow-up matrix as a report table: each recommendation adopted in the period, with
    each actor's own part (status and progress), in both languages."""
    # One query: every recommendation has a lead actor (the services refuse one without), so
    # its actors' parts bring each recommendation along.
    links = (
        RecommendationActor.objects.filter(
            recommendation__meeting__start_date__gte=start,
            recommendation__meeting__start_date__lte=end,
        )
        .select_related("recommendation", "actor__member", "actor__body")
        .order_by(
            "recommendation__meeting__start_date",
            "recommendation__sequence",
            "recommendation_id",
            "role",
            "pk",
        )
    )
    rows, row, current = [], None, None
    for link in links:
        recommendation = link.recommendation
        if recommendation.pk != current:
            current = recommendation.pk
            row = {
                "reference": recommendation.reference,
                "illustrative": recommendation.illustrative,
                "title": {
                    "fr": recommendation.title_fr,
                    "en": recommendation.title_en or recommendation.title_fr,
                },
                "parts": [],
            }
            rows.append(row)
        target = link.actor.member or link.actor.body
        row["parts"].append(
            {
                "actor": {"fr": target.name_fr, "en": target.name_en or target.name_fr},
                "lead": link.role == "lead",
                "status": _both(link.get_status_display),
                "progress": link.progress,
            }
        )
    return rows


def _names(item) -> dict[str, str]:
    """A member's or a commission's name in both languages ("—" for no commission)."""
    if item is None:
        return {"fr": "—", "en": "—"}
    return {"fr": item.name_fr, "en": item.name_en or item.name_fr}


def _period_counts(*, start: date, end: date) -> dict[str, int]:
    """Recommendations implemented in the period and changes to recommendations recorded in
    it, in one query."""
    implemented = (
        Recommendation.objects.filter(implemented_on__gte=start, implemented_on__lte=end)
        .order_by()
        .annotate(kind=Value("implemented"))
        .values("kind")
        .annotate(n=Count("pk"))
    )
    changes = (
        Recommendation.history.model.objects.filter(
            history_date__date__gte=start, history_date__date__lte=end, history_type="~"
        )
        .order_by()
        .annotate(kind=Value("changes"))
        .values("kind")
        .annotate(n=Count("pk"))
    )
    counts = {"implemented": 0, "changes": 0}
    counts.update({row["kind"]: row["n"] for row in implemented.union(changes, all=True)})
    return counts


def meeting_snapshot(*, meeting: Meeting) -> dict:
    recommendations = meeting.recommendations.prefetch_related(
        "actor_links__actor__member", "actor_links__actor__body"
    ).order_by("sequence")

    def names(links) -> dict:
        return _both(lambda: ", ".join(str(link.actor) for link in links))

    return {
        "title": _both(lambda: meeting.title),
        "start": meeting.start_date.isoformat(),
        "end": meeting.end_date.isoformat(),
        "city": meeting.city,
        "host": {"fr": meeting.host.name_fr, "en": meeting.host.name_en} if meeting.host else None,
        "mode": _both(meeting.get_mode_display),
        "theme": {"fr": meeting.theme_fr or "", "en": meeting.theme_en or meeting.theme_fr or ""},
        "participant_count": meeting.participant_count,
        "participants": _both(
            lambda: ", ".join(str(actor) for actor in meeting.participants.all())
        ),
        "recommendations": [
            {
                "reference": r.reference,
                "title": {"fr": r.title_fr, "en": r.title_en or r.title_fr},
                "lead": names([link for link in r.actor_links.all() if link.role == "lead"]),
                "others": names([link for link in r.actor_links.all() if link.role != "lead"]),
                "deadline": r.deadline.isoformat() if r.deadline else None,
                "by_next_meeting": r.due_by_next_meeting,
                "illustrative": r.illustrative,
            }
            for r in recommendations
        ],
    }


def _as_date(value):
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def facts_for_display(facts: dict) -> dict:
    """The facts with their dates as dates again, so that templates print them in the reader's
    language ("14 mai 2025", "14 May 2025"). A snapshot is JSON: it stores them as ISO text."""
    shown = dict(facts)
    for key in ("as_of", "start", "end"):
        if key in shown:
            shown[key] = _as_date(shown[key])
    for key, date_keys in (("meetings", ("start",)), ("recommendations", ("deadline",))):
        if isinstance(shown.get(key), list):
            shown[key] = [
                {**item, **{k: _as_date(item[k]) for k in date_keys if k in item}}
                if isinstance(item, dict)
                else item
                for item in shown[key]
            ]
    return shown
