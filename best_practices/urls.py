from django.urls import path

from . import views

app_name = "best_practices"

urlpatterns = [
    path("best-practices/", views.PracticeListView.as_view(), name="practice-list"),
    path("best-practices/new/", views.PracticeCreateView.as_view(), name="practice-create"),
    path(
        "best-practices/images/<int:pk>/", views.PracticeImageView.as_view(), name="practice-image"
    ),
    path(
        "best-practices/attachments/<int:pk>/",
        views.PracticeAttachmentView.as_view(),
        name="practice-attachment",
    ),
    path("best-practices/<slug:slug>/", views.PracticeDetailView.as_view(), name="practice-detail"),
    path(
        "best-practices/<slug:slug>/edit/", views.PracticeUpdateView.as_view(), name="practice-edit"
    ),
    path(
        "best-practices/<slug:slug>/submit/",
        views.PracticeSubmitView.as_view(),
        name="practice-submit",
    ),
    path(
        "best-practices/<slug:slug>/review/",
        views.PracticeReviewView.as_view(),
        name="practice-review",
    ),
    path("compendium/", views.CompendiumView.as_view(), name="compendium"),
    path("compendium/new/", views.EditionCreateView.as_view(), name="edition-create"),
    path("compendium/<slug:slug>/", views.EditionDetailView.as_view(), name="edition-detail"),
    path("compendium/<slug:slug>/build/", views.EditionBuildView.as_view(), name="edition-build"),
    path(
        "compendium/<slug:slug>/publish/",
        views.EditionPublishView.as_view(),
        name="edition-publish",
    ),
    path(
        "compendium/<slug:slug>/practices/",
        views.EditionPracticesView.as_view(),
        name="edition-practices",
    ),
    path(
        "compendium/<slug:slug>/<str:language>.pdf",
        views.EditionDownloadView.as_view(),
        name="edition-download",
    ),
]
