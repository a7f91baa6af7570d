from modeltranslation.translator import TranslationOptions, register

from .models import Report


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "summary", "outlook")
    required_languages = {"fr": ("title",)}
