"""Forms of the proposals to the Conference: the proposal, its sending to the Committee of
Experts, the Conference's decision, and the decision's follow-up as a recommendation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commissions.models import TechnicalCommission
from gtr_portal.core.forms import TranslatedFieldsMixin

from ..models import Meeting, Priority, Proposal
from ..services import proposal_meeting_error


def _date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def _meeting_label(meeting: Meeting) -> str:
    return meeting.title


class ProposalForm(TranslatedFieldsMixin, forms.ModelForm):
    """A new proposal (with its meeting) or an edit (text; the decision's text once decided)."""

    class Meta:
        model = Proposal
        fields = [
            "meeting",
            "title_fr",
            "title_en",
            "text_fr",
            "text_en",
            "decision_fr",
            "decision_en",
            "decision_reference",
        ]
        widgets = {
            "text_fr": forms.Textarea(attrs={"rows": 6}),
            "text_en": forms.Textarea(attrs={"rows": 6}),
            "decision_fr": forms.Textarea(attrs={"rows": 4}),
            "decision_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The reference carries the meeting's number: the meeting stays.
            del self.fields["meeting"]
        else:
            self.fields["meeting"].queryset = meetings
            self.fields["meeting"].label_from_instance = _meeting_label
            self.fields["meeting"].empty_label = None
        if not self.instance.is_decided:
            for name in ("decision_fr", "decision_en", "decision_reference"):
                del self.fields[name]
        else:
            self.fields["decision_fr"].required = True

    def clean_meeting(self):
        meeting = self.cleaned_data["meeting"]
        message = proposal_meeting_error(meeting)
        if message:
            raise forms.ValidationError(message)
        return meeting


class ProposalSendForm(forms.Form):
    sent_on = _date_field(_("Sent to the Committee of Experts on"))


class ProposalDecisionForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = ("decision",)

    outcome = forms.ChoiceField(
        label=_("The Conference"),
        # A list with an empty first choice rather than radio buttons: nothing is chosen
        # until the secretariat chooses, and the label names the one control.
        choices=[
            ("", "—"),
            (Proposal.State.ADOPTED, _("adopted the proposal")),
            (Proposal.State.NOT_RETAINED, _("did not retain the proposal")),
        ],
    )
    decision_fr = forms.CharField(
        label=_("Decision of the Conference"), widget=forms.Textarea(attrs={"rows": 5})
    )
    decision_en = forms.CharField(
        label=_("Decision of the Conference"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    decided_on = _date_field(_("Date of the decision"))
    decision_reference = forms.CharField(
        label=_("Reference of the decision"),
        max_length=60,
        required=False,
        help_text=_("As the Conference numbers it, when it does."),
    )
    conference = forms.ModelChoiceField(
        label=_("Meeting of the Conference"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("When the portal records that meeting of the Conference."),
    )

    def __init__(self, *args, conferences=None, **kwargs):
        super().__init__(*args, **kwargs)
        if conferences is not None:
            self.fields["conference"].queryset = conferences
        self.fields["conference"].label_from_instance = _meeting_label


class ProposalFollowUpForm(TranslatedFieldsMixin, forms.Form):
    """The Conference's decision, as a recommendation whose lead actor is the group."""

    translated_fields = ("title", "text")

    conference = forms.ModelChoiceField(
        label=_("Meeting of the Conference"), queryset=Meeting.objects.none()
    )
    title_fr = forms.CharField(label=_("Title"), max_length=300)
    title_en = forms.CharField(label=_("Title"), max_length=300, required=False)
    text_fr = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))
    text_en = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    deadline = _date_field(
        _("Deadline"),
        required=False,
        help_text=_("Leave empty when the decision gives none."),
    )
    commission = forms.ModelChoiceField(
        label=_("Commission in charge"),
        queryset=TechnicalCommission.objects.order_by("number"),
        required=False,
        help_text=_("Optional: the technical commission that carries it out for the group."),
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.MEDIUM
    )

    def __init__(self, *args, conferences=None, **kwargs):
        super().__init__(*args, **kwargs)
        if conferences is not None:
            self.fields["conference"].queryset = conferences
        self.fields["conference"].label_from_instance = _meeting_label
