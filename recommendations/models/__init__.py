"""Meetings, the recommendations they adopt, and how the actors report on carrying them out.

One module per responsibility; every model is importable from `recommendations.models`.
"""

from .decisions import DecisionDraft, short_title
from .followup import (
    CalendarToken,
    DigestSent,
    Evidence,
    ProgressUpdate,
    ReminderSent,
    UpdateEvent,
)
from .meetings import Meeting, MeetingDocument, MeetingPerson, ordinal, text_items
from .proposals import GROUP_BODY_CODE, Proposal
from .recommendations import (
    DERIVED_STATUS_RULE,
    IMPLEMENTATION_STATUSES,
    OPEN_STATUSES,
    Priority,
    Recommendation,
    RecommendationActor,
    RecommendationStatus,
    coherent_status_and_progress,
    derived_status,
    status_progress_error,
)

__all__ = [
    "DecisionDraft",
    "short_title",
    "DERIVED_STATUS_RULE",
    "GROUP_BODY_CODE",
    "IMPLEMENTATION_STATUSES",
    "OPEN_STATUSES",
    "CalendarToken",
    "DigestSent",
    "Evidence",
    "Meeting",
    "MeetingDocument",
    "MeetingPerson",
    "Priority",
    "ProgressUpdate",
    "Proposal",
    "Recommendation",
    "RecommendationActor",
    "RecommendationStatus",
    "ReminderSent",
    "UpdateEvent",
    "coherent_status_and_progress",
    "derived_status",
    "ordinal",
    "text_items",
    "status_progress_error",
]
