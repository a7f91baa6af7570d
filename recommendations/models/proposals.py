"""The group's proposals to the Conference of Directors General, and what the Conference decided.

A proposal has no draft state: the secretariat records it once the meeting has adopted it, so
every recorded proposal is public, like the meeting that made it. Its path is
proposed → sent to the Committee of Experts → adopted by the Conference or not retained.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .meetings import Meeting
from .recommendations import Recommendation

GROUP_BODY_CODE = "GTR"


class Proposal(models.Model):
    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SENT = "sent", _("Sent to the Committee of Experts")
        ADOPTED = "adopted", _("Adopted by the Conference")
        NOT_RETAINED = "not_retained", _("Not retained")

    DECIDED = (State.ADOPTED, State.NOT_RETAINED)

    reference = models.CharField(_("reference"), max_length=30, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    sequence = models.PositiveSmallIntegerField(_("number in the meeting"), editable=False)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text of the proposal"))
    state = models.CharField(
        _("state"), max_length=15, choices=State.choices, default=State.PROPOSED
    )
    sent_on = models.DateField(_("sent to the Committee of Experts on"), null=True, blank=True)
    decided_on = models.DateField(_("date of the decision"), null=True, blank=True)
    decision = models.TextField(_("decision of the Conference"), blank=True)
    decision_reference = models.CharField(
        _("reference of the decision"),
        max_length=60,
        blank=True,
        help_text=_("As the Conference numbers it, when it does."),
    )
    conference = models.ForeignKey(
        Meeting,
        verbose_name=_("decided at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decided_proposals",
        limit_choices_to={"kind": Meeting.Kind.CONFERENCE},
    )
    follow_up = models.OneToOneField(
        Recommendation,
        verbose_name=_("followed as"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposal",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("proposal to the Conference")
        verbose_name_plural = _("proposals to the Conference")
        ordering = ["-meeting__start_date", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "sequence"], name="proposal_sequence_unique"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["proposed", "sent", "adopted", "not_retained"]),
                name="proposal_state_valid",
            ),
            # Sent means a date of sending; only a proposal that was sent can be decided on.
            models.CheckConstraint(
                condition=Q(state="proposed", sent_on__isnull=True)
                | (~Q(state="proposed") & Q(sent_on__isnull=False)),
                name="proposal_sent_has_its_date",
            ),
            # A decision has its date and its text; a proposal not yet decided has neither.
            models.CheckConstraint(
                condition=(
                    Q(state__in=["adopted", "not_retained"], decided_on__isnull=False)
                    & ~Q(decision_fr="")
                    & Q(decision_fr__isnull=False)
                )
                | (
                    Q(state__in=["proposed", "sent"], decided_on__isnull=True)
                    & (Q(decision_fr="") | Q(decision_fr__isnull=True))
                ),
                name="proposal_decision_with_date_and_text",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("sent_on")),
                name="proposal_decided_after_sent",
            ),
            # Only an adopted proposal is followed as a recommendation.
            models.CheckConstraint(
                condition=Q(follow_up__isnull=True) | Q(state="adopted"),
                name="proposal_follow_up_only_when_adopted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("recommendations:proposal-detail", kwargs={"reference": self.reference})

    @property
    def is_decided(self) -> bool:
        return self.state in self.DECIDED

    @property
    def badge_class(self) -> str:
        return {
            self.State.PROPOSED: "badge-grey",
            self.State.SENT: "badge-gold",
            self.State.ADOPTED: "badge-green",
            self.State.NOT_RETAINED: "badge-red",
        }.get(self.state, "badge-grey")
