"""Meetings, the recommendations they adopt, and how the actors report on carrying them out.

One module per responsibility; every model is importable from `recommendations.models`.
"""

from .followup import (
    CalendarToken,
    DigestSent,
    Evidence,
    ProgressUpdate,
    ReminderSent,
    UpdateEvent,
)
from .meetings import Meeting, MeetingDocument, ordinal
from .recommendations import (
    OPEN_STATUSES,
    Priority,
    Recommendation,
    RecommendationActor,
    RecommendationStatus,
    coherent_status_and_progress,
    status_progress_error,
)

__all__ = [
    "OPEN_STATUSES",
    "CalendarToken",
    "DigestSent",
    "Evidence",
    "Meeting",
    "MeetingDocument",
    "Priority",
    "ProgressUpdate",
    "Recommendation",
    "RecommendationActor",
    "RecommendationStatus",
    "ReminderSent",
    "UpdateEvent",
    "coherent_status_and_progress",
    "ordinal",
    "status_progress_error",
]
