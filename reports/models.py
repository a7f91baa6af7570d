"""Activity reports (to the Committee of Experts) and meeting reports, with their PDFs.

A report is a draft until the secretariat finalises it; then its figures are frozen in
`snapshot`, and it changes only by a new version that supersedes it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.storage import private_storage
from recommendations.models import Meeting


class Report(models.Model):
    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Activity report")
        MEETING = "meeting", _("Meeting report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="reports",
        null=True,
        blank=True,
        help_text=_("The meeting reported on, or the Committee of Experts meeting addressed."),
    )
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_(
            "Activity report: introduction and highlights. Meeting report: summary of "
            "the discussions."
        ),
    )
    outlook = models.TextField(
        _("outlook"),
        blank=True,
        help_text=_("Activity report: outlook and proposals. Meeting report: agenda."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="draft")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="activity")
                | Q(
                    period_start__isnull=False,
                    period_end__isnull=False,
                    period_end__gte=models.F("period_start"),
                ),
                name="activity_report_has_a_period",
            ),
            models.CheckConstraint(
                condition=~Q(kind="meeting") | Q(meeting__isnull=False),
                name="meeting_report_has_a_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(status="final") | Q(finalised_at__isnull=False),
                name="final_report_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("reports:report-detail", kwargs={"pk": self.pk})

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class ReportFile(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    file = models.FileField(storage=private_storage, upload_to="reports/")
    size = models.PositiveIntegerField(_("size"))
    pages = models.PositiveIntegerField(_("pages"))
    # What the PDF was made from (gtr_portal.core.pdf.html_hash): an unchanged one is kept.
    content_hash = models.CharField(max_length=64, blank=True, default="")
    built_at = models.DateTimeField(_("built at"))

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["report", "language"], name="report_file_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.language})"

    def get_absolute_url(self) -> str:
        return reverse(
            "reports:report-download", kwargs={"pk": self.report_id, "language": self.language}
        )
