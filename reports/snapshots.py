"""The facts a report states, gathered as plain data in both languages.

A draft report shows them live; finalising a report stores them, so later changes to the data
never alter a finalised report.
"""

from datetime import date

from django.db.models import Count
from django.utils import timezone, translation

from best_practices.models import BestPractice, CompendiumEdition
from recommendations.models import Meeting, Recommendation

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
        filters=DashboardFilters(period=(start.year, end.year)), today=as_of
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
    history = Recommendation.history.model.objects.filter(
        history_date__date__gte=start, history_date__date__lte=end, history_type="~"
    )
    commissions = {c.slug: c for c in dashboard_commissions()}
    member_names = _member_names()
    return {
        "as_of": as_of.isoformat(),
        "headline": dict(dashboard.headline),
        "implemented_in_period": Recommendation.objects.filter(
            implemented_on__gte=start, implemented_on__lte=end
        ).count(),
        "status_changes_in_period": history.count(),
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
        "commissions": [
            _row(
                row,
                {
                    "fr": commissions[row.key].name_fr if row.key in commissions else "—",
                    "en": (commissions[row.key].name_en or commissions[row.key].name_fr)
                    if row.key in commissions
                    else "—",
                },
            )
            for row in dashboard.commissions
        ],
        "members": [_row(row, member_names[row.key]) for row in dashboard.members if row.total],
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
    recommendations = (
        Recommendation.objects.filter(meeting__start_date__gte=start, meeting__start_date__lte=end)
        .select_related("meeting")
        .prefetch_related("actor_links__actor__member", "actor_links__actor__body")
        .order_by("meeting__start_date", "sequence")
    )
    rows = []
    for recommendation in recommendations:
        parts = []
        for link in recommendation.actor_links.all():
            target = link.actor.member or link.actor.body
            parts.append(
                {
                    "actor": {"fr": target.name_fr, "en": target.name_en or target.name_fr},
                    "lead": link.role == "lead",
                    "status": _both(link.get_status_display),
                    "progress": link.progress,
                }
            )
        rows.append(
            {
                "reference": recommendation.reference,
                "illustrative": recommendation.illustrative,
                "title": {
                    "fr": recommendation.title_fr,
                    "en": recommendation.title_en or recommendation.title_fr,
                },
                "parts": parts,
            }
        )
    return rows


def dashboard_commissions():
    from commissions.models import TechnicalCommission

    return TechnicalCommission.objects.all()


def _member_names() -> dict[str, dict]:
    """Every member's name in both languages, by ISO code: one query for the whole report."""
    from members.models import MemberAdministration

    return {
        member.iso2: {"fr": member.name_fr, "en": member.name_en or member.name_fr}
        for member in MemberAdministration.objects.only("iso2", "name_fr", "name_en")
    }


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
