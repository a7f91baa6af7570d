"""How actors report on carrying recommendations out, and what the portal sends them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.storage import private_storage
from members.models import Actor

from .recommendations import Recommendation, RecommendationStatus, coherent_status_and_progress


class ProgressUpdate(models.Model):
    """What an actor reports on a recommendation; the secretariat accepts or returns it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="progress_updates",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates"
    )
    on_behalf = models.BooleanField(
        _("recorded by the secretariat on the actor's behalf"), default=False
    )
    illustrative = models.BooleanField(_("illustrative (demo data)"), default=False)
    as_of = models.DateField(_("situation as of"))
    narrative = models.TextField(_("what was done"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    proposed_status = models.CharField(
        _("proposed status"), max_length=25, choices=RecommendationStatus.choices
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["state", "-submitted_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="update_progress_max_100"),
            models.CheckConstraint(
                condition=coherent_status_and_progress("proposed_status", "progress"),
                name="update_status_matches_progress",
            ),
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(review_comment=""),
                name="update_returned_with_a_comment",
            ),
            models.CheckConstraint(
                condition=~Q(
                    proposed_status__in=[
                        RecommendationStatus.CANCELLED,
                        RecommendationStatus.SUPERSEDED,
                    ]
                ),
                name="update_proposes_an_implementation_status",
            ),
        ]

    def __str__(self) -> str:
        as_of = date_format(self.as_of)  # "14 mai 2025", not "2025-05-14"
        return f"{self.recommendation.reference} – {as_of} ({self.get_state_display()})"


class Evidence(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), storage=private_storage, upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("recommendations:evidence-download", kwargs={"pk": self.pk})


class UpdateEvent(models.Model):
    """One step of an update's review, kept so that a returned-then-resubmitted update keeps
    its whole story."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        RETURNED = "returned", _("Returned with a comment")
        ACCEPTED = "accepted", _("Accepted")

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d})"


class ReminderSent(models.Model):
    """A reminder e-mail that went out; the unique constraint makes every reminder at most once."""

    class Kind(models.TextChoices):
        DAYS_30 = "d30", _("30 days before the deadline")
        DAYS_7 = "d7", _("7 days before the deadline")
        OVERDUE = "overdue", _("Overdue")

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # An overdue reminder comes back every 30 days until the actor's part is done.
    round = models.PositiveSmallIntegerField(default=0)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "kind", "round", "recipient"],
                name="reminder_sent_once_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class DigestSent(models.Model):
    """The weekly digest of overdue recommendations, at most once a week for each recipient."""

    week = models.CharField(max_length=8, help_text="ISO year and week, e.g. 2026-W48")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["week", "recipient"], name="digest_sent_once")
        ]

    def __str__(self) -> str:
        return f"{self.week} → {self.recipient_id}"


class CalendarToken(models.Model):
    """The secret in a user's calendar subscription address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"
