"""The group's organs and who holds them, term by term. Past terms are kept as history."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Actor, MemberAdministration


class TermQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)

    def past(self, on: date | None = None):
        return self.filter(end_date__lt=on or timezone.localdate())


class Term(models.Model):
    start_date = models.DateField(_("start of term"))
    end_date = models.DateField(
        _("end of term"), null=True, blank=True, help_text=_("Leave empty while the term runs.")
    )

    objects = TermQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-start_date"]

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A term cannot end before it starts.")})

    def is_current(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


def _term_dates_ordered(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")), name=name
    )


class PresidencyTerm(Term):
    """The leader country presides over the group and holds its General Secretariat."""

    administration = models.ForeignKey(
        MemberAdministration,
        verbose_name=_("leader country"),
        on_delete=models.PROTECT,
        related_name="presidency_terms",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta(Term.Meta):
        verbose_name = _("presidency term")
        verbose_name_plural = _("presidency terms")
        constraints = [_term_dates_ordered("presidency_term_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.administration} ({self.start_date:%Y}–{getattr(self.end_date, 'year', '')})"


class AssessorTerm(Term):
    """One of the three assessors of the General Secretariat: two members and the ROCB-WCA."""

    actor = models.ForeignKey(
        Actor, verbose_name=_("assessor"), on_delete=models.PROTECT, related_name="assessor_terms"
    )
    designated_at = models.CharField(
        _("designated at"), max_length=200, blank=True, help_text=_("For example: 8th meeting")
    )

    class Meta(Term.Meta):
        verbose_name = _("assessor term")
        verbose_name_plural = _("assessor terms")
        constraints = [_term_dates_ordered("assessor_term_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.actor} ({self.start_date:%Y}–{getattr(self.end_date, 'year', '')})"


class TechnicalCommission(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    mandate = models.TextField(_("mandate"))
    is_illustrative = models.BooleanField(
        _("illustrative (demo data)"),
        default=False,
        help_text=_("Shown with a notice that the name and mandate are examples."),
    )

    class Meta:
        verbose_name = _("technical commission")
        verbose_name_plural = _("technical commissions")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("commissions:commission-detail", kwargs={"slug": self.slug})


class CommissionTerm(Term):
    commission = models.ForeignKey(
        TechnicalCommission,
        verbose_name=_("technical commission"),
        on_delete=models.CASCADE,
        related_name="terms",
    )
    chair = models.ForeignKey(
        MemberAdministration,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        related_name="chaired_commission_terms",
    )
    rapporteur = models.ForeignKey(
        MemberAdministration,
        verbose_name=_("rapporteur"),
        on_delete=models.PROTECT,
        related_name="rapporteur_commission_terms",
        null=True,
        blank=True,
    )
    members = models.ManyToManyField(
        MemberAdministration,
        verbose_name=_("member administrations"),
        related_name="commission_terms",
        blank=True,
    )

    class Meta(Term.Meta):
        verbose_name = _("commission term")
        verbose_name_plural = _("commission terms")
        constraints = [
            _term_dates_ordered("commission_term_dates_ordered"),
            models.CheckConstraint(
                condition=~Q(chair=F("rapporteur")), name="commission_chair_is_not_rapporteur"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commission} ({self.start_date:%Y}–{getattr(self.end_date, 'year', '')})"

    def clean(self):
        super().clean()
        if self.chair_id and self.chair_id == self.rapporteur_id:
            raise ValidationError(
                {"rapporteur": _("The rapporteur must be another administration than the chair.")}
            )
