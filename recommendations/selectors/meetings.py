"""Reads of meetings, in a constant number of queries."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Value,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from gtr_portal.core.errors import NotFound
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


def meeting_alone(*, slug: str) -> Meeting:
    """A meeting without what its own page shows (for the pages about it, such as its review)."""
    try:
        return Meeting.objects.get(slug=slug)
    except Meeting.DoesNotExist:
        raise NotFound from None


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
        raise NotFound from None
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
        raise NotFound from None
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
        raise NotFound from None
    if not user.has_perm("recommendations.view_meeting_document", document):
        raise NotFound
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


def meeting_review_date(*, meeting: Meeting, today: date | None = None) -> date:
    """The day on which a meeting reviews earlier recommendations: its first day, or today for
    a meeting still to come."""
    return min(meeting.start_date, today or timezone.localdate())


def meeting_review(
    *, meeting: Meeting, page: int | str | None = 1, per_page: int = 50, today: date | None = None
) -> dict:
    """What a meeting of the group reviews: the recommendations of earlier meetings adopted since
    the group's previous meeting, and the older ones still open, each with its state on the
    meeting's review date; `page` of them (a Page of ReviewedRecommendation), in the order of
    their adoption.

    A recommendation's state on a day is that of the latest record on or before it: a change
    in its history, or an accepted progress update of a lead actor, whichever is later; with
    neither, it had not started. Five queries whatever the number of recommendations: the
    latest record of each kind is found for all of them at once (a window over the history and
    one over the updates, not a subquery per recommendation: 2.7 s at 10,000 in issue 12).
    """
    on = meeting_review_date(meeting=meeting, today=today)
    reviewed, states = [], {}
    if meeting.kind == Meeting.Kind.GTR:
        previous = (
            Meeting.objects.filter(kind=Meeting.Kind.GTR, start_date__lt=meeting.start_date)
            .order_by("-start_date")
            .values_list("start_date", flat=True)
            .first()
        )
        states = _states_on(on)
        adopted_before = (
            Recommendation.objects.filter(meeting__start_date__lt=meeting.start_date)
            .exclude(meeting=meeting)
            .order_by("meeting__start_date", "meeting_id", "sequence")
            .values_list("pk", "meeting__start_date")
        )
        reviewed = [
            pk
            for pk, adopted_on in adopted_before
            if previous is None or adopted_on >= previous or _state(states, pk)[0] in OPEN_STATUSES
        ]
    # The paginator counts positions, not rows: small enough to keep in the shared cache.
    shown = Paginator(range(len(reviewed)), per_page).get_page(page)
    rows = Recommendation.objects.select_related("meeting").in_bulk(
        [reviewed[position] for position in shown.object_list]
    )
    shown.object_list = [
        ReviewedRecommendation(rows[reviewed[position]], *_state(states, reviewed[position]))
        for position in shown.object_list
    ]
    return {"on": on, "page": shown}


def _state(states: dict, pk: int) -> tuple[str, int]:
    return states.get(pk, (RecommendationStatus.NOT_STARTED, 0))


def _states_on(on: date) -> dict[int, tuple[str, int]]:
    """(status, progress) on the day `on` of every recommendation that had a record by then
    (see `meeting_review`). Two scans, each sorted once; no join to the recommendations."""
    recorded = (
        Recommendation.history.model.objects.filter(history_date__lt=_end_of(on))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("id"),
                order_by=[F("history_date").desc(), F("history_id").desc()],
            )
        )
        .filter(rank=1)
        .order_by()
        .values_list("id", "status", "progress", "history_date")
    )
    lead_actor = RecommendationActor.objects.filter(
        recommendation_id=OuterRef("recommendation_id"),
        actor_id=OuterRef("actor_id"),
        role=RecommendationActor.Role.LEAD,
    )
    reported = (
        ProgressUpdate.objects.filter(state=ProgressUpdate.State.ACCEPTED, as_of__lte=on)
        .filter(Exists(lead_actor))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("recommendation_id"),
                order_by=[F("as_of").desc(), F("submitted_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank=1)
        .order_by()
        .values_list("recommendation_id", "proposed_status", "progress", "as_of")
    )
    states = {pk: (status, progress, as_of) for pk, status, progress, as_of in reported}
    for pk, status, progress, at in recorded:
        as_of = states.get(pk, (None, None, None))[2]
        # A change recorded on the day of a report, or after it, is the later record.
        if as_of is None or timezone.localdate(at) >= as_of:
            states[pk] = (status, progress, None)
    return {pk: (status, progress) for pk, (status, progress, _) in states.items()}


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


def decision_drafts(*, meeting: Meeting) -> list:
    """The meeting's draft decisions with their actors, in their order (three queries)."""
    return list(meeting.decision_drafts.prefetch_related("lead_actors", "other_actors"))
