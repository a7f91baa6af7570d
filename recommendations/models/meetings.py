"""Meetings of the group and of the bodies around it, who took part, and their documents."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from commissions.models import TechnicalCommission
from gtr_portal.core.storage import private_storage
from members.models import Actor, MemberAdministration

_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")


def text_items(text: str) -> list[str]:
    """The lines of a text as list items, without the bullets or numbers typed before them."""
    return [_BULLET.sub("", line).strip() for line in (text or "").splitlines() if line.strip()]


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
        """A meeting's life: planned, then held, then its report adopted (usually at the next
        meeting or by written procedure)."""

        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        REPORT_ADOPTED = "report_adopted", _("Report adopted")

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
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    agenda = models.TextField(
        _("agenda"), blank=True, help_text=_("One item per line, in the order of the meeting.")
    )
    topics = models.TextField(_("topics raised"), blank=True, help_text=_("One topic per line."))
    conclusions = models.TextField(
        _("conclusions"),
        blank=True,
        help_text=_("One conclusion per line; the recommendations are entered apart."),
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
        return self.end_date >= timezone.localdate() and self.status == self.Status.PLANNED

    @property
    def agenda_items(self) -> list[str]:
        return text_items(self.agenda)

    @property
    def topic_items(self) -> list[str]:
        return text_items(self.topics)

    @property
    def conclusion_items(self) -> list[str]:
        return text_items(self.conclusions)

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The meeting cannot end before it starts.")})
        if (
            self.start_date
            and self.start_date > timezone.localdate()
            and self.status in (self.Status.HELD, self.Status.REPORT_ADOPTED)
        ):
            raise ValidationError(
                {"status": _("A meeting that has not started yet cannot be held already.")}
            )
        if self.kind == self.Kind.COMMISSION and not self.commission_id:
            raise ValidationError({"commission": _("Say which commission met.")})
        if self.kind != self.Kind.COMMISSION and self.commission_id:
            raise ValidationError(
                {"commission": _("Only commission meetings belong to a commission.")}
            )


class MeetingPerson(models.Model):
    """A named person at a meeting. Names are personal data: only signed-in users see them."""

    class Role(models.TextChoices):
        CHAIR = "chair", pgettext_lazy("role at a meeting", "Chair")
        RAPPORTEUR = "rapporteur", _("Rapporteur")
        SPEAKER = "speaker", _("Speaker")
        DELEGATE = "delegate", _("Delegate")
        PARTNER = "partner", _("Partner")
        PRIVATE_EXPERT = "private_expert", _("Private-sector expert")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="persons")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("administration or body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_persons",
    )
    organisation = models.CharField(
        _("other organisation"),
        max_length=150,
        blank=True,
        help_text=_("When the person represents neither an administration nor a listed body."),
    )

    class Meta:
        verbose_name = _("person at a meeting")
        verbose_name_plural = _("persons at a meeting")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(role="chair"), name="meeting_has_one_chair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def represents(self) -> str:
        """Whom the person represents, as shown beside the name."""
        return str(self.actor) if self.actor_id else self.organisation

    @property
    def role_rank(self) -> int:
        return list(self.Role.values).index(self.role)


class MeetingDocument(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        PRESENTATION = "presentation", _("Presentation")
        MINUTES = "minutes", _("Minutes")
        FINAL_REPORT = "final_report", _("Final report")
        PARTICIPANTS = "participants", _("List of participants")
        OTHER = "other", _("Other document")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        help_text=_("Members only: focal points, the secretariat and supervisors, once signed in."),
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="meetings/%Y/")
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["kind", "language"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    def get_absolute_url(self) -> str:
        return reverse(
            "recommendations:meeting-document",
            kwargs={"slug": self.meeting.slug, "pk": self.pk},
        )

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def download_name(self) -> str:
        return self.original_name or self.file.name.rsplit("/", 1)[-1]
