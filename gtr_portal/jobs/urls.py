from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("jobs/<int:pk>/", views.JobStatusView.as_view(), name="job-status"),
    path("jobs/<int:pk>/retry/", views.JobRetryView.as_view(), name="job-retry"),
]
