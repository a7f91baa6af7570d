from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import Body, Interconnection, MemberAdministration


@register(MemberAdministration)
class MemberAdministrationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fr": ("name",)}


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fr": ("name",)}


@register(Interconnection)
class InterconnectionTranslation(TranslationOptions):
    fields = ("notes",)


# History is registered after the translation fields exist, so that it records both languages.
track_history(MemberAdministration, app=__package__, excluded_fields=["updated_at"])
