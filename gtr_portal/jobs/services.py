"""Creating, dispatching, running and recovering background jobs."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.errors import DomainError

from .models import Job
from .registry import get_handler, is_registered

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
    transaction.on_commit(partial(job_dispatch, job_id=job.pk))
    return job


def job_dispatch(*, job_id: int, countdown: int = 0) -> bool:
    """Send a queued job to the broker. When the broker is down the job stays queued, and the
    sweeper sends it again later: the request that created it is never held up."""
    from gtr_portal.celery import app

    try:
        app.send_task(RUN_TASK, args=[job_id], countdown=countdown or None, retry=False)
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
    """Handlers call this as they go; it is also the job's heartbeat."""
    job.progress = max(0, min(100, progress))
    Job.objects.filter(pk=job.pk).update(progress=job.progress, heartbeat_at=timezone.now())


def _finish(job_id: int, **fields) -> None:
    Job.objects.filter(pk=job_id).update(finished_at=timezone.now(), **fields)


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
    with translation.override(job.language):
        try:
            result = get_handler(job.kind)(job) or {}
        except JobFailed as failure:
            _finish(job_id, status=Job.Status.FAILED, error=str(failure))
        except Exception as exc:
            logger.exception("Job %s (%s) failed on attempt %s", job.pk, job.kind, job.attempts)
            reason = gettext("Unexpected error: %(error)s") % {"error": exc}
            if job.attempts < job.max_attempts:
                Job.objects.filter(pk=job_id).update(
                    status=Job.Status.QUEUED, error=reason, dispatched_at=None
                )
                job_dispatch(job_id=job_id, countdown=30 * job.attempts)
            else:
                _finish(job_id, status=Job.Status.FAILED, error=reason)
        else:
            _finish(job_id, status=Job.Status.DONE, progress=100, error="", result=result)


def job_sweep() -> dict[str, int]:
    """Periodic repair: send jobs the broker never got, and recover jobs whose worker died."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.JOBS_STALE_AFTER_SECONDS)

    lost_workers = Job.objects.filter(status=Job.Status.RUNNING, heartbeat_at__lt=stale)
    exhausted = lost_workers.filter(attempts__gte=F("max_attempts"))
    with translation.override(settings.LANGUAGE_CODE):
        reason = gettext("The worker stopped before the job finished, too many times.")
    failed = exhausted.update(status=Job.Status.FAILED, error=reason, finished_at=now)
    requeued = lost_workers.filter(attempts__lt=F("max_attempts")).update(
        status=Job.Status.QUEUED, dispatched_at=None
    )

    undelivered = Job.objects.filter(status=Job.Status.QUEUED).filter(
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=stale)
    )
    sent = sum(job_dispatch(job_id=pk) for pk in undelivered.values_list("pk", flat=True))
    return {"failed": failed, "requeued": requeued, "sent": sent}
