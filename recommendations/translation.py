from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import Meeting, MeetingDocument, Recommendation


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("theme",)


@register(MeetingDocument)
class MeetingDocumentTranslation(TranslationOptions):
    fields = ("title",)


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("title", "text")
    required_languages = {"fr": ("title", "text")}


# After the translation fields exist, so that the history records both languages.
track_history(Recommendation, app=__package__, excluded_fields=["updated_at", "created_at"])
