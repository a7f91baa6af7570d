"""What a meeting adopts: recommendations, their actors, deadlines and status."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commissions.models import TechnicalCommission
from members.models import Actor

from .meetings import Meeting


class RecommendationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIALLY_IMPLEMENTED = "partially_implemented", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    CANCELLED = "cancelled", _("Cancelled")
    SUPERSEDED = "superseded", _("Superseded")


OPEN_STATUSES = (
    RecommendationStatus.NOT_STARTED,
    RecommendationStatus.IN_PROGRESS,
    RecommendationStatus.PARTIALLY_IMPLEMENTED,
)


def coherent_status_and_progress(status_field: str, progress_field: str) -> Q:
    """What the database accepts: not started is 0 %, implemented is 100 %, partially
    implemented lies strictly between."""
    s, p = status_field, progress_field
    return (
        Q(**{s: RecommendationStatus.NOT_STARTED, p: 0})
        | Q(**{s: RecommendationStatus.IMPLEMENTED, p: 100})
        | Q(**{s: RecommendationStatus.IN_PROGRESS, f"{p}__lt": 100})
        | Q(**{s: RecommendationStatus.PARTIALLY_IMPLEMENTED, f"{p}__gt": 0, f"{p}__lt": 100})
        | Q(**{f"{s}__in": [RecommendationStatus.CANCELLED, RecommendationStatus.SUPERSEDED]})
    )


def status_progress_error(status: str, progress: int | None) -> str | None:
    """The same rule as `coherent_status_and_progress`, as a message for forms."""
    if progress is None:
        return None
    if status == RecommendationStatus.NOT_STARTED and progress != 0:
        return gettext("A recommendation that has not started is at 0 %.")
    if status == RecommendationStatus.IMPLEMENTED and progress != 100:
        return gettext("An implemented recommendation is at 100 %.")
    if status == RecommendationStatus.IN_PROGRESS and progress >= 100:
        return gettext("At 100 %, the recommendation is implemented, not in progress.")
    if status == RecommendationStatus.PARTIALLY_IMPLEMENTED and not 0 < progress < 100:
        return gettext("A partially implemented recommendation lies between 1 and 99 %.")
    return None


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Recommendation(models.Model):
    reference = models.CharField(
        _("reference"),
        max_length=30,
        unique=True,
        blank=True,
        help_text=_("Leave empty to number it automatically, for example GTR5-R03."),
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("adopted at"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    sequence = models.PositiveSmallIntegerField(_("number in the meeting"), editable=False)
    commission = models.ForeignKey(
        TechnicalCommission,
        verbose_name=_("commission in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    actors = models.ManyToManyField(
        Actor,
        through="RecommendationActor",
        related_name="recommendations",
        verbose_name=_("actors"),
    )
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the meeting set none, or set it for the next meeting."),
    )
    due_by_next_meeting = models.BooleanField(
        _("by the next meeting"),
        default=False,
        help_text=_("The meeting asked for it by its next meeting, without a date."),
    )
    illustrative = models.BooleanField(
        _("illustrative (demo data)"),
        default=False,
        help_text=_("Made up for the demonstration: every page and export says so."),
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"),
        max_length=25,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.NOT_STARTED,
        help_text=_(
            "Follows the actors: implemented when every lead actor has implemented its part; "
            "partially implemented when some lead actors have; not started while no actor has "
            "started; in progress otherwise."
        ),
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    implemented_on = models.DateField(
        _("implemented on"),
        null=True,
        blank=True,
        help_text=_("Set when the status becomes implemented; used for the on-time rate."),
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = [models.F("deadline").asc(nulls_last=True), "reference"]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            # The recommendation list's default order: its first page reads 25 rows of the
            # index instead of sorting the whole table.
            models.Index(fields=["deadline", "reference"], name="recommendation_list_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "sequence"], name="recommendation_sequence_unique"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="recommendation_progress_max_100"
            ),
            models.CheckConstraint(
                condition=coherent_status_and_progress("status", "progress"),
                name="recommendation_status_matches_progress",
            ),
            models.CheckConstraint(
                condition=Q(status=RecommendationStatus.SUPERSEDED, superseded_by__isnull=False)
                | (~Q(status=RecommendationStatus.SUPERSEDED) & Q(superseded_by__isnull=True)),
                name="recommendation_superseded_names_its_successor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "recommendations:recommendation-detail", kwargs={"reference": self.reference}
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, on: date | None = None) -> bool:
        return (
            self.is_open
            and self.deadline is not None
            and self.deadline < (on or timezone.localdate())
        )

    def days_left(self, on: date | None = None) -> int | None:
        if self.deadline is None:
            return None
        return (self.deadline - (on or timezone.localdate())).days

    @property
    def days_overdue(self) -> int:
        return max(0, -(self.days_left() or 0))

    def set_status(self, status: str, progress: int, *, on: date | None = None) -> None:
        """Change status and progress, keeping the implementation date in step."""
        self.status, self.progress = status, progress
        if status == RecommendationStatus.IMPLEMENTED:
            self.implemented_on = self.implemented_on or on or timezone.localdate()
        else:
            self.implemented_on = None

    def clean(self):
        super().clean()
        if self.meeting_id and self.deadline and self.deadline < self.meeting.start_date:
            raise ValidationError(
                {"deadline": _("The deadline cannot be before the meeting that adopted it.")}
            )
        if self.deadline and self.due_by_next_meeting:
            raise ValidationError(
                {"deadline": _("Give a date or “by the next meeting”, not both.")}
            )
        message = status_progress_error(self.status, self.progress)
        if message:
            raise ValidationError({"progress": message})
        if self.status == RecommendationStatus.SUPERSEDED and not self.superseded_by_id:
            raise ValidationError({"superseded_by": _("Name the recommendation that replaces it.")})
        if self.superseded_by_id and self.status != RecommendationStatus.SUPERSEDED:
            raise ValidationError(
                {"superseded_by": _("Only a superseded recommendation names a successor.")}
            )
        if self.superseded_by_id and self.superseded_by_id == self.pk:
            raise ValidationError({"superseded_by": _("A recommendation cannot replace itself.")})


IMPLEMENTATION_STATUSES = (*OPEN_STATUSES, RecommendationStatus.IMPLEMENTED)


class RecommendationActor(models.Model):
    """An actor of a recommendation, and how far this actor has carried its part out.

    Each actor reports on its own part; the recommendation's status follows its actors
    (`derived_status`), so Senegal's progress never moves Nigeria's.
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead actor")
        ASSOCIATED = "associated", _("Other actor")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="actor_links"
    )
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        related_name="recommendation_links",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.LEAD)
    status = models.CharField(
        _("status of this actor's part"),
        max_length=25,
        choices=[(s.value, s.label) for s in IMPLEMENTATION_STATUSES],
        default=RecommendationStatus.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(_("progress of this actor's part (%)"), default=0)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)

    class Meta:
        verbose_name = _("actor of a recommendation")
        verbose_name_plural = _("actors of a recommendation")
        ordering = ["role", "pk"]
        indexes = [models.Index(fields=["actor", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "actor"], name="recommendation_actor_once"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="recommendation_actor_progress_max_100"
            ),
            models.CheckConstraint(
                condition=coherent_status_and_progress("status", "progress")
                & Q(status__in=[s.value for s in IMPLEMENTATION_STATUSES]),
                name="recommendation_actor_status_matches_progress",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"

    @property
    def is_done(self) -> bool:
        return self.status == RecommendationStatus.IMPLEMENTED

    def set_status(self, status: str, progress: int, *, on: date) -> None:
        self.status, self.progress = status, progress
        if status == RecommendationStatus.IMPLEMENTED:
            self.implemented_on = self.implemented_on or on
        else:
            self.implemented_on = None


DERIVED_STATUS_RULE = _(
    "The status follows the actors: implemented when every lead actor has implemented its part; "
    "partially implemented when some lead actors have; not started while no actor has started; "
    "in progress otherwise. Progress is the lead actors' average. The secretariat may still "
    "cancel a recommendation or mark it superseded."
)


def derived_status(links) -> tuple[str, int]:
    """The status and progress of a recommendation from its actors' (DERIVED_STATUS_RULE)."""
    links = list(links)
    leads = [link for link in links if link.role == RecommendationActor.Role.LEAD] or links
    if not leads:
        return RecommendationStatus.NOT_STARTED, 0
    done = sum(1 for link in leads if link.status == RecommendationStatus.IMPLEMENTED)
    progress = round(sum(link.progress for link in leads) / len(leads))
    if done == len(leads):
        return RecommendationStatus.IMPLEMENTED, 100
    if done:
        return RecommendationStatus.PARTIALLY_IMPLEMENTED, min(max(progress, 1), 99)
    if all(link.status == RecommendationStatus.NOT_STARTED for link in links):
        return RecommendationStatus.NOT_STARTED, 0
    return RecommendationStatus.IN_PROGRESS, min(progress, 99)
