from django.urls import path

from . import views

app_name = "commissions"

urlpatterns = [
    path("governance/", views.GovernanceView.as_view(), name="governance"),
    path(
        "governance/commissions/<slug:slug>/",
        views.CommissionDetailView.as_view(),
        name="commission-detail",
    ),
]
