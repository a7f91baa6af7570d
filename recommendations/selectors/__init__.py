"""Reads of the recommendations app, one module per responsibility."""

from .meetings import (
    meeting_get,
    meeting_list,
)
from .recommendations import (
    DUE_SOON_DAYS,
    TimelineEntry,
    actor_choices,
    actor_for_code,
    has_visible_updates,
    my_actions,
    recommendation_figures,
    recommendation_get,
    recommendation_queryset,
    recommendation_status_history,
    recommendation_timeline,
    update_get,
    updates_awaiting_review,
    updates_visible_to,
)

__all__ = [
    "DUE_SOON_DAYS",
    "TimelineEntry",
    "actor_choices",
    "actor_for_code",
    "has_visible_updates",
    "meeting_get",
    "meeting_list",
    "my_actions",
    "recommendation_figures",
    "recommendation_get",
    "recommendation_queryset",
    "recommendation_status_history",
    "recommendation_timeline",
    "update_get",
    "updates_awaiting_review",
    "updates_visible_to",
]
