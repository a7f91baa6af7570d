import re

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.forms import TranslatedFieldsMixin

from .models import Body, FocalPoint, MemberAdministration, Role


def _https_by_default(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class MemberProfileForm(TranslatedFieldsMixin, forms.ModelForm):
    """What a focal point may change about its own administration."""

    formfield_callback = _https_by_default

    class Meta:
        model = MemberAdministration
        fields = [
            "administration_name",
            "acronym",
            "languages",
            "clearance_system_fr",
            "clearance_system_en",
            "single_window",
            "website",
            "email",
            "phone",
            "address",
            "description_fr",
            "description_en",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_languages(self) -> str:
        value = self.cleaned_data["languages"].replace(",", ";").replace(" ", "")
        codes = [c for c in value.lower().split(";") if c]
        if any(not re.fullmatch(r"[a-z]{2}", code) for code in codes):
            raise forms.ValidationError(
                _("Give two-letter language codes separated by semicolons, for example: fr;en")
            )
        return ";".join(dict.fromkeys(codes))


class InvitationForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = ("job_title",)

    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    language = forms.ChoiceField(
        label=_("Language of e-mails"), choices=settings.LANGUAGES, initial="fr"
    )
    administration = forms.ModelChoiceField(
        label=_("Member administration"),
        queryset=MemberAdministration.objects.order_by("name"),
        required=False,
        help_text=_("Required for focal points."),
    )
    function = forms.ChoiceField(
        label=_("Function"),
        choices=FocalPoint.Function.choices,
        initial=FocalPoint.Function.ICT_FOCAL_POINT,
        required=False,
    )
    job_title_fr = forms.CharField(label=_("Job title"), max_length=200, required=False)
    job_title_en = forms.CharField(label=_("Job title"), max_length=200, required=False)
    body = forms.ModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.order_by("code"),
        required=False,
        help_text=_("For supervisors and users who act for a body (ROCB-WCA, a partner...)."),
    )

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.FOCAL_POINT and not data.get("administration"):
            self.add_error(
                "administration", _("A focal point must be linked to a member administration.")
            )
        if data.get("role") != Role.FOCAL_POINT and data.get("administration"):
            self.add_error(
                "administration", _("Only focal points are linked to a member administration.")
            )
        return data
