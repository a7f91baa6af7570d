from django.urls import reverse
from modeltranslation.translator import TranslationOptions, register

from gtr_portal.core.translation_status import register_fill_url

from .models import Report


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "summary", "outlook")
    required_languages = {"fr": ("title",)}


def _fill_url(report: Report) -> str:
    # A final report is frozen: its page offers a new version, which can be completed.
    name = "reports:report-detail" if report.status == "final" else "reports:report-edit"
    return reverse(name, kwargs={"pk": report.pk})


register_fill_url(Report, _fill_url)
