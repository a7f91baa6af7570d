"""Pages of the recommendations app, one module per responsibility."""

from .meetings import (
    MeetingDetailView,
    MeetingDocumentDownloadView,
    MeetingListView,
)
from .recommendations import (
    PAGE_SIZE,
    CalendarFeedView,
    CalendarView,
    EvidenceDownloadView,
    HomeView,
    MyActionsView,
    RecommendationDetailView,
    RecommendationListView,
    ReviewQueueView,
    UpdateCreateView,
    UpdateEditView,
    UpdateReviewView,
)

__all__ = [
    "CalendarFeedView",
    "CalendarView",
    "EvidenceDownloadView",
    "HomeView",
    "MeetingDetailView",
    "MeetingDocumentDownloadView",
    "MeetingListView",
    "MyActionsView",
    "PAGE_SIZE",
    "RecommendationDetailView",
    "RecommendationListView",
    "ReviewQueueView",
    "UpdateCreateView",
    "UpdateEditView",
    "UpdateReviewView",
]
