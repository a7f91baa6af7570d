"""Writes: numbering recommendations, submitting and reviewing progress updates."""

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.errors import DomainError
from gtr_portal.core.uploads import DOCUMENTS, MB, StoredFiles, validate_upload
from gtr_portal.jobs.selectors import subject_for
from gtr_portal.jobs.services import job_enqueue
from members.models import Actor, User
from members.permissions import is_secretariat

from ..models import (
    Evidence,
    Meeting,
    ProgressUpdate,
    Recommendation,
    RecommendationActor,
    RecommendationStatus,
    UpdateEvent,
    derived_status,
    status_progress_error,
)
from ..notifications import notify_assignment, notify_update_submitted
from ..permissions import reports_for_an_actor_of

EVIDENCE_MAX_BYTES = 10 * MB
EVIDENCE_MAX_FILES = 10
REVIEW_NOTICE_JOB = "recommendations.notify_review"


class RecommendationNumber(NamedTuple):
    sequence: int
    reference: str


def recommendation_number(*, meeting: Meeting, reference: str = "") -> RecommendationNumber:
    """The number a new recommendation of `meeting` takes (the next of the meeting, which stays
    locked until the transaction ends) and its stable reference (`reference` if the secretariat
    gave one, else for example GTR5-R03)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    sequence = (meeting.recommendations.aggregate(last=Max("sequence"))["last"] or 0) + 1
    reference = reference or f"{meeting.reference_prefix}-R{sequence:02d}"
    if Recommendation.objects.filter(reference=reference).exists():
        raise DomainError(
            _("The reference %(reference)s is already used.") % {"reference": reference}
        )
    return RecommendationNumber(sequence, reference)


@transaction.atomic
def recommendation_create(
    *,
    meeting: Meeting,
    title_fr: str,
    text_fr: str,
    deadline: date | None,
    lead_actors: Iterable[Actor],
    other_actors: Iterable[Actor] = (),
    title_en: str = "",
    text_en: str = "",
    commission=None,
    priority: str = "medium",
    created_by: User | None = None,
    due_by_next_meeting: bool = False,
    illustrative: bool = False,
) -> Recommendation:
    lead_actors, other_actors = list(lead_actors), list(other_actors)
    if not lead_actors:
        raise DomainError(_("A recommendation needs at least one lead actor."), field="lead_actors")
    if set(lead_actors) & set(other_actors):
        raise DomainError(_("An actor is either a lead actor or another actor, not both."))
    recommendation = Recommendation(
        meeting=meeting,
        commission=commission,
        title_fr=title_fr,
        title_en=title_en,
        text_fr=text_fr,
        text_en=text_en,
        deadline=deadline,
        due_by_next_meeting=due_by_next_meeting,
        illustrative=illustrative,
        priority=priority,
    )
    recommendation.sequence, recommendation.reference = recommendation_number(meeting=meeting)
    recommendation.full_clean()
    recommendation._history_user = created_by
    recommendation.save()
    RecommendationActor.objects.bulk_create(
        [
            RecommendationActor(recommendation=recommendation, actor=a, role="lead")
            for a in lead_actors
        ]
        + [
            RecommendationActor(recommendation=recommendation, actor=a, role="associated")
            for a in other_actors
        ]
    )
    notify_assignment(recommendation=recommendation)
    return recommendation


def _check_update(
    *, progress: int, proposed_status: str, files: list, kept: int = 0
) -> list[tuple[object, str]]:
    """Check what was typed and each file; return the files with their sniffed types."""
    message = status_progress_error(proposed_status, progress)
    if message:
        raise DomainError(message, field="progress")
    if kept + len(files) > EVIDENCE_MAX_FILES:
        raise DomainError(
            _("At most %(count)s evidence files per update.") % {"count": EVIDENCE_MAX_FILES},
            field="evidence",
        )
    checked = []
    for upload in files:
        try:
            checked.append(
                (upload, validate_upload(upload, kinds=DOCUMENTS, max_bytes=EVIDENCE_MAX_BYTES))
            )
        except ValidationError as error:
            raise DomainError(error.messages[0], field="evidence") from None
    return checked


def _check_pending_evidence_quota(
    *, actor_id: int, files: list, update: ProgressUpdate | None = None, removed: Iterable = ()
) -> None:
    """The evidence awaiting review of one actor (a member administration, or a body) stays
    under PENDING_EVIDENCE_QUOTA_BYTES, so that nobody fills the disk with updates that nobody
    has looked at yet.

    The actor's row is locked first: a second submission of the same administration waits here
    until the first one is committed, then counts its files too (PostgreSQL; SQLite serialises
    every writing transaction anyway)."""
    if not files:
        return  # a resubmission that adds no file adds nothing to the disk
    list(Actor.objects.select_for_update().filter(pk=actor_id).values_list("pk", flat=True))
    pending = Evidence.objects.filter(
        update__actor_id=actor_id, update__state=ProgressUpdate.State.PENDING
    )
    if update is not None:
        # This update's own files count once, as they will be: without those being removed.
        pending = pending.exclude(update=update) | update.evidence.exclude(pk__in=list(removed))
    used = pending.aggregate(total=Sum("size"))["total"] or 0
    adding = sum(upload.size for upload in files)
    limit = settings.PENDING_EVIDENCE_QUOTA_BYTES
    if used + adding > limit:
        raise DomainError(
            _(
                "Evidence awaiting review for %(actor)s already takes %(used)s of the %(limit)s "
                "allowed, and these files add %(adding)s. Wait until the secretariat has "
                "reviewed your pending updates, or remove files from them, then send again."
            )
            % {
                "actor": Actor.objects.get(pk=actor_id),
                "used": filesizeformat(used),
                "limit": filesizeformat(limit),
                "adding": filesizeformat(adding),
            },
            field="evidence",
        )


def _attach(update: ProgressUpdate, checked: list, stored: StoredFiles) -> None:
    for upload, mime in checked:
        evidence = Evidence(
            update=update, original_name=upload.name[:255], content_type=mime, size=upload.size
        )
        stored.save(evidence.file, upload.name, upload)
        evidence.save()


@transaction.atomic
def update_submit(
    *,
    recommendation: Recommendation,
    user: User,
    as_of: date,
    narrative: str,
    progress: int,
    proposed_status: str,
    files: list = (),
) -> ProgressUpdate:
    """A focal point (or a user of an actor body) reports on its own part of a recommendation."""
    if not reports_for_an_actor_of(user, recommendation):
        raise DomainError(_("Only the actors of this recommendation can report on it."))
    with StoredFiles() as stored:
        update = _create_update(
            recommendation=recommendation,
            actor_id=user.actor_id,
            user=user,
            as_of=as_of,
            narrative=narrative,
            progress=progress,
            proposed_status=proposed_status,
            files=files,
            stored=stored,
        )
        notify_update_submitted(update=update)
    return update


@transaction.atomic
def update_record_on_behalf(
    *,
    recommendation: Recommendation,
    actor: Actor,
    user: User,
    as_of: date,
    narrative: str,
    progress: int,
    proposed_status: str,
    files: list = (),
) -> ProgressUpdate:
    """The secretariat records what an actor reported by other means (a letter, a meeting),
    marked as recorded on its behalf, and accepts it: the actor's part follows at once."""
    if not is_secretariat(user):
        raise DomainError(_("Only the secretariat records an update on an actor's behalf."))
    if not recommendation.actor_links.filter(actor=actor).exists():
        raise DomainError(_("Choose an actor of this recommendation."), field="actor")
    with StoredFiles() as stored:
        update = _create_update(
            recommendation=recommendation,
            actor_id=actor.pk,
            user=user,
            as_of=as_of,
            narrative=narrative,
            progress=progress,
            proposed_status=proposed_status,
            files=files,
            stored=stored,
            on_behalf=True,
        )
        return update_accept(update=update, reviewer=user)


