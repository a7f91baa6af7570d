from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.SecurityEventListView.as_view(), name="event-list"),
    path("accounts/", views.AccountChangesView.as_view(), name="account-changes"),
]
