import re

from django import forms
from django.utils.translation import gettext_lazy as _

from commissions.models import TechnicalCommission
from members.models import MemberAdministration
from recommendations.models import Meeting


class DashboardFilterForm(forms.Form):
    period = forms.CharField(
        label=_("Adopted in"),
        required=False,
        help_text=_("A year (2025) or years (2023-2025)."),
        widget=forms.TextInput(attrs={"placeholder": "2023-2025", "size": 10}),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.order_by("-start_date"),
        to_field_name="slug",
        required=False,
        empty_label=_("All meetings"),
    )
    commission = forms.ModelChoiceField(
        label=_("Commission"),
        queryset=TechnicalCommission.objects.order_by("number"),
        to_field_name="slug",
        required=False,
        empty_label=_("All commissions"),
    )
    member = forms.ModelChoiceField(
        label=_("Administration"),
        queryset=MemberAdministration.objects.order_by("name"),
        to_field_name="iso2",
        required=False,
        empty_label=_("All administrations"),
    )

    def clean_period(self) -> tuple[int, int] | None:
        value = self.cleaned_data["period"].strip()
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?", value)
        if not match:
            raise forms.ValidationError(_("Give a year (2025) or two years (2023-2025)."))
        first, last = int(match[1]), int(match[2] or match[1])
        if last < first or not 2000 <= first <= 2100:
            raise forms.ValidationError(_("Give a year (2025) or two years (2023-2025)."))
        return first, last