def _create_update(
    *,
    recommendation: Recommendation,
    actor_id: int,
    user: User,
    as_of: date,
    narrative: str,
    progress: int,
    proposed_status: str,
    files: list,
    stored: StoredFiles,
    on_behalf: bool = False,
) -> ProgressUpdate:
    files = list(files)
    checked = _check_update(progress=progress, proposed_status=proposed_status, files=files)
    if not on_behalf:  # recorded by the secretariat, the update is accepted at once
        _check_pending_evidence_quota(actor_id=actor_id, files=files)
    update = ProgressUpdate(
        recommendation=recommendation,
        actor_id=actor_id,
        submitted_by=user,
        on_behalf=on_behalf,
        as_of=as_of,
        narrative=narrative,
        progress=progress,
        proposed_status=proposed_status,
        submitted_at=timezone.now(),
    )
    update.full_clean()
    update.save()
    _attach(update, checked, stored)
    UpdateEvent.objects.create(update=update, action=UpdateEvent.Action.SUBMITTED, by=user)
    return update


@transaction.atomic
def update_resubmit(
    *,
    update: ProgressUpdate,
    user: User,
    as_of: date,
    narrative: str,
    progress: int,
    proposed_status: str,
    files: list = (),
    remove_evidence: Iterable[int] = (),
) -> ProgressUpdate:
    """The actor corrects an update that was returned (or is still awaiting review)."""
    update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if update.state == ProgressUpdate.State.ACCEPTED:
        raise DomainError(_("This update was accepted; submit a new one instead."))
    if user.actor_id != update.actor_id:
        raise DomainError(_("Only the actor who reported can change this update."))
    files, remove_evidence = list(files), list(remove_evidence)
    kept = update.evidence.exclude(pk__in=remove_evidence).count()
    checked = _check_update(
        progress=progress, proposed_status=proposed_status, files=files, kept=kept
    )
    _check_pending_evidence_quota(
        actor_id=update.actor_id, files=files, update=update, removed=remove_evidence
    )
    was_returned = update.state == ProgressUpdate.State.RETURNED
    update.as_of, update.narrative = as_of, narrative
    update.progress, update.proposed_status = progress, proposed_status
    update.state = ProgressUpdate.State.PENDING
    update.submitted_at = timezone.now()
    update.submitted_by = user
    update.full_clean()
    update.save()
    for evidence in update.evidence.filter(pk__in=remove_evidence):
        # Removed from the disk only once the change is committed: if storing the new files
        # fails, the update keeps its files as they were.
        storage, name = evidence.file.storage, evidence.file.name
        evidence.delete()
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    with StoredFiles() as stored:
        _attach(update, checked, stored)
        UpdateEvent.objects.create(
            update=update,
            action=UpdateEvent.Action.RESUBMITTED if was_returned else UpdateEvent.Action.SUBMITTED,
            by=user,
        )
        notify_update_submitted(update=update)
    return update


