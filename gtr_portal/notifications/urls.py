from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notification-list"),
    path("notifications/<int:pk>/", views.NotificationOpenView.as_view(), name="notification-open"),
    path("notifications/read/", views.NotificationReadAllView.as_view(), name="read-all"),
    path(
        "notifications/preferences/",
        views.PreferenceUpdateView.as_view(),
        name="preference-update",
    ),
]
