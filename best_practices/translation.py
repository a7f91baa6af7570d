from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import BestPractice, CompendiumEdition, PracticeImage, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


@register(BestPractice)
class BestPracticeTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "body_html", "results")
    required_languages = {"fr": ("title", "summary", "body")}


@register(PracticeImage)
class PracticeImageTranslation(TranslationOptions):
    fields = ("caption",)


@register(CompendiumEdition)
class CompendiumEditionTranslation(TranslationOptions):
    fields = ("title", "foreword")
    required_languages = {"fr": ("title",)}


# After the translation fields exist, so that the history records both languages.
track_history(BestPractice, app=__package__, excluded_fields=["updated_at", "body_html"])
