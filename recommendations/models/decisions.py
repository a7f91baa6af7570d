"""Decisions being entered for a meeting: drafts until the secretariat adopts them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commissions.models import TechnicalCommission
from members.models import Actor

from .meetings import Meeting
from .recommendations import Priority


class DecisionDraft(models.Model):
    """One row of the decisions screen. It is nobody's recommendation yet: no reference, no
    actor is told, no page shows it. Adopting the meeting's drafts turns each into a numbered,
    published recommendation (recommendation_create), in the order of the rows."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decision_drafts")
    position = models.PositiveSmallIntegerField(default=0)
    title_fr = models.CharField(_("short title (French)"), max_length=300, blank=True)
    title_en = models.CharField(_("short title (English)"), max_length=300, blank=True)
    text_fr = models.TextField(_("text (French)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    commission = models.ForeignKey(
        TechnicalCommission,
        verbose_name=_("commission in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_actors = models.ManyToManyField(Actor, verbose_name=_("lead actors"), related_name="+")
    other_actors = models.ManyToManyField(
        Actor, verbose_name=_("other actors"), related_name="+", blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    due_by_next_meeting = models.BooleanField(_("by the next meeting"), default=False)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("draft decision")
        verbose_name_plural = _("draft decisions")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(deadline__isnull=False, due_by_next_meeting=True),
                name="decision_draft_one_kind_of_deadline",
            ),
        ]

    def __str__(self) -> str:
        return self.title_fr or self.text_fr[:80]

    @property
    def short_title_fr(self) -> str:
        return self.title_fr or short_title(self.text_fr)

    @property
    def short_title_en(self) -> str:
        return self.title_en or (short_title(self.text_en) if self.text_en else "")


def short_title(text: str, limit: int = 120) -> str:
    """A title from a text when none was typed: its first sentence, cut at a word."""
    first = text.strip().split("\n")[0]
    for end in (". ", "; "):
        if end in first:
            first = first.split(end)[0]
    if len(first) <= limit:
        return first.rstrip(".")
    return first[:limit].rsplit(" ", 1)[0] + "…"
