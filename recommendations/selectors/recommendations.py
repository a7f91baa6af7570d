"""Reads of meetings, recommendations and progress updates, in a constant number of queries."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    When,
)
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from members.models import Actor
from members.permissions import reads_everything

from ..models import (
    OPEN_STATUSES,
    ProgressUpdate,
    Recommendation,
    RecommendationActor,
    RecommendationStatus,
    UpdateEvent,
)

DUE_SOON_DAYS = 30


def _actor_links() -> Prefetch:
    return Prefetch(
        "actor_links",
        queryset=RecommendationActor.objects.select_related(
            "actor__member", "actor__body"
        ).order_by("role", "pk"),
    )


def recommendation_queryset(*, today: date | None = None) -> QuerySet:
    """Recommendations with what every list shows: meeting, commission, actors, and `overdue`
    derived from the deadline and the status."""
    today = today or timezone.localdate()
    return (
        Recommendation.objects.select_related("meeting__commission", "commission")
        .prefetch_related(_actor_links())
        .annotate(
            overdue=Case(
                When(Q(status__in=OPEN_STATUSES, deadline__lt=today), then=True),
                default=False,
                output_field=BooleanField(),
            )
        )
    )


def recommendation_list_filter(*, user, data):
    """The recommendation list's filter over the recommendations `user` may see. The list page
    and its exports (recomputed in the worker for the user who asked) both ask this, so an
    export holds exactly the rows the page showed. Every user sees all adopted recommendations
    today; a rule that hides some would go here, and apply to both."""
    # Imported here: the filter's choices come from this module.
    from ..filters import RecommendationFilter

    return RecommendationFilter(data, queryset=recommendation_queryset())


def updates_visible_to(user) -> Q:
    """The progress updates a user may read: accepted ones, their own actor's, or all of them
    for the secretariat and supervisors."""
    if reads_everything(user):
        return Q()
    visible = Q(state=ProgressUpdate.State.ACCEPTED)
    if user.is_authenticated and user.actor_id:
        visible |= Q(actor_id=user.actor_id)
    return visible


def recommendation_get(*, reference: str, user) -> Recommendation:
    updates = (
        ProgressUpdate.objects.filter(updates_visible_to(user))
        .select_related("submitted_by", "actor__member", "actor__body", "reviewed_by")
        .prefetch_related(
            "evidence", Prefetch("events", queryset=UpdateEvent.objects.select_related("by"))
        )
        .order_by("-submitted_at", "-pk")
    )
    try:
        return (
            recommendation_queryset()
            .select_related("superseded_by")
            .prefetch_related(Prefetch("updates", queryset=updates, to_attr="visible_updates"))
            .get(reference=reference)
        )
    except Recommendation.DoesNotExist:
        raise Http404 from None


def recommendation_status_history(*, recommendation: Recommendation, limit: int = 50) -> list:
    """Changes of status and progress, with who made them, oldest first."""
    records = list(
        recommendation.history.select_related("history_user").order_by(
            "history_date", "history_id"
        )[:limit]
    )
    changes, previous = [], None
    for record in records:
        if previous is None or (record.status, record.progress) != (
            previous.status,
            previous.progress,
        ):
            changes.append(record)
        previous = record
    return changes


def my_actions(*, user, today: date | None = None) -> dict[str, list[Recommendation]]:
    """The recommendations the user's administration (or body) is an actor of, by deadline."""
    today = today or timezone.localdate()
    mine = (
        recommendation_queryset(today=today)
        .filter(actor_links__actor_id=user.actor_id)
        .annotate(
            pending_updates=Count(
                "updates", filter=Q(updates__state="pending", updates__actor_id=user.actor_id)
            ),
            returned_updates=Count(
                "updates", filter=Q(updates__state="returned", updates__actor_id=user.actor_id)
            ),
        )
        .order_by(F("deadline").asc(nulls_last=True), "reference")
    )
    sections = {"overdue": [], "due_soon": [], "later": [], "closed": []}
    soon = today + timedelta(days=DUE_SOON_DAYS)
    for recommendation in mine:
        if not recommendation.is_open:
            sections["closed"].append(recommendation)
        elif recommendation.overdue:
            sections["overdue"].append(recommendation)
        elif recommendation.deadline and recommendation.deadline <= soon:
            sections["due_soon"].append(recommendation)
        else:
            sections["later"].append(recommendation)
    # Closed ones only grow: the page shows the most recent (my_closed_list_url has them all).
    sections["closed"].reverse()
    return sections


