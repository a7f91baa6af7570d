"""Reads of meetings, recommendations and progress updates, in a constant number of queries."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from gtr_portal.core.content_cache import kept_until_changed
from gtr_portal.core.errors import NotFound
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
        raise NotFound from None


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


@dataclass
class MyActionsSection:
    """One section of "my actions": its first rows and how many there are in all."""

    key: str
    rows: list[Recommendation]
    total: int
    list_url: str

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


MY_ACTIONS_SHOWN = 20  # per section: the page stays the same size as the rows grow
MY_CLOSED_SHOWN = 10  # closed recommendations only grow; the rest are in the list


def my_actions(*, user, today: date | None = None) -> dict[str, MyActionsSection]:
    """The recommendations the user's administration (or body) is an actor of: overdue, due
    within DUE_SOON_DAYS and later (the first MY_ACTIONS_SHOWN of each, by deadline), and the
    MY_CLOSED_SHOWN latest closed; each section with its total and its place in the list. Six
    queries, whatever the number of recommendations."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    section = Case(
        When(~Q(status__in=OPEN_STATUSES), then=Value("closed")),
        When(deadline__lt=today, then=Value("overdue")),
        When(deadline__lte=soon, then=Value("due_soon")),
        default=Value("later"),
        output_field=CharField(),
    )
    mine = Recommendation.objects.filter(actor_links__actor_id=user.actor_id).annotate(
        section=section
    )
    totals = dict(mine.order_by().values_list("section").annotate(n=Count("pk")))
    by_deadline = [F("deadline").asc(nulls_last=True), F("reference").asc()]
    rows = list(
        recommendation_queryset(today=today)
        .filter(actor_links__actor_id=user.actor_id)
        .annotate(
            section=section,
            rank=Window(RowNumber(), partition_by=[section], order_by=by_deadline),
        )
        .filter(section__in=["overdue", "due_soon", "later"], rank__lte=MY_ACTIONS_SHOWN)
        .order_by(*by_deadline)
    )
    rows += list(
        recommendation_queryset(today=today)
        .filter(actor_links__actor_id=user.actor_id)
        .exclude(status__in=OPEN_STATUSES)
        .annotate(section=Value("closed"))
        .order_by(F("deadline").desc(nulls_last=True), F("reference").desc())[:MY_CLOSED_SHOWN]
    )
    _count_own_updates(rows, actor_id=user.actor_id)
    urls = _my_list_urls(user=user, today=today, soon=soon)
    return {
        key: MyActionsSection(
            key=key,
            rows=[r for r in rows if r.section == key],
            total=totals.get(key, 0),
            list_url=urls[key],
        )
        for key in ("overdue", "due_soon", "later", "closed")
    }


def my_updates_marker_key(actor_id: int) -> str:
    return f"my-updates-marker:{actor_id}"


def my_updates_marker(*, actor_id) -> str:
    """What changes when the actor's updates awaiting review or returned change (the badges of
    "my actions"): their number and latest id in each state. One query on the actor's index,
    kept until one of the actor's updates is saved (recommendations/signals.py)."""
    return kept_until_changed(
        my_updates_marker_key(actor_id), lambda: _my_updates_marker(actor_id=actor_id)
    )


def _my_updates_marker(*, actor_id) -> str:
    states = (
        ProgressUpdate.objects.filter(
            actor_id=actor_id,
            state__in=[ProgressUpdate.State.PENDING, ProgressUpdate.State.RETURNED],
        )
        .values_list("state")
        .annotate(n=Count("pk"), last=Max("pk"))
        .order_by("state")
    )
    return "-".join(f"{state}{n}.{last}" for state, n, last in states) or "none"


def _count_own_updates(rows: list[Recommendation], *, actor_id) -> None:
    """`pending_updates` and `returned_updates` of the actor on each row, in one query."""
    counts = {
        (recommendation_id, state): n
        for recommendation_id, state, n in ProgressUpdate.objects.filter(
            recommendation__in=[r.pk for r in rows],
            actor_id=actor_id,
            state__in=[ProgressUpdate.State.PENDING, ProgressUpdate.State.RETURNED],
        )
        .values_list("recommendation_id", "state")
        .annotate(n=Count("pk"))
        .order_by()
    }
    for row in rows:
        row.pending_updates = counts.get((row.pk, ProgressUpdate.State.PENDING), 0)
        row.returned_updates = counts.get((row.pk, ProgressUpdate.State.RETURNED), 0)


def _my_list_urls(*, user, today: date, soon: date) -> dict[str, str]:
    """Where each section's rows are all found: the recommendation list, filtered."""
    closed = my_closed_list_url(user=user)
    base, _, actor_query = closed.partition("?")
    actor = [(k, v) for k, v in QueryDict(actor_query).items() if k == "actor"]
    open_statuses = [("status", status) for status in OPEN_STATUSES]
    return {
        "overdue": f"{base}?{urlencode([*actor, ('overdue', 'on')])}",
        "due_soon": f"{base}?"
        + urlencode(
            [
                *actor,
                *open_statuses,
                ("deadline_after", today.isoformat()),
                ("deadline_before", soon.isoformat()),
            ]
        ),
        "later": f"{base}?{urlencode([*actor, *open_statuses, ('sort', 'deadline')])}",
        "closed": closed,
    }


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
        raise NotFound from None


UPDATES_AWAITING_REVIEW_MARKER_KEY = "updates-awaiting-review-marker"


def updates_awaiting_review_marker() -> str:
    """What changes when the updates awaiting review change (one is sent, sent again after its
    return, accepted or returned): their number, latest id and latest sending. One query, kept
    until an update is saved (recommendations/signals.py)."""
    return kept_until_changed(UPDATES_AWAITING_REVIEW_MARKER_KEY, _updates_awaiting_review_marker)


def _updates_awaiting_review_marker() -> str:
    figures = ProgressUpdate.objects.filter(state=ProgressUpdate.State.PENDING).aggregate(
        n=Count("pk"), last=Max("pk"), sent=Max("submitted_at")
    )
    sent = figures["sent"].timestamp() if figures["sent"] else 0
    return f"{figures['n']}.{figures['last']}.{sent}"


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
