"""Reads of the recommendation list's exports: a job of the export kind, for whoever may see it."""

from datetime import datetime

from django.utils import timezone

from gtr_portal.core.errors import NotFound
from gtr_portal.jobs.models import Job

from ..exports import EXPORT_JOB, EXPORT_KEEP, export_subject


def export_job_get(*, pk: int, user) -> Job:
    """An export job the user may follow and download (who asked, or the secretariat), or 404:
    another user's export id reveals nothing, not even that it exists."""
    job = Job.objects.select_related("requested_by").filter(pk=pk, kind=EXPORT_JOB).first()
    if job is None or not user.has_perm("recommendations.download_export", job):
        raise NotFound
    return job


def export_job_is_expired(job: Job, *, now: datetime | None = None) -> bool:
    """A finished export whose file is gone, or old enough to be removed at the next sweep."""
    if job.status != Job.Status.DONE:
        return False
    result = job.result if isinstance(job.result, dict) else {}
    if result.get("expired") or not result.get("files"):
        return True
    return job.finished_at is not None and job.finished_at <= (now or timezone.now()) - EXPORT_KEEP


def export_job_active(*, user) -> Job | None:
    """The user's export still queued or running, if any (there is at most one)."""
    return (
        Job.objects.filter(
            kind=EXPORT_JOB, subject=export_subject(user=user), status__in=Job.ACTIVE
        )
        .order_by("-pk")
        .first()
    )
