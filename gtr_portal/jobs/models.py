"""A background job is a database row: the only truth about its state.

The request creates the row and queues a task carrying the row's id after the transaction
commits; the worker claims the row before running it, so a job never runs twice at once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    kind = models.CharField(_("kind"), max_length=100)
    subject = models.CharField(
        _("subject"),
        max_length=200,
        help_text=_("What the job works on, for example members.user:42."),
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=3)
    error = models.TextField(_("reason of failure"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("sent to the worker at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["subject", "-created_at"]),
            models.Index(fields=["status", "dispatched_at"]),
        ]
        constraints = [
            # The same work cannot be queued or run twice at once.
            models.UniqueConstraint(
                fields=["kind", "subject"],
                condition=models.Q(status__in=["queued", "running"]),
                name="job_one_active_per_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="job_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE
