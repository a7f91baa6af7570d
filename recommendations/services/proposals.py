"""Writes: the group's proposals to the Conference of Directors General, their way through the
Committee of Experts, the Conference's decision, and its follow-up as a recommendation."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from commissions.models import TechnicalCommission
from gtr_portal.core.errors import DomainError
from members.models import Actor, User

from ..models import GROUP_BODY_CODE, Meeting, Proposal, Recommendation


def proposal_meeting_error(meeting: Meeting | None) -> str | None:
    """The group's proposals come from its own meetings; shared with the admin's form."""
    if meeting is not None and meeting.kind != Meeting.Kind.GTR:
        return str(_("Proposals to the Conference come from the group's meetings."))
    return None


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


@transaction.atomic
def proposal_create(
    *,
    meeting: Meeting,
    title_fr: str,
    text_fr: str,
    title_en: str = "",
    text_en: str = "",
) -> Proposal:
    """Record a proposal the meeting adopted, with the next number of the meeting: GTR8-P01."""
    message = proposal_meeting_error(meeting)
    if message:
        raise DomainError(message, field="meeting")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    last = meeting.proposals.aggregate(last=Max("sequence"))["last"] or 0
    proposal = Proposal(
        meeting=meeting,
        sequence=last + 1,
        reference=f"{meeting.reference_prefix}-P{last + 1:02d}",
        title_fr=title_fr,
        title_en=title_en,
        text_fr=text_fr,
        text_en=text_en,
    )
    if Proposal.objects.filter(reference=proposal.reference).exists():
        raise DomainError(
            _("The reference %(reference)s is already used.") % {"reference": proposal.reference}
        )
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_update(
    *,
    proposal: Proposal,
    title_fr: str,
    text_fr: str,
    title_en: str = "",
    text_en: str = "",
    decision_fr: str | None = None,
    decision_en: str | None = None,
    decision_reference: str | None = None,
) -> Proposal:
    """Correct or translate the text; once decided, the decision's text and reference too.
    The state, the dates and the meeting change only through the steps below."""
    proposal = _locked(proposal)
    proposal.title_fr, proposal.title_en = title_fr, title_en
    proposal.text_fr, proposal.text_en = text_fr, text_en
    if proposal.is_decided:
        if decision_fr is not None:
            if not decision_fr.strip():
                raise DomainError(_("Give the text of the decision."), field="decision_fr")
            proposal.decision_fr = decision_fr
        if decision_en is not None:
            proposal.decision_en = decision_en
        if decision_reference is not None:
            proposal.decision_reference = decision_reference
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_send(*, proposal: Proposal, sent_on: date) -> Proposal:
    """The proposal goes to the Committee of Experts, which prepares the Conference."""
    proposal = _locked(proposal)
    if proposal.state != Proposal.State.PROPOSED:
        raise DomainError(_("This proposal was already sent to the Committee of Experts."))
    if sent_on < proposal.meeting.start_date:
        raise DomainError(_("A proposal is sent after the meeting that made it."), field="sent_on")
    proposal.state, proposal.sent_on = Proposal.State.SENT, sent_on
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_decide(
    *,
    proposal: Proposal,
    outcome: str,
    decision_fr: str,
    decided_on: date,
    decision_en: str = "",
    decision_reference: str = "",
    conference: Meeting | None = None,
) -> Proposal:
    """Record what the Conference decided: adopted or not retained, with its decision."""
    proposal = _locked(proposal)
    if outcome not in Proposal.DECIDED:
        raise DomainError(_("The Conference either adopts a proposal or does not retain it."))
    if proposal.state == Proposal.State.PROPOSED:
        raise DomainError(
            _("Send the proposal to the Committee of Experts before recording the decision.")
        )
    if proposal.is_decided:
        raise DomainError(_("The Conference's decision on this proposal is already recorded."))
    if not decision_fr.strip():
        raise DomainError(_("Give the text of the decision."), field="decision_fr")
    if decided_on < proposal.sent_on:
        raise DomainError(
            _("The Conference decides after the proposal was sent to it."), field="decided_on"
        )
    if conference is not None and conference.kind != Meeting.Kind.CONFERENCE:
        raise DomainError(_("Choose a meeting of the Conference."), field="conference")
    proposal.state = outcome
    proposal.decision_fr, proposal.decision_en = decision_fr.strip(), decision_en.strip()
    proposal.decided_on, proposal.decision_reference = decided_on, decision_reference.strip()
    proposal.conference = conference
    proposal.full_clean()
    proposal.save()
    return proposal


def group_actor() -> Actor:
    """The group itself as an actor (members migration 0005)."""
    try:
        return Actor.objects.select_related("body").get(body__code=GROUP_BODY_CODE)
    except Actor.DoesNotExist:
        raise DomainError(_("The group is not recorded as a body; run the migrations.")) from None


@transaction.atomic
def proposal_follow_up_create(
    *,
    proposal: Proposal,
    conference: Meeting,
    title_fr: str,
    text_fr: str,
    deadline: date | None,
    title_en: str = "",
    text_en: str = "",
    commission: TechnicalCommission | None = None,
    priority: str = "medium",
    created_by: User | None = None,
) -> Recommendation:
    """Follow the Conference's decision like a recommendation of the Conference's meeting, with
    the group as lead actor (and a commission in charge when one is named)."""
    proposal = _locked(proposal)
    if proposal.state != Proposal.State.ADOPTED:
        raise DomainError(_("Only a proposal the Conference adopted is followed up."))
    if proposal.follow_up_id:
        raise DomainError(_("This decision is already followed as a recommendation."))
    if conference.kind != Meeting.Kind.CONFERENCE:
        raise DomainError(_("Choose a meeting of the Conference."), field="conference")
    if proposal.conference_id and proposal.conference_id != conference.pk:
        raise DomainError(
            _("The recommendation belongs to the Conference meeting that decided."),
            field="conference",
        )
    # Through the package: the recommendation service may move between its modules.
    from . import recommendation_create

    recommendation = recommendation_create(
        meeting=conference,
        title_fr=title_fr,
        title_en=title_en,
        text_fr=text_fr,
        text_en=text_en,
        deadline=deadline,
        lead_actors=[group_actor()],
        commission=commission,
        priority=priority,
        created_by=created_by,
    )
    proposal.follow_up, proposal.conference = recommendation, conference
    proposal.full_clean()
    proposal.save()
    return recommendation
