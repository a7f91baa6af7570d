from django.urls import reverse
from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from gtr_portal.core.translation_status import register_fill_url

from .models import BestPractice, CompendiumEdition, PracticeImage, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


@register(BestPractice)
class BestPracticeTranslation(TranslationOptions):
    # A focal point writes in its own language; the model asks for a title, summary and
    # description in at least one, and publication for the French (services.practice_publish).
    fields = ("title", "summary", "body", "body_html", "results")


@register(PracticeImage)
class PracticeImageTranslation(TranslationOptions):
    fields = ("caption",)


@register(CompendiumEdition)
class CompendiumEditionTranslation(TranslationOptions):
    fields = ("title", "foreword")
    required_languages = {"fr": ("title",)}


# After the translation fields exist, so that the history records both languages.
track_history(BestPractice, app=__package__, excluded_fields=["updated_at", "body_html"])

# Where the translation status page sends the secretariat to fill in a missing language.
register_fill_url(
    BestPractice,
    lambda practice: reverse("best_practices:practice-edit", kwargs={"slug": practice.slug}),
)
