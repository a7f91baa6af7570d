from django.urls import reverse
from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from gtr_portal.core.translation_status import register_fill_url

from .models import Meeting, MeetingDocument, Proposal, Recommendation


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("theme", "agenda", "topics", "conclusions")


@register(MeetingDocument)
class MeetingDocumentTranslation(TranslationOptions):
    fields = ("title",)


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("title", "text")
    required_languages = {"fr": ("title", "text")}


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("title", "text", "decision")
    required_languages = {"fr": ("title", "text")}


# The translation status page sends the secretariat to the proposal's own edit page.
register_fill_url(
    Proposal,
    lambda proposal: reverse(
        "recommendations:proposal-edit", kwargs={"reference": proposal.reference}
    ),
)


# After the translation fields exist, so that the history records both languages.
track_history(Recommendation, app=__package__, excluded_fields=["updated_at", "created_at"])
