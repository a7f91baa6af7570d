from django.urls import reverse
from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from gtr_portal.core.translation_status import register_fill_url

from .models import Body, FocalPoint, Interconnection, MemberAdministration


@register(MemberAdministration)
class MemberAdministrationTranslation(TranslationOptions):
    # The clearance system's name is shared, but its notes ("since 2015") are not.
    fields = ("name", "description", "clearance_system")
    required_languages = {"fr": ("name",)}


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fr": ("name",)}


@register(Interconnection)
class InterconnectionTranslation(TranslationOptions):
    fields = ("system", "notes")


@register(FocalPoint)
class FocalPointTranslation(TranslationOptions):
    fields = ("job_title",)


# History is registered after the translation fields exist, so that it records both languages.
track_history(MemberAdministration, app=__package__, excluded_fields=["updated_at"])

# Where the translation status page sends the secretariat to fill in a missing language.
register_fill_url(
    MemberAdministration,
    lambda member: reverse("members:member-edit", kwargs={"iso2": member.iso2}),
)
