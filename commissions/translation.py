from modeltranslation.translator import TranslationOptions, register

from .models import AssessorTerm, PresidencyTerm, TechnicalCommission


@register(TechnicalCommission)
class TechnicalCommissionTranslation(TranslationOptions):
    fields = ("name", "mandate")
    required_languages = ("fr",)


@register(PresidencyTerm)
class PresidencyTermTranslation(TranslationOptions):
    fields = ("note",)


@register(AssessorTerm)
class AssessorTermTranslation(TranslationOptions):
    fields = ("designated_at",)