def _claim_for_review(update: ProgressUpdate) -> ProgressUpdate:
    update = (
        ProgressUpdate.objects.select_for_update()
        .select_related("recommendation")
        .get(pk=update.pk)
    )
    if update.state != ProgressUpdate.State.PENDING:
        raise DomainError(_("This update was already reviewed."))
    return update


def _review(
    update: ProgressUpdate, *, reviewer: User, state: str, action: str, comment: str
) -> tuple[ProgressUpdate, UpdateEvent]:
    """The steps every review shares: claim the pending update, record the decision and its
    event. The caller does what the decision means, then tells the submitter (`_notify`)."""
    update = _claim_for_review(update)
    update.state = state
    update.review_comment = comment.strip()
    update.reviewed_by, update.reviewed_at = reviewer, timezone.now()
    update.full_clean()
    update.save()
    event = UpdateEvent.objects.create(
        update=update, action=action, by=reviewer, comment=update.review_comment
    )
    return update, event


@transaction.atomic
def update_return(*, update: ProgressUpdate, reviewer: User, comment: str) -> ProgressUpdate:
    """Send an update back to its actor with the reason; nothing they wrote is lost."""
    if not comment.strip():
        raise DomainError(_("Say why the update is returned."), field="comment")
    update, event = _review(
        update,
        reviewer=reviewer,
        state=ProgressUpdate.State.RETURNED,
        action=UpdateEvent.Action.RETURNED,
        comment=comment,
    )
    _notify(update, event, reviewer)
    return update


@transaction.atomic
def update_accept(*, update: ProgressUpdate, reviewer: User, comment: str = "") -> ProgressUpdate:
    """Accept an update: its actor's part takes its status and progress, and the
    recommendation follows its actors (the other actors' parts do not move)."""
    update, event = _review(
        update,
        reviewer=reviewer,
        state=ProgressUpdate.State.ACCEPTED,
        action=UpdateEvent.Action.ACCEPTED,
        comment=comment,
    )
    link = (
        RecommendationActor.objects.select_for_update()
        .filter(recommendation_id=update.recommendation_id, actor_id=update.actor_id)
        .first()
    )
    if link is None:
        raise DomainError(
            _("The actor of this update is no longer an actor of the recommendation.")
        )
    link.set_status(update.proposed_status, update.progress, on=update.as_of)
    link.full_clean()
    link.save()
    recommendation_follow_actors(
        recommendation=update.recommendation, user=reviewer, on=update.as_of
    )
    _notify(update, event, reviewer)
    return update


@transaction.atomic
def recommendation_follow_actors(
    *, recommendation: Recommendation, user: User | None, on: date
) -> Recommendation:
    """Recompute a recommendation's status and progress from its actors' (DERIVED_STATUS_RULE).
    A cancelled or superseded recommendation keeps the secretariat's decision."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.status in (RecommendationStatus.CANCELLED, RecommendationStatus.SUPERSEDED):
        return recommendation
    status, progress = derived_status(recommendation.actor_links.all())
    if (status, progress) != (recommendation.status, recommendation.progress):
        recommendation.set_status(status, progress, on=on)
        recommendation.full_clean()
        recommendation._history_user = user
        recommendation.save()
    return recommendation


def _notify(update: ProgressUpdate, event: UpdateEvent, reviewer: User) -> None:
    """Tell the person who submitted the update, in their language, from the worker."""
    job_enqueue(
        kind=REVIEW_NOTICE_JOB,
        subject=subject_for(event),
        requested_by=reviewer,
        language=update.submitted_by.language,
        params={"event_id": event.pk},
    )
