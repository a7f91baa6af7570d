"""Which content lacks a language: for the secretariat's translation status page and the badges
on the lists it edits.

Knows no domain app: the translated models and fields come from modeltranslation's registry.
Apps may say where an item is filled in (`register_fill_url`); otherwise the link goes to the
item's admin change page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import admin
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.views.generic import TemplateView
from modeltranslation.translator import NotRegistered, translator
from rules.contrib.views import PermissionRequiredMixin

from .forms import content_languages

VIEW_PERMISSION = "core.view_translation_status"

_fill_urls: dict[type[models.Model], Callable[[models.Model], str | None]] = {}


def register_fill_url(model: type[models.Model], url: Callable[[models.Model], str | None]):
    """Where the secretariat fills in the texts of `model`'s items (the front-end edit page);
    `url(item)` may return None to fall back to the admin."""
    _fill_urls[model] = url


def translatable_fields(model: type[models.Model]) -> list[str]:
    """The translated text fields a person writes (not those the portal computes)."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    names = []
    for name in sorted(options.fields, key=lambda n: model._meta.get_field(n).creation_counter):
        model_field = model._meta.get_field(name)
        if model_field.editable and isinstance(model_field, models.CharField | models.TextField):
            names.append(name)
    return names


def _filled(name: str) -> Q:
    # Neither NULL nor empty: translation columns are nullable.
    return Q(**{f"{name}__gt": ""})


def _missing_condition(fields: list[str], languages: list[str]) -> Q:
    condition = Q()
    for name in fields:
        for code in languages:
            others = Q()
            for other in languages:
                if other != code:
                    others |= _filled(f"{name}_{other}")
            condition |= ~_filled(f"{name}_{code}") & others
    return condition


def missing_languages(item: models.Model) -> list[str]:
    """The languages in which some text of `item` is empty while another language has it."""
    fields = translatable_fields(type(item))
    languages = content_languages()
    missing = []
    for code in languages:
        for name in fields:
            values = {c: getattr(item, f"{name}_{c}", None) for c in languages}
            if not values[code] and any(values[c] for c in languages if c != code):
                missing.append(code)
                break
    return missing


@dataclass
class MissingItem:
    label: str
    missing: list[str]
    fields: list[str]
    url: str | None


@dataclass
class TranslationKind:
    key: str
    name: str
    items: list[MissingItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    def count_missing(self, code: str) -> int:
        return sum(1 for item in self.items if code in item.missing)


def _related_paths(model: type[models.Model]) -> list[str]:
    """Foreign keys two steps deep, so that labels (`str(item)`) need no further query."""
    paths = []
    for first in model._meta.concrete_fields:
        if not first.is_relation or first.many_to_many:
            continue
        paths.append(first.name)
        for second in first.related_model._meta.concrete_fields:
            if second.is_relation and not second.many_to_many:
                paths.append(f"{first.name}__{second.name}")
    return paths


def _admin_url(item: models.Model) -> str | None:
    if not admin.site.is_registered(type(item)):
        return None
    meta = item._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk])
    except NoReverseMatch:
        return None


def _fill_url(item: models.Model, field_name: str | None) -> str | None:
    url = None
    if type(item) in _fill_urls:
        url = _fill_urls[type(item)](item)
    url = url or _admin_url(item)
    # Forms and the admin both name a field's input id_<name>: the link lands on the empty one.
    return f"{url}#id_{field_name}" if url and field_name else url


def translation_status() -> list[TranslationKind]:
    """Every item that lacks a language, by kind: one query per translated model, however many
    items there are."""
    languages = content_languages()
    kinds = []
    models_ = sorted(
        translator.get_registered_models(abstract=False),
        key=lambda m: (m._meta.app_config.verbose_name, str(m._meta.verbose_name_plural)),
    )
    for model in models_:
        fields = translatable_fields(model)
        if not fields:
            continue
        kind = TranslationKind(
            key=model._meta.label_lower, name=capfirst(model._meta.verbose_name_plural)
        )
        items = (
            model._default_manager.filter(_missing_condition(fields, languages))
            .select_related(*_related_paths(model))
            .order_by("pk")
        )
        for item in items:
            missing = missing_languages(item)
            lacking = [
                name
                for name in fields
                if any(not getattr(item, f"{name}_{code}") for code in missing)
            ]
            first = f"{lacking[0]}_{missing[0]}" if lacking and missing else None
            kind.items.append(
                MissingItem(
                    label=str(item),
                    missing=missing,
                    fields=[capfirst(model._meta.get_field(name).verbose_name) for name in lacking],
                    url=_fill_url(item, first),
                )
            )
        kinds.append(kind)
    return kinds


class TranslationStatusView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = VIEW_PERMISSION
    template_name = "core/translation_status.html"

    def get_context_data(self, **kwargs):
        kinds = translation_status()
        languages = content_languages()
        return super().get_context_data(
            kinds=kinds,
            with_items=[kind for kind in kinds if kind.items],
            total=sum(kind.count for kind in kinds),
            totals={code: sum(kind.count_missing(code) for kind in kinds) for code in languages},
            **kwargs,
        )
