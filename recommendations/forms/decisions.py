"""The decisions screen: one row per recommendation, 10 to 20 on one page."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Actor

from ..models import Priority
from ..services import DecisionRow, decision_row_errors

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _plain(text: str) -> str:
    """Lower case without accents, so that "senegal" finds "Sénégal"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def actor_choices() -> tuple[list[tuple[str, str]], dict[str, str], dict[str, Actor]]:
    """Every actor once per request: (value, label) in the reader's language, the words a
    typed search matches (names in both languages and code), and the actors by value."""
    actors = Actor.objects.select_related("member", "body")
    members = sorted((a for a in actors if a.member_id), key=lambda a: _plain(a.member.name))
    bodies = sorted((a for a in actors if a.body_id), key=lambda a: _plain(a.body.name))
    choices, search, by_value = [], {}, {}
    for actor in members + bodies:
        target = actor.member or actor.body
        code = actor.member.iso2 if actor.member_id else actor.body.code
        value = str(actor.pk)
        choices.append((value, f"{target.name} ({code})"))
        search[value] = _plain(f"{target.name_fr} {target.name_en} {code}")
        by_value[value] = actor
    return choices, search, by_value


class ActorPicker(forms.SelectMultiple):
    """A plain multiple select (it works without JavaScript); actor_picker.js adds a box to
    type a name or a code in either language."""

    def __init__(self, *args, search=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.search = search or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["data-search"] = self.search.get(str(value), "")
        return option


class DecisionRowForm(forms.Form):
    text_fr = forms.CharField(
        label=_("Text in French"), widget=forms.Textarea(attrs={"rows": 3, "lang": "fr"})
    )
    text_en = forms.CharField(
        label=_("Text in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
        help_text=_("Optional: English readers see the French text until it is filled in."),
    )
    title_fr = forms.CharField(
        label=_("Short title in French"),
        required=False,
        max_length=300,
        help_text=_("Optional: the first sentence of the text otherwise."),
    )
    commission = forms.ChoiceField(label=_("Commission"), required=False)
    lead_actors = forms.MultipleChoiceField(label=_("Lead actors"))
    other_actors = forms.MultipleChoiceField(label=_("Other actors"), required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DATE)
    due_by_next_meeting = forms.BooleanField(label=_("By the next meeting"), required=False)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.MEDIUM
    )

    def __init__(self, *args, meeting, actors, commissions, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        choices, search, self.actors = actors
        for name in ("lead_actors", "other_actors"):
            self.fields[name].choices = choices
            self.fields[name].widget = ActorPicker(
                choices=choices,
                search=search,
                attrs={
                    "data-actor-picker": "",
                    "data-search-label": _("Find an actor: a name or a code"),
                    "size": 6,
                },
            )
        self.commissions = {str(c.pk): c for c in commissions}
        self.fields["commission"].choices = [("", _("None"))] + [
            (str(c.pk), c.name) for c in commissions
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        for field, message in decision_row_errors(row=self.row(), meeting=self.meeting).items():
            self.add_error(field, message)
        return data

    def row(self) -> DecisionRow:
        data = self.cleaned_data
        return DecisionRow(
            text_fr=data.get("text_fr", ""),
            text_en=data.get("text_en", ""),
            title_fr=data.get("title_fr", ""),
            commission=self.commissions.get(data.get("commission") or ""),
            lead_actors=[self.actors[v] for v in data.get("lead_actors", [])],
            other_actors=[self.actors[v] for v in data.get("other_actors", [])],
            deadline=data.get("deadline"),
            due_by_next_meeting=data.get("due_by_next_meeting", False),
            priority=data.get("priority") or Priority.MEDIUM,
        )


class BaseDecisionFormSet(forms.BaseFormSet):
    def rows(self) -> list[DecisionRow]:
        """The rows kept, in order: the saved drafts (unless removed) and the new rows typed in;
        untouched empty rows are left out."""
        return [
            form.row()
            for form in self.forms
            if not self._should_delete_form(form)
            and (not form.empty_permitted or form.has_changed())
        ]


def decision_formset(*, extra: int):
    return forms.formset_factory(
        DecisionRowForm, formset=BaseDecisionFormSet, extra=extra, can_delete=True
    )
