"""Reads of meetings, in a constant number of queries."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from members.models import Actor

from ..models import (
    OPEN_STATUSES,
    Meeting,
    MeetingDocument,
    MeetingPerson,
    ProgressUpdate,
    Recommendation,
    RecommendationActor,
    RecommendationStatus,
)
from .recommendations import recommendation_queryset


def meeting_list() -> dict:
    """Upcoming meetings, soonest first (a handful), and past ones, latest first, as a queryset
    for the view to page: the group's history only grows."""
    meetings = Meeting.objects.select_related("host", "commission").annotate(
        recommendation_count=Count("recommendations")
    )
    today = timezone.localdate()
    return {
        "upcoming": list(meetings.filter(end_date__gte=today).order_by("start_date", "pk")),
        "past": meetings.filter(end_date__lt=today).order_by("-start_date", "-pk"),
    }


def meeting_headlines() -> dict[str, Meeting | None]:
    """The next meeting and the latest one held, for the home page: two rows, whatever the
    group's history."""
    today = timezone.localdate()
    meetings = Meeting.objects.select_related("host", "commission")
    return {
        "next": meetings.filter(end_date__gte=today).order_by("start_date", "pk").first(),
        "latest": meetings.filter(end_date__lt=today).order_by("-start_date", "-pk").first(),
    }


def meeting_documents_visible_to(user) -> Q:
    """Public documents for everyone; members-only ones for the people of the group."""
    if user is not None and user.has_perm("recommendations.view_members_documents"):
        return Q()
    return Q(visibility=MeetingDocument.Visibility.PUBLIC)


def _hidden_documents(user) -> Count | Value:
    """How many documents of the meeting the user may not download (to say that they exist)."""
    if user is not None and user.has_perm("recommendations.view_members_documents"):
        return Value(0)
    return Count("documents", filter=~Q(documents__visibility=MeetingDocument.Visibility.PUBLIC))


def _persons() -> Prefetch:
    return Prefetch(
        "persons",
        queryset=MeetingPerson.objects.select_related("actor__member", "actor__body"),
        to_attr="person_list",
    )


def meeting_get(*, slug: str, user=None) -> Meeting:
    """A meeting with what its page shows to `user`: the documents they may download, and the
    named persons only when they may see names (`person_list`, chair first, empty otherwise)."""
    participants = Actor.objects.select_related("member", "body")
    documents = MeetingDocument.objects.filter(meeting_documents_visible_to(user)).order_by(
        "kind", "language", "pk"
    )
    prefetches = [
        Prefetch("participants", queryset=participants),
        Prefetch("documents", queryset=documents),
        Prefetch("recommendations", queryset=recommendation_queryset().order_by("sequence")),
    ]
    may_see_names = user is not None and user.has_perm("recommendations.view_meeting_persons")
    if may_see_names:
        prefetches.append(_persons())
    try:
        meeting = (
            Meeting.objects.select_related("host", "commission")
            .prefetch_related(*prefetches)
            .annotate(hidden_documents=_hidden_documents(user))
            .get(slug=slug)
        )
    except Meeting.DoesNotExist:
        raise Http404 from None
    persons = sorted(getattr(meeting, "person_list", []), key=lambda p: (p.role_rank, p.name))
    meeting.person_list = persons
    meeting.chair = next((p for p in persons if p.role == MeetingPerson.Role.CHAIR), None)
    return meeting


def meeting_for_workspace(*, slug: str) -> Meeting:
    """A meeting with everything the secretariat edits: all documents, all persons."""
    try:
        meeting = (
            Meeting.objects.select_related("host", "commission")
            .prefetch_related(
                Prefetch("participants", queryset=Actor.objects.select_related("member", "body")),
                Prefetch("documents", queryset=MeetingDocument.objects.order_by("kind", "pk")),
                _persons(),
            )
            .get(slug=slug)
        )
    except Meeting.DoesNotExist:
        raise Http404 from None
    meeting.person_list = sorted(meeting.person_list, key=lambda p: (p.role_rank, p.name))
    meeting.chair = next(
        (p for p in meeting.person_list if p.role == MeetingPerson.Role.CHAIR), None
    )
    return meeting


