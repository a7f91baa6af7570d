from django.urls import path

from . import views

app_name = "recommendations"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path(
        "meetings/<slug:slug>/documents/<int:pk>/",
        views.MeetingDocumentDownloadView.as_view(),
        name="meeting-document",
    ),
    path("recommendations/", views.RecommendationListView.as_view(), name="recommendation-list"),
    path("recommendations/mine/", views.MyActionsView.as_view(), name="my-actions"),
    path("recommendations/reviews/", views.ReviewQueueView.as_view(), name="review-queue"),
    path("recommendations/calendar/", views.CalendarView.as_view(), name="calendar"),
    path(
        "recommendations/calendar/<str:token>/<str:scope>.ics",
        views.CalendarFeedView.as_view(),
        name="calendar-feed",
    ),
    path(
        "recommendations/updates/<int:pk>/edit/", views.UpdateEditView.as_view(), name="update-edit"
    ),
    path(
        "recommendations/updates/<int:pk>/review/",
        views.UpdateReviewView.as_view(),
        name="update-review",
    ),
    path(
        "recommendations/evidence/<int:pk>/",
        views.EvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
    path(
        "recommendations/<str:reference>/updates/new/",
        views.UpdateCreateView.as_view(),
        name="update-create",
    ),
    path(
        "recommendations/<str:reference>/",
        views.RecommendationDetailView.as_view(),
        name="recommendation-detail",
    ),
]
