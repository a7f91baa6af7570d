from django.urls import path

from . import views

app_name = "recommendations"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    # Before the meeting's page: "new" is not a meeting.
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("meetings/<slug:slug>/review/", views.MeetingReviewView.as_view(), name="meeting-review"),
    path(
        "meetings/<slug:slug>/decisions/",
        views.MeetingDecisionsView.as_view(),
        name="meeting-decisions",
    ),
    path(
        "meetings/<slug:slug>/decisions/template/",
        views.DecisionsTemplateView.as_view(),
        name="decisions-template",
    ),
    path(
        "meetings/<slug:slug>/decisions/import/",
        views.DecisionsImportView.as_view(),
        name="decisions-import",
    ),
    path("meetings/<slug:slug>/edit/", views.MeetingUpdateView.as_view(), name="meeting-edit"),
    path(
        "meetings/<slug:slug>/persons/",
        views.MeetingPersonAddView.as_view(),
        name="meeting-person-add",
    ),
    path(
        "meetings/<slug:slug>/persons/<int:pk>/remove/",
        views.MeetingPersonRemoveView.as_view(),
        name="meeting-person-remove",
    ),
    path(
        "meetings/<slug:slug>/documents/",
        views.MeetingDocumentAddView.as_view(),
        name="meeting-document-add",
    ),
    path(
        "meetings/<slug:slug>/documents/<int:pk>/remove/",
        views.MeetingDocumentRemoveView.as_view(),
        name="meeting-document-remove",
    ),
    path(
        "meetings/<slug:slug>/documents/<int:pk>/visibility/",
        views.MeetingDocumentVisibilityView.as_view(),
        name="meeting-document-visibility",
    ),
    path(
        "meetings/<slug:slug>/documents/<int:pk>/",
        views.MeetingDocumentDownloadView.as_view(),
        name="meeting-document",
    ),
    path("proposals/", views.ProposalListView.as_view(), name="proposal-list"),
    path("proposals/new/", views.ProposalCreateView.as_view(), name="proposal-create"),
    path("proposals/<str:reference>/", views.ProposalDetailView.as_view(), name="proposal-detail"),
    path(
        "proposals/<str:reference>/edit/",
        views.ProposalUpdateView.as_view(),
        name="proposal-edit",
    ),
    path("proposals/<str:reference>/send/", views.ProposalSendView.as_view(), name="proposal-send"),
    path(
        "proposals/<str:reference>/decision/",
        views.ProposalDecideView.as_view(),
        name="proposal-decide",
    ),
    path(
        "proposals/<str:reference>/follow-up/",
        views.ProposalFollowUpView.as_view(),
        name="proposal-follow-up",
    ),
    path("recommendations/", views.RecommendationListView.as_view(), name="recommendation-list"),
    # Before a recommendation's page: "export" and "exports" are not references.
    path(
        "recommendations/export/",
        views.RecommendationExportView.as_view(),
        name="recommendation-export",
    ),
    path(
        "recommendations/exports/<int:pk>/",
        views.RecommendationExportDetailView.as_view(),
        name="recommendation-export-detail",
    ),
    path(
        "recommendations/exports/<int:pk>/download/",
        views.RecommendationExportDownloadView.as_view(),
        name="recommendation-export-download",
    ),
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
        "recommendations/<str:reference>/updates/record/",
        views.UpdateRecordOnBehalfView.as_view(),
        name="update-record",
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
