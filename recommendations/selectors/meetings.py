"""Reads of meetings, in a constant number of queries."""

from datetime import date

from django.db.models import (
    Count,
    Prefetch,
)
from django.http import Http404

from members.models import Actor

from ..models import (
    Meeting,
    MeetingDocument,
)
from .recommendations import recommendation_queryset


def meeting_list() -> dict[str, list[Meeting]]:
    meetings = (
        Meeting.objects.select_related("host", "commission")
        .annotate(recommendation_count=Count("recommendations"))
        .order_by("-start_date")
    )
    today = date.today()
    upcoming = [m for m in meetings if m.end_date >= today]
    past = [m for m in meetings if m.end_date < today]
    return {"upcoming": list(reversed(upcoming)), "past": past}


def meeting_get(*, slug: str) -> Meeting:
    participants = Actor.objects.select_related("member", "body")
    try:
        return (
            Meeting.objects.select_related("host", "commission")
            .prefetch_related(
                Prefetch("participants", queryset=participants),
                Prefetch(
                    "documents", queryset=MeetingDocument.objects.order_by("kind", "language")
                ),
                Prefetch(
                    "recommendations",
                    queryset=recommendation_queryset().order_by("sequence"),
                ),
            )
            .get(slug=slug)
        )
    except Meeting.DoesNotExist:
        raise Http404 from None
