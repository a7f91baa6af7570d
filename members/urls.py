from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("members/", views.MemberListView.as_view(), name="member-list"),
    path("members/<str:iso2>/", views.MemberDetailView.as_view(), name="member-detail"),
    path("members/<str:iso2>/edit/", views.MemberUpdateView.as_view(), name="member-edit"),
    path("users/", views.UserListView.as_view(), name="user-list"),
    path("users/invite/", views.UserInviteView.as_view(), name="user-invite"),
    path(
        "users/<int:pk>/resend-invitation/",
        views.InvitationResendView.as_view(),
        name="invitation-resend",
    ),
]
