"""Meetings of the group and of the bodies around it, and their documents."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
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
