"""The filters of the recommendation list; the same filtered rows are exported."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commissions.models import TechnicalCommission

from .models import Meeting, Priority, RecommendationActor, RecommendationStatus
from .selectors import actor_choices


class RecommendationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    meeting = django_filters.ModelChoiceFilter(
        label=_("Meeting"),
        queryset=Meeting.objects.order_by("-start_date"),
        to_field_name="slug",
        empty_label=_("All meetings"),
    )
    commission = django_filters.ModelChoiceFilter(
        label=_("Commission"),
        queryset=TechnicalCommission.objects.order_by("number"),
        to_field_name="slug",
        empty_label=_("All commissions"),
    )
    actor = django_filters.ChoiceFilter(
        label=_("Actor"), choices=actor_choices, method="by_actor", empty_label=_("All actors")
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=RecommendationStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"), method="only_overdue", widget=forms.CheckboxInput
    )
    priority = django_filters.ChoiceFilter(
        label=_("Priority"), choices=Priority.choices, empty_label=_("All priorities")
    )
    deadline_after = django_filters.DateFilter(
        label=_("Deadline from"),
        field_name="deadline",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    deadline_before = django_filters.DateFilter(
        label=_("Deadline until"),
        field_name="deadline",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    adopted_after = django_filters.DateFilter(
        label=_("Adopted from"),
        field_name="meeting__start_date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    adopted_before = django_filters.DateFilter(
        label=_("Adopted until"),
        field_name="meeting__start_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("deadline", "deadline"),
            ("reference", "reference"),
            ("progress", "progress"),
            ("meeting__start_date", "meeting"),
        ),
        field_labels={
            "deadline": _("Deadline"),
            "-deadline": _("Deadline (latest first)"),
            "reference": _("Reference"),
            "-reference": _("Reference (descending)"),
            "progress": _("Progress"),
            "-progress": _("Progress (highest first)"),
            "meeting": _("Meeting"),
            "-meeting": _("Meeting (latest first)"),
        },
        empty_label=_("Deadline"),
    )

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(reference__icontains=word)
                | Q(title_fr__icontains=word)
                | Q(title_en__icontains=word)
                | Q(text_fr__icontains=word)
                | Q(text_en__icontains=word)
            )
        return queryset

    def by_actor(self, queryset, name, value):
        links = RecommendationActor.objects.filter(
            Q(actor__member__iso2=value) | Q(actor__body__code=value)
        ).values("recommendation_id")
        return queryset.filter(pk__in=links)

    def only_overdue(self, queryset, name, value):
        if value:
            return queryset.filter(overdue=True)
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by("deadline", "reference")
        return queryset

    @property
    def active(self) -> bool:
        return any(value not in (None, "", [], False) for value in self.form.cleaned_data.values())
