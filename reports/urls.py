from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/matrix/", views.MatrixView.as_view(), name="matrix"),
    path("reports/", views.ReportArchiveView.as_view(), name="report-list"),
    path("reports/new/<str:kind>/", views.ReportCreateView.as_view(), name="report-create"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/edit/", views.ReportUpdateView.as_view(), name="report-edit"),
    path("reports/<int:pk>/finalise/", views.ReportFinaliseView.as_view(), name="report-finalise"),
    path(
        "reports/<int:pk>/new-version/",
        views.ReportNewVersionView.as_view(),
        name="report-new-version",
    ),
    path("reports/<int:pk>/build/", views.ReportBuildView.as_view(), name="report-build"),
    path(
        "reports/<int:pk>/<str:language>.pdf",
        views.ReportDownloadView.as_view(),
        name="report-download",
    ),
]
