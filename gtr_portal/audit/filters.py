"""The filters of the security log; the same filtered rows are exported."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EventKind, SecurityEvent


class IPAddressFilter(django_filters.Filter):
    # Validated before it reaches the database (an inet column refuses anything else).
    field_class = forms.GenericIPAddressField


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SecurityEventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Event"), choices=EventKind.choices, empty_label=_("All events")
    )
    actor = django_filters.CharFilter(
        label=_("E-mail"), field_name="actor_email", lookup_expr="icontains"
    )
    ip = IPAddressFilter(label=_("Address (IP)"), field_name="ip_address")
    target = django_filters.CharFilter(
        label=_("On what"), field_name="target", lookup_expr="icontains"
    )
    after = django_filters.DateFilter(
        label=_("From"), field_name="occurred_at", lookup_expr="date__gte", widget=_date_widget()
    )
    before = django_filters.DateFilter(
        label=_("Until"), field_name="occurred_at", lookup_expr="date__lte", widget=_date_widget()
    )

    class Meta:
        model = SecurityEvent
        fields: list[str] = []

    @property
    def active(self) -> bool:
        return any(value not in (None, "") for value in self.form.cleaned_data.values())
