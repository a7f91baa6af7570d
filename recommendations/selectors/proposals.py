"""Reads of the group's proposals to the Conference, in a constant number of queries.

Every recorded proposal is public (there is no draft state), so these reads do not depend on who
asks."""

from django.db.models import Count, QuerySet

from gtr_portal.core.errors import NotFound

from ..models import Meeting, Proposal


def proposal_queryset() -> QuerySet[Proposal]:
    return Proposal.objects.select_related(
        "meeting__commission", "conference", "follow_up"
    ).order_by("-meeting__start_date", "sequence")


def proposal_list(*, state: str = "", meeting: str = "") -> QuerySet[Proposal]:
    """The register, filtered by state and by the meeting's short name; unknown values are
    ignored rather than refused, as in a link someone copied."""
    proposals = proposal_queryset()
    if state in Proposal.State.values:
        proposals = proposals.filter(state=state)
    if meeting:
        proposals = proposals.filter(meeting__slug=meeting)
    return proposals


def proposal_meetings() -> list[Meeting]:
    """The meetings that made proposals, for the filter, with how many each made."""
    return list(
        Meeting.objects.filter(proposals__isnull=False)
        .annotate(proposal_count=Count("proposals"))
        .select_related("commission")
        .order_by("-start_date")
    )


def proposal_state_counts() -> dict[str, int]:
    rows = Proposal.objects.values("state").annotate(count=Count("pk")).order_by()
    return {row["state"]: row["count"] for row in rows}


def proposal_get(*, reference: str) -> Proposal:
    try:
        return proposal_queryset().get(reference=reference)
    except Proposal.DoesNotExist:
        raise NotFound from None


def meeting_proposals(*, meeting: Meeting) -> list[Proposal]:
    """What a meeting proposed to the Conference, for its page: one query."""
    return list(
        Proposal.objects.filter(meeting=meeting).select_related("follow_up").order_by("sequence")
    )


def conference_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(kind=Meeting.Kind.CONFERENCE).order_by("-start_date")


def proposal_meeting_choices() -> QuerySet[Meeting]:
    return Meeting.objects.filter(kind=Meeting.Kind.GTR).order_by("-start_date")
