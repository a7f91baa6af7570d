"""Meetings, the recommendations they adopt, and how the actors report on carrying them out."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _

from commissions.models import TechnicalCommission
from gtr_portal.core.storage import private_storage
from members.models import Actor, MemberAdministration


def ordinal(number: int) -> str:
    """5 → « 5e » in French, "5th" in English."""
    if (get_language() or "fr").startswith("fr"):
        return f"{number}re" if number == 1 else f"{number}e"
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        GTR = "gtr", _("GTR meeting")
        EXPERTS = "experts", _("Committee of Experts")
        CONFERENCE = "conference", _("Conference of Directors General")
        COMMISSION = "commission", _("Technical commission meeting")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")

    REFERENCE_PREFIX = {Kind.GTR: "GTR", Kind.EXPERTS: "CE", Kind.CONFERENCE: "CDG"}

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.GTR)
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("For example 5 for the 5th meeting.")
    )
    commission = models.ForeignKey(
        TechnicalCommission,
        verbose_name=_("technical commission"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    city = models.CharField(_("host city"), max_length=100, blank=True)
    host = models.ForeignKey(
        MemberAdministration,
        verbose_name=_("host administration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
    )
    mode = models.CharField(
        _("format"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON
    )
    theme = models.TextField(_("theme"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    participants = models.ManyToManyField(
        Actor,
        verbose_name=_("participating administrations and bodies"),
        blank=True,
        related_name="meetings",
    )
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="meeting_dates_ordered"
            ),
            models.UniqueConstraint(
                fields=["kind", "number"],
                condition=Q(number__isnull=False, commission__isnull=True),
                name="meeting_number_unique_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind="commission", commission__isnull=False)
                | (~Q(kind="commission") & Q(commission__isnull=True)),
                name="meeting_commission_only_for_commission_meetings",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("recommendations:meeting-detail", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        if self.kind == self.Kind.GTR and self.number:
            return gettext("%(ordinal)s meeting of the GTR") % {"ordinal": ordinal(self.number)}
        if self.kind == self.Kind.COMMISSION and self.commission_id:
            return gettext("Meeting of the commission “%(name)s”, %(year)s") % {
                "name": self.commission.name,
                "year": self.start_date.year,
            }
        label = self.get_kind_display()
        if self.number:
            return pgettext("meeting title", "%(kind)s, %(ordinal)s session") % {
                "kind": label,
                "ordinal": ordinal(self.number),
            }
        return f"{label} {self.start_date.year}"

    @property
    def reference_prefix(self) -> str:
        if self.kind == self.Kind.COMMISSION:
            return f"CT{self.commission.number}-{self.start_date:%Y}"
        prefix = self.REFERENCE_PREFIX[self.kind]
        return f"{prefix}{self.number}" if self.number else f"{prefix}-{self.start_date:%Y}"

    @property
    def is_upcoming(self) -> bool:
        return self.end_date >= date.today() and self.status == self.Status.PLANNED

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The meeting cannot end before it starts.")})
        if self.kind == self.Kind.COMMISSION and not self.commission_id:
            raise ValidationError({"commission": _("Say which commission met.")})
        if self.kind != self.Kind.COMMISSION and self.commission_id:
            raise ValidationError(
                {"commission": _("Only commission meetings belong to a commission.")}
            )


class MeetingDocument(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        PARTICIPANTS = "participants", _("List of participants")
        MINUTES = "minutes", _("Minutes")
        OTHER = "other", _("Other document")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), storage=private_storage, upload_to="meetings/%Y/")
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["kind", "language"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


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
    deadline = models.DateField(_("deadline"))
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"),
        max_length=25,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.NOT_STARTED,
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
        ordering = ["deadline", "reference"]
        indexes = [models.Index(fields=["status", "deadline"])]
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
        return self.is_open and self.deadline < (on or date.today())

    def days_left(self, on: date | None = None) -> int:
        return (self.deadline - (on or date.today())).days

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left())

    def set_status(self, status: str, progress: int, *, on: date | None = None) -> None:
        """Change status and progress, keeping the implementation date in step."""
        self.status, self.progress = status, progress
        if status == RecommendationStatus.IMPLEMENTED:
            self.implemented_on = self.implemented_on or on or date.today()
        else:
            self.implemented_on = None

    def clean(self):
        super().clean()
        if self.meeting_id and self.deadline and self.deadline < self.meeting.start_date:
            raise ValidationError(
                {"deadline": _("The deadline cannot be before the meeting that adopted it.")}
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


class RecommendationActor(models.Model):
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

    class Meta:
        verbose_name = _("actor of a recommendation")
        verbose_name_plural = _("actors of a recommendation")
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "actor"], name="recommendation_actor_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


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
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "kind", "recipient"], name="reminder_sent_once"
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