def meeting_document_get(*, slug: str, pk: int, user) -> MeetingDocument:
    """A document the user may download, or 404: a members-only document is not even
    acknowledged to others."""
    try:
        document = MeetingDocument.objects.select_related("meeting").get(pk=pk, meeting__slug=slug)
    except MeetingDocument.DoesNotExist:
        raise Http404 from None
    if not user.has_perm("recommendations.view_meeting_document", document):
        raise Http404
    return document


@dataclass
class ReviewedRecommendation:
    recommendation: Recommendation
    status: str
    progress: int

    @property
    def status_label(self) -> str:
        return RecommendationStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def meeting_review(*, meeting: Meeting, today: date | None = None) -> dict:
    """What a meeting of the group reviews: the recommendations of earlier meetings adopted since
    the group's previous meeting, and the older ones still open, each with its state on the
    meeting's first day (or today, for a meeting still to come).

    A recommendation's state on a day is that of the latest record on or before it: a change
    in its history, or an accepted progress update of a lead actor, whichever is later; with
    neither, it had not started. Two queries (the rows and their actors), whatever the number
    of recommendations.
    """
    today = today or timezone.localdate()
    on = min(meeting.start_date, today)
    if meeting.kind != Meeting.Kind.GTR:
        return {"on": on, "rows": []}
    # The group's previous meeting, asked within the same query (the same value on every row).
    previous_start = (
        Meeting.objects.filter(kind=Meeting.Kind.GTR, start_date__lt=meeting.start_date)
        .order_by("-start_date")
        .values("start_date")[:1]
    )
    history = Recommendation.history.model.objects.filter(
        id=OuterRef("pk"), history_date__lt=_end_of(on)
    ).order_by("-history_date", "-history_id")
    lead_actor = RecommendationActor.objects.filter(
        recommendation_id=OuterRef("recommendation_id"),
        actor_id=OuterRef("actor_id"),
        role=RecommendationActor.Role.LEAD,
    )
    updates = (
        ProgressUpdate.objects.filter(
            recommendation_id=OuterRef("pk"), state=ProgressUpdate.State.ACCEPTED, as_of__lte=on
        )
        .filter(Exists(lead_actor))
        .order_by("-as_of", "-submitted_at", "-pk")
    )
    # Only what the review shows (no actors): thousands of rows at scale.
    recommendations = (
        Recommendation.objects.select_related("meeting")
        .filter(meeting__start_date__lt=meeting.start_date)
        .exclude(meeting=meeting)
        .annotate(
            history_status=Subquery(history.values("status")[:1]),
            history_progress=Subquery(history.values("progress")[:1]),
            history_at=Subquery(history.values("history_date")[:1]),
            update_status=Subquery(updates.values("proposed_status")[:1]),
            update_progress=Subquery(updates.values("progress")[:1]),
            update_as_of=Subquery(updates.values("as_of")[:1]),
            previous_start=Subquery(previous_start),
        )
        .order_by("meeting__start_date", "sequence")
    )
    rows = []
    for recommendation in recommendations:
        status, progress = _state_on(recommendation)
        previous = recommendation.previous_start
        recent = previous is None or recommendation.meeting.start_date >= previous
        if recent or status in OPEN_STATUSES:
            rows.append(
                ReviewedRecommendation(
                    recommendation=recommendation, status=status, progress=progress
                )
            )
    return {"on": on, "rows": rows}


def meeting_review_list_url(*, meeting: Meeting) -> str:
    """The recommendations adopted before the meeting and still open, in the list."""
    query = urlencode(
        [
            ("adopted_before", (meeting.start_date - timedelta(days=1)).isoformat()),
            *(("status", status) for status in OPEN_STATUSES),
            ("sort", "meeting"),
        ]
    )
    return f"{reverse('recommendations:recommendation-list')}?{query}"


def _state_on(recommendation: Recommendation) -> tuple[str, int]:
    recorded = recommendation.history_at
    reported = recommendation.update_as_of
    if recorded is not None and (reported is None or timezone.localdate(recorded) >= reported):
        return recommendation.history_status, recommendation.history_progress
    if reported is not None:
        return recommendation.update_status, recommendation.update_progress
    return RecommendationStatus.NOT_STARTED, 0


def decision_drafts(*, meeting: Meeting) -> list:
    """The meeting's draft decisions with their actors, in their order (three queries)."""
    return list(meeting.decision_drafts.prefetch_related("lead_actors", "other_actors"))
