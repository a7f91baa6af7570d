from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from .errors import DomainError

# Each language is named in itself, so that a reader finds their own whatever the page's language.
LANGUAGE_HEADINGS = {"fr": "Français", "en": "English"}

# What the reader is told about the version in the other language.
_OPTIONAL_HINTS = {
    "fr": _(
        "Optional: shown to French readers when filled in; otherwise they see the English text."
    ),
    "en": _(
        "Optional: shown to English readers when filled in; otherwise they see the French text."
    ),
}
_DEFAULT_REQUIRED_HINT = _(
    "Required: French is the portal's reference language, shown when a text has no translation."
)


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the form, next to the field it concerns when there is one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class FastSelect(forms.Select):
    """Django's <select>, the same HTML, drawn in Python: the template renderer includes a
    template per option, which made a filter with a few hundred meetings the slowest part of
    the recommendation list (about 0.1 ms per option)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            drawn = format_html_join(
                "\n",
                '<option value="{}"{}>{}</option>',
                ((option["value"], _attributes(option), option["label"]) for option in options),
            )
            if group_name:
                drawn = format_html('<optgroup label="{}">\n{}\n</optgroup>', group_name, drawn)
            groups.append((drawn,))
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            widget["name"],
            _attributes(widget),
            format_html_join("\n", "{}", groups),
        )


def _attributes(widget: dict) -> str:
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in widget["attrs"].items()
            if value is not False and value is not None
        ),
    )


def with_choices_read(form: forms.Form) -> forms.Form:
    """Read the options of the form's select widgets now (one query per model field), not while
    the template draws them: templates run no query. Only the widgets get the list: validation
    still asks the field, so a value is checked against the database as before. Plain selects
    are drawn by FastSelect."""
    for form_field in form.fields.values():
        if hasattr(form_field.widget, "choices"):
            # iter(): list() of a model field's choices would first count them (a query).
            form_field.widget.choices = list(iter(form_field.widget.choices))
        if type(form_field.widget) is forms.Select:
            form_field.widget.__class__ = FastSelect
    return form


def translated_label(model_field) -> str | None:
    """ "Titre (Français)" for the French version of a translated model field; None for a field
    that is not one language of a translated field."""
    language = getattr(model_field, "language", None)
    original = getattr(model_field, "translated_field", None)
    if not language or original is None:
        return None
    return f"{capfirst(original.verbose_name)} ({LANGUAGE_HEADINGS.get(language, language)})"


def content_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def default_content_language() -> str:
    return getattr(settings, "MODELTRANSLATION_DEFAULT_LANGUAGE", settings.LANGUAGE_CODE)


def reader_language() -> str:
    language = (translation.get_language() or "")[:2]
    return language if language in content_languages() else default_content_language()


@dataclass
class TranslatedVersion:
    code: str
    heading: str
    field: forms.BoundField


@dataclass
class TranslatedGroup:
    """One translated field: its versions, the reader's language first."""

    name: str
    label: str
    required: bool
    help_text: str
    versions: list[TranslatedVersion] = field(default_factory=list)
    is_group = True

    @property
    def errors(self) -> bool:
        return any(version.field.errors for version in self.versions)


class TranslatedFieldsMixin:
    """Shows the French and English versions of a translated field together, under the headings
    "Français" and "English", the reader's language first.

    A ModelForm finds its translated fields in modeltranslation's registry; a plain form lists
    the base names in `translated_fields` and declares `<name>_fr` / `<name>_en` with the same
    label. Where the field is required, the reader's language is required; the default language
    (French) keeps the model's rule, because every other language falls back to it. The other
    versions are optional, with a hint that says what happens when they are left empty.
    """

    translated_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._translated_names: dict[str, str] = {}
        self._translated_specs: dict[str, tuple] = {}
        reader = reader_language()
        default = default_content_language()
        order = [reader, *[c for c in content_languages() if c != reader]]
        for name in self._translated_base_names():
            versions = [(c, f"{name}_{c}") for c in order if f"{name}_{c}" in self.fields]
            if len(versions) < 2:
                continue
            fields = [self.fields[field_name] for _code, field_name in versions]
            required = any(f.required for f in fields) or self._required_in_some_language(name)
            label = self._translated_label(name, fields)
            help_text = next((str(f.help_text) for f in fields if f.help_text), "")
            for (code, field_name), form_field in zip(versions, fields, strict=True):
                form_field.label = label
                form_field.required = form_field.required or (code == reader and required)
                form_field.widget.attrs["lang"] = code
                if code == reader:
                    form_field.help_text = ""
                elif form_field.required and code == default:
                    form_field.help_text = _DEFAULT_REQUIRED_HINT
                else:
                    form_field.help_text = _OPTIONAL_HINTS.get(code, "")
                self._translated_names[field_name] = name
            self._translated_specs[name] = (label, required, help_text, versions)

    def _translated_base_names(self) -> list[str]:
        if self.translated_fields:
            return list(self.translated_fields)
        model = getattr(getattr(self, "_meta", None), "model", None)
        if model is None:
            return []
        try:
            options = translator.get_options_for_model(model)
        except NotRegistered:
            return []
        return list(options.fields)

    def _required_in_some_language(self, name: str) -> bool:
        """The model asks for the text (its base field is not blank) but no language in
        particular: then the reader's language is the one required."""
        model = getattr(getattr(self, "_meta", None), "model", None)
        try:
            return model is not None and not model._meta.get_field(name).blank
        except FieldDoesNotExist:
            return False

    def _translated_label(self, name: str, fields: list[forms.Field]) -> str:
        model = getattr(getattr(self, "_meta", None), "model", None)
        if model is not None:
            try:
                return capfirst(model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:  # a form-only field: keep its own label
                pass
        return fields[0].label

    def layout(self) -> list:
        """The visible fields in order, each translated field as one group in place of its
        first version."""
        rows, seen = [], set()
        for bound in self.visible_fields():
            name = self._translated_names.get(bound.name)
            if name is None:
                rows.append(bound)
                continue
            if name in seen:
                continue
            seen.add(name)
            label, required, help_text, versions = self._translated_specs[name]
            group = TranslatedGroup(name=name, label=label, required=required, help_text=help_text)
            for code, field_name in versions:
                heading = LANGUAGE_HEADINGS.get(code, code)
                group.versions.append(
                    TranslatedVersion(code=code, heading=heading, field=self[field_name])
                )
            rows.append(group)
        return rows
