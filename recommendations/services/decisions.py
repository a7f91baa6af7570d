"""Writes of the decisions screen: a meeting's draft decisions, and their adoption."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from commissions.models import TechnicalCommission
from gtr_portal.core.errors import DomainError
from members.models import Actor, User
from members.permissions import is_secretariat

from ..models import DecisionDraft, Meeting, Recommendation
from .followup import recommendation_create


@dataclass
class DecisionRow:
    """What one row of the screen (or of a spreadsheet) says."""

    text_fr: str
    lead_actors: list[Actor]
    other_actors: list[Actor] = field(default_factory=list)
    title_fr: str = ""
    title_en: str = ""
    text_en: str = ""
    commission: TechnicalCommission | None = None
    deadline: date | None = None
    due_by_next_meeting: bool = False
    priority: str = "medium"


def decision_row_errors(*, row: DecisionRow, meeting: Meeting) -> dict[str, str]:
    """The rules of a decision, by field; the same for the screen, the spreadsheet and the
    adoption (which goes through recommendation_create's own checks too)."""
    errors = {}
    if not row.text_fr.strip():
        errors["text_fr"] = _("Type the text in French.")
    if not row.lead_actors:
        errors["lead_actors"] = _("A recommendation needs at least one lead actor.")
    if set(row.lead_actors) & set(row.other_actors):
        errors["other_actors"] = _("An actor is either a lead actor or another actor, not both.")
    if row.deadline and row.due_by_next_meeting:
        errors["deadline"] = _("Give a date or “by the next meeting”, not both.")
    elif row.deadline and row.deadline < meeting.start_date:
        errors["deadline"] = _("The deadline cannot be before the meeting that adopted it.")
    return errors


@transaction.atomic
def decision_drafts_save(
    *, meeting: Meeting, rows: list[DecisionRow], user: User
) -> list[DecisionDraft]:
    """Replace the meeting's drafts by these rows, in their order. Nothing is saved when a row
    breaks a rule: the caller shows each row's errors beside it."""
    if not is_secretariat(user):
        raise DomainError(_("Only the secretariat enters a meeting's decisions."))
    for index, row in enumerate(rows, start=1):
        errors = decision_row_errors(row=row, meeting=meeting)
        if errors:
            raise DomainError(
                _("Row %(number)s: %(error)s")
                % {"number": index, "error": next(iter(errors.values()))}
            )
    meeting.decision_drafts.all().delete()
    drafts = []
    for position, row in enumerate(rows, start=1):
        draft = DecisionDraft.objects.create(
            meeting=meeting,
            position=position,
            title_fr=row.title_fr.strip(),
            title_en=row.title_en.strip(),
            text_fr=row.text_fr.strip(),
            text_en=row.text_en.strip(),
            commission=row.commission,
            deadline=row.deadline,
            due_by_next_meeting=row.due_by_next_meeting,
            priority=row.priority,
            updated_by=user,
        )
        draft.lead_actors.set(row.lead_actors)
        draft.other_actors.set(row.other_actors)
        drafts.append(draft)
    return drafts


@transaction.atomic
def decision_drafts_append(
    *, meeting: Meeting, rows: list[DecisionRow], user: User
) -> list[DecisionDraft]:
    """Add rows (from a spreadsheet) after the meeting's drafts, all or nothing."""
    existing = _drafts_as_rows(meeting)
    return decision_drafts_save(meeting=meeting, rows=existing + rows, user=user)


def _drafts_as_rows(meeting: Meeting) -> list[DecisionRow]:
    """The meeting's drafts as rows, to save them again with more after them."""
    return [
        DecisionRow(
            text_fr=d.text_fr,
            text_en=d.text_en,
            title_fr=d.title_fr,
            title_en=d.title_en,
            commission=d.commission,
            lead_actors=list(d.lead_actors.all()),
            other_actors=list(d.other_actors.all()),
            deadline=d.deadline,
            due_by_next_meeting=d.due_by_next_meeting,
            priority=d.priority,
        )
        for d in meeting.decision_drafts.select_related("commission").prefetch_related(
            "lead_actors", "other_actors"
        )
    ]


@transaction.atomic
def decisions_adopt(*, meeting: Meeting, user: User) -> list[Recommendation]:
    """Adopt every draft of the meeting: each becomes a numbered, published recommendation whose
    actors are told; the drafts are gone. All or nothing."""
    if not is_secretariat(user):
        raise DomainError(_("Only the secretariat adopts a meeting's decisions."))
    drafts = list(
        Meeting.objects.select_for_update()
        .get(pk=meeting.pk)
        .decision_drafts.prefetch_related("lead_actors", "other_actors")
    )
    if not drafts:
        raise DomainError(_("There is no draft decision to adopt."))
    adopted = [
        recommendation_create(
            meeting=meeting,
            title_fr=draft.short_title_fr,
            title_en=draft.short_title_en,
            text_fr=draft.text_fr,
            text_en=draft.text_en,
            deadline=draft.deadline,
            due_by_next_meeting=draft.due_by_next_meeting,
            lead_actors=list(draft.lead_actors.all()),
            other_actors=list(draft.other_actors.all()),
            commission=draft.commission,
            priority=draft.priority,
            created_by=user,
        )
        for draft in drafts
    ]
    meeting.decision_drafts.all().delete()
    return adopted
