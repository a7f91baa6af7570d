"""Creating, dispatching, running and recovering background jobs."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.errors import DomainError

from .heartbeat import heartbeat
from .models import Job
from .reasons import public_reason, unexpected_error_reason
from .registry import get_handler, is_registered, queue_name

logger = logging.getLogger(__name__)
RUN_TASK = "gtr_portal.jobs.tasks.run_job"


class JobAlreadyActive(DomainError):
    def __init__(self):
        super().__init__(_("This work is already queued or running. Wait until it ends."))


class JobFailed(Exception):
    """Raised by a handler for a failure that retrying will not fix; the message is shown."""


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def job_enqueue(
    *,
    kind: str,
    subject: str,
    requested_by=None,
    language: str | None = None,
    params: dict | None = None,
    max_attempts: int = 3,
) -> Job:
    """Record a job and send it to the worker once the surrounding transaction commits."""
    if not is_registered(kind):
        raise ValueError(f"Unknown job kind {kind!r}")
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                subject=subject,
                params=params or {},
                language=_language(language),
                requested_by=requested_by,
                max_attempts=max_attempts,
            )
    except IntegrityError:
        raise JobAlreadyActive() from None
    transaction.on_commit(partial(job_dispatch, job_id=job.pk, kind=job.kind))
    return job


def job_dispatch(*, job_id: int, kind: str, countdown: int = 0) -> bool:
    """Send a queued job to the broker. When the broker is down the job stays queued, and the
    sweeper sends it again later: the request that created it is never held up."""
    from gtr_portal.celery import app

    try:
        app.send_task(
            RUN_TASK,
            args=[job_id],
            countdown=countdown or None,
            retry=False,
            queue=queue_name(kind),
        )
    except Exception:
        logger.warning("Broker unavailable; job %s stays queued for the sweeper", job_id)
        return False
    Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(dispatched_at=timezone.now())
    return True


def job_retry(*, job: Job, requested_by=None) -> Job:
    """A failed job is tried again as a new job, so the failure stays in the history."""
    if job.status != Job.Status.FAILED:
        raise DomainError(_("Only a failed job can be retried."))
    return job_enqueue(
        kind=job.kind,
        subject=job.subject,
        requested_by=requested_by or job.requested_by,
        language=job.language,
        params=job.params,
        max_attempts=job.max_attempts,
    )


def job_report_progress(*, job: Job, progress: int) -> None:
    """Handlers call this as they go; it is also a heartbeat (the worker's thread sends others)."""
    job.progress = max(0, min(100, progress))
    Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, attempts=job.attempts).update(
        progress=job.progress, heartbeat_at=timezone.now()
    )


def _finish(job: Job, **fields) -> None:
    # Only the attempt that still owns the row reports: when the sweeper took the job back from
    # a worker it believed dead, that worker's late outcome changes nothing.
    Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, attempts=job.attempts).update(
        finished_at=timezone.now(), **fields
    )


def job_run(*, job_id: int) -> None:
    """Run a job in the worker. Claiming the row first makes a second delivery a no-op."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        finished_at=None,
        attempts=F("attempts") + 1,
        progress=0,
    )
    if not claimed:
        logger.info("Job %s is not queued any more; nothing to do", job_id)
        return
    job = Job.objects.get(pk=job_id)
    beating = heartbeat(
        job_id=job.pk, attempt=job.attempts, interval=settings.JOBS_HEARTBEAT_SECONDS
    )
    with translation.override(job.language), beating:
        try:
            result = get_handler(job.kind)(job) or {}
        except JobFailed as failure:
            _finish(job, status=Job.Status.FAILED, error=public_reason(failure))
        except Exception as exc:
            # The whole story, paths included, is for the log; the row gets a reason without them.
            logger.exception("Job %s (%s) failed on attempt %s", job.pk, job.kind, job.attempts)
            reason = unexpected_error_reason(exc)
            if job.attempts < job.max_attempts:
                requeued = Job.objects.filter(
                    pk=job.pk, status=Job.Status.RUNNING, attempts=job.attempts
                ).update(status=Job.Status.QUEUED, error=reason, dispatched_at=None)
                if requeued:
                    delay = settings.JOBS_RETRY_DELAY_SECONDS * job.attempts
                    job_dispatch(job_id=job.pk, kind=job.kind, countdown=delay)
            else:
                _finish(job, status=Job.Status.FAILED, error=reason)
        else:
            _finish(job, status=Job.Status.DONE, progress=100, error="", result=result)


def _update_in_each_language(jobs, message, **fields) -> int:
    """Update `jobs` with `message` as their error, translated into each job's language."""
    updated = 0
    for language in set(jobs.values_list("language", flat=True)):
        with translation.override(language):
            updated += jobs.filter(language=language).update(error=str(message), **fields)
    return updated


def job_sweep() -> dict[str, int]:
    """Periodic repair: recover jobs whose worker died, and send jobs the broker never got.

    A running job's heartbeat is at most JOBS_HEARTBEAT_SECONDS old while its worker lives;
    after JOBS_STALE_AFTER_SECONDS without one, its worker is taken for dead (killed, out of
    memory, machine lost): the job goes back to the queue and is sent again in the same sweep,
    or fails once its attempts are spent.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.JOBS_STALE_AFTER_SECONDS)

    lost_workers = Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=stale)
    failed = _update_in_each_language(
        lost_workers.filter(attempts__gte=F("max_attempts")),
        _(
            "The worker stopped before the job could finish, too many times: the job was "
            "given up. Try again later."
        ),
        status=Job.Status.FAILED,
        finished_at=now,
    )
    requeued = _update_in_each_language(
        lost_workers.filter(attempts__lt=F("max_attempts")),
        _("The worker stopped before the job could finish; the job was queued again."),
        status=Job.Status.QUEUED,
        dispatched_at=None,
    )

    # Never sent (the broker was down), or sent so long ago that the broker must have lost the
    # message (a Redis restarted without persistence). A duplicate is harmless: the claim in
    # job_run makes every delivery after the first a no-op.
    resend = now - timedelta(seconds=settings.JOBS_RESEND_AFTER_SECONDS)
    undelivered = Job.objects.filter(status=Job.Status.QUEUED).filter(
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=resend)
    )
    sent = sum(
        job_dispatch(job_id=pk, kind=kind) for pk, kind in undelivered.values_list("pk", "kind")
    )
    return {"failed": failed, "requeued": requeued, "sent": sent}
