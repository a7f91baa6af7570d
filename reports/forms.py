import re

from django import forms
from django.utils.translation import gettext_lazy as _

from commissions.models import TechnicalCommission
from gtr_portal.core.forms import TranslatedFieldsMixin
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


class ActivityReportForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = ("title", "summary", "outlook")

    title_fr = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("Title"), max_length=200, required=False)
    period_start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_end = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    meeting = forms.ModelChoiceField(
        label=_("Addressed to (Committee of Experts meeting)"),
        queryset=Meeting.objects.filter(kind=Meeting.Kind.EXPERTS).order_by("-start_date"),
        required=False,
    )
    summary_fr = forms.CharField(
        label=_("Introduction and highlights"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    summary_en = forms.CharField(
        label=_("Introduction and highlights"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    outlook_fr = forms.CharField(
        label=_("Outlook and proposals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    outlook_en = forms.CharField(
        label=_("Outlook and proposals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("period_start")
            and data.get("period_end")
            and data["period_end"] < data["period_start"]
        ):
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class MeetingReportForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = ("title", "outlook", "summary")

    title_fr = forms.CharField(label=_("Title"), max_length=200)
    title_en = forms.CharField(label=_("Title"), max_length=200, required=False)
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.order_by("-start_date")
    )
    outlook_fr = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    outlook_en = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    summary_fr = forms.CharField(
        label=_("Summary of the discussions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    summary_en = forms.CharField(
        label=_("Summary of the discussions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