def my_closed_list_url(*, user) -> str:
    """The recommendation list filtered to the user's actor and to closed statuses."""
    actor = Actor.objects.select_related("member", "body").filter(pk=user.actor_id).first()
    if actor is None:
        return reverse("recommendations:recommendation-list")
    closed = [status for status in RecommendationStatus.values if status not in OPEN_STATUSES]
    code = actor.member.iso2 if actor.member_id else actor.body.code
    query = urlencode([("actor", code), *(("status", status) for status in closed)])
    return f"{reverse('recommendations:recommendation-list')}?{query}"


def update_get(*, pk: int, user) -> ProgressUpdate:
    """An update the user may read, or 404: ids of other administrations' updates reveal nothing."""
    try:
        return (
            ProgressUpdate.objects.filter(updates_visible_to(user))
            .select_related("recommendation", "actor__member", "actor__body", "submitted_by")
            .prefetch_related("evidence", "recommendation__actor_links")
            .get(pk=pk)
        )
    except ProgressUpdate.DoesNotExist:
        raise Http404 from None


def updates_awaiting_review() -> QuerySet:
    return (
        ProgressUpdate.objects.filter(state=ProgressUpdate.State.PENDING)
        .select_related("recommendation", "actor__member", "actor__body", "submitted_by")
        .prefetch_related("evidence")
        .order_by("submitted_at")
    )


def actor_choices() -> list[tuple[str, str]]:
    """Actors as filter choices: member administrations by ISO code, then bodies by code."""
    actors = Actor.objects.select_related("member", "body")
    members = sorted((a.member.iso2, a.member.name) for a in actors if a.member_id)
    bodies = sorted((a.body.code, a.body.name) for a in actors if a.body_id)
    return members + bodies


def actor_for_code(code: str) -> Q:
    return Q(actor__member__iso2=code) | Q(actor__body__code=code)


def has_visible_updates(user) -> Exists:
    return Exists(
        ProgressUpdate.objects.filter(updates_visible_to(user), recommendation=OuterRef("pk"))
    )


@dataclass
class TimelineEntry:
    at: datetime
    kind: str  # "status" or "update"
    item: object


def recommendation_timeline(*, recommendation: Recommendation) -> list[TimelineEntry]:
    """Progress updates the user may see and changes of status, newest first. It starts where
    the recommendation did: at the meeting that adopted it, not when its record was typed in."""
    adopted = timezone.make_aware(datetime.combine(recommendation.meeting.start_date, time.min))
    entries = (
        [TimelineEntry(at=adopted, kind="adopted", item=recommendation.meeting)]
        + [
            TimelineEntry(at=record.history_date, kind="status", item=record)
            for record in recommendation_status_history(recommendation=recommendation)
            if record.history_type != "+"
        ]
        + [
            TimelineEntry(at=update.submitted_at, kind="update", item=update)
            for update in recommendation.visible_updates
        ]
    )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def recommendation_figures(*, today: date | None = None) -> dict[str, int]:
    """Headline figures, in one query."""
    today = today or timezone.localdate()
    return Recommendation.objects.aggregate(
        adopted=Count("pk"),
        implemented=Count("pk", filter=Q(status="implemented")),
        in_progress=Count("pk", filter=Q(status__in=["in_progress", "partially_implemented"])),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, deadline__lt=today)),
    )
