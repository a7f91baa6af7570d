from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationPreference


class PreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Notices that can wait, such as a new submission to review"),
        choices=NotificationPreference.Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Other notices are e-mailed at once."),
    )
