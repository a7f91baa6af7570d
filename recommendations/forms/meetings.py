"""Forms of a meeting's workspace: its details, participants, named persons and documents."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.forms import TranslatedFieldsMixin
from gtr_portal.core.uploads import DOCUMENTS, validate_upload
from members.models import Actor

from ..models import Meeting, MeetingDocument, MeetingPerson
from ..services.meetings import MEETING_DOCUMENT_MAX_BYTES, MEETING_FIELDS


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _member_actors():
    return Actor.objects.filter(member__isnull=False).select_related("member")


def _body_actors():
    return Actor.objects.filter(body__isnull=False).select_related("body")


def _alphabetical(choices: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """By name as a reader expects: Bénin before Burkina Faso, whatever the accents."""

    def key(choice):
        return unicodedata.normalize("NFKD", choice[1]).encode("ascii", "ignore").lower()

    return sorted(choices, key=key)


def member_choices() -> list[tuple[int, str]]:
    return _alphabetical([(a.pk, a.member.name) for a in _member_actors()])


def body_choices() -> list[tuple[int, str]]:
    return _alphabetical([(a.pk, a.body.name) for a in _body_actors()])


def grouped_actor_choices(empty_label: str = "---------") -> list:
    """Administrations, then bodies, each by name in the reader's language."""
    return [
        ("", empty_label),
        (_("Member administrations"), member_choices()),
        (_("Bodies and partners"), body_choices()),
    ]


class ActorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.target)


class ActorsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.target)


class MeetingForm(TranslatedFieldsMixin, forms.ModelForm):
    chair_name = forms.CharField(
        label=_("Chaired by"),
        max_length=150,
        required=False,
        help_text=_("The person who chaired the meeting; shown to signed-in users only."),
    )
    chair_actor = ActorChoiceField(
        label=_("The chair's administration or body"),
        queryset=Actor.objects.select_related("member", "body"),
        required=False,
    )

    class Meta:
        model = Meeting
        fields = list(MEETING_FIELDS)
        widgets = {
            "start_date": _DateInput(),
            "end_date": _DateInput(),
            "theme_fr": forms.Textarea(attrs={"rows": 3}),
            "theme_en": forms.Textarea(attrs={"rows": 3}),
            "agenda_fr": forms.Textarea(attrs={"rows": 6}),
            "agenda_en": forms.Textarea(attrs={"rows": 6}),
            "topics_fr": forms.Textarea(attrs={"rows": 4}),
            "topics_en": forms.Textarea(attrs={"rows": 4}),
            "conclusions_fr": forms.Textarea(attrs={"rows": 6}),
            "conclusions_en": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].help_text = _("Leave empty for a meeting held online.")
        self.fields["chair_actor"].widget.choices = grouped_actor_choices()
        # What, when, where, theme, who chaired, state, then what was said.
        # Short fields go in pairs on wide screens (`form-pairs`).
        order = ["kind", "number", "start_date", "end_date", "mode", "city", "host"]
        order += ["commission", "theme_fr", "theme_en", "chair_name", "chair_actor", "status"]
        order += ["participant_count"]
        self.order_fields(order)
        chair = getattr(self.instance, "chair", None)
        if self.instance.pk and chair is not None and not self.is_bound:
            self.initial.update(chair_name=chair.name, chair_actor=chair.actor_id)

    def clean(self):
        data = super().clean()
        if data.get("chair_actor") and not data.get("chair_name"):
            self.add_error("chair_name", _("Give the chair's name, or leave both empty."))
        if (
            data.get("mode") == Meeting.Mode.IN_PERSON
            and not data.get("city")
            and "city" not in self.errors
        ):
            self.add_error("city", _("Say where the meeting is held, or choose “Online”."))
        return data

    def meeting_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in MEETING_FIELDS}


class MeetingParticipantsForm(forms.Form):
    """The administrations and bodies present: two groups of check boxes."""

    members = ActorsChoiceField(
        label=_("Member administrations present"),
        queryset=_member_actors(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bodies = ActorsChoiceField(
        label=_("Bodies and partners present"),
        queryset=_body_actors(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting: Meeting | None = None, **kwargs):
        kwargs.setdefault("prefix", "participants")
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = member_choices()
        self.fields["bodies"].choices = body_choices()
        if meeting is not None and meeting.pk and not self.is_bound:
            present = [a.pk for a in meeting.participants.all()]
            self.initial = {"members": present, "bodies": present}

    def actors(self) -> list[Actor]:
        return [*self.cleaned_data["members"], *self.cleaned_data["bodies"]]


class MeetingPersonForm(forms.ModelForm):
    actor = ActorChoiceField(
        label=_("Administration or body"),
        queryset=Actor.objects.select_related("member", "body"),
        required=False,
    )

    class Meta:
        model = MeetingPerson
        fields = ["name", "role", "actor", "organisation"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "person")
        super().__init__(*args, **kwargs)
        self.fields["actor"].widget.choices = grouped_actor_choices()


class MeetingDocumentForm(TranslatedFieldsMixin, forms.ModelForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, office document or image; 20 MB at most."),
    )

    class Meta:
        model = MeetingDocument
        fields = ["kind", "language", "visibility", "file", "title_fr", "title_en"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "document")
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = (
            ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.webp,.gif"
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, kinds=DOCUMENTS, max_bytes=MEETING_DOCUMENT_MAX_BYTES)
        return upload
