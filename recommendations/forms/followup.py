"""Forms of the follow-up: a progress update with its evidence, and its review."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import RecommendationStatus, status_progress_error

REPORTABLE_STATUSES = [
    (value, label)
    for value, label in RecommendationStatus.choices
    if value not in (RecommendationStatus.CANCELLED, RecommendationStatus.SUPERSEDED)
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service (size and real type)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.webp,.gif"}
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ProgressUpdateForm(forms.Form):
    as_of = forms.DateField(
        label=_("Situation as of"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    narrative = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Actions taken, results, difficulties met, next steps."),
        max_length=10000,
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
    )
    proposed_status = forms.ChoiceField(label=_("Proposed status"), choices=REPORTABLE_STATUSES)
    evidence = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, office documents or images; 10 MB at most each, 10 files at most."),
    )

    def __init__(self, *args, existing_evidence=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_evidence = list(existing_evidence)
        if self.existing_evidence:
            self.fields["remove_evidence"] = forms.MultipleChoiceField(
                label=_("Remove these files"),
                required=False,
                choices=[(str(e.pk), e.original_name) for e in self.existing_evidence],
                widget=forms.CheckboxSelectMultiple,
            )

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of > timezone.localdate():
            raise forms.ValidationError(_("The situation cannot be in the future."))
        return as_of

    def clean(self):
        data = super().clean()
        message = status_progress_error(data.get("proposed_status"), data.get("progress"))
        if message:
            self.add_error("progress", message)
        return data


class OnBehalfUpdateForm(ProgressUpdateForm):
    """What the secretariat records for an actor that reported by other means."""

    field_order = ["actor"]

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"] = forms.ChoiceField(
            label=_("On behalf of"),
            choices=[
                (str(link.actor_id), str(link.actor)) for link in recommendation.actor_links.all()
            ],
        )
        self.order_fields(["actor", *[name for name in self.fields if name != "actor"]])


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("return", _("Return to the actor"))],
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to return an update: say what is missing."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", _("Say why the update is returned."))
        return data
