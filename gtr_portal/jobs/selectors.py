from django.db import models

from .models import Job


def latest_jobs_by_subject(*, kind: str, subjects: list[str]) -> dict[str, Job]:
    """The newest job of a kind for each subject, in one query."""
    latest: dict[str, Job] = {}
    for job in Job.objects.filter(kind=kind, subject__in=subjects).order_by("subject", "-pk"):
        latest.setdefault(job.subject, job)
    return latest


def subject_for(obj: models.Model) -> str:
    """What a job is about, as its row names it ("app_label.model:pk"): at most one job of a
    kind is active per subject."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def job_latest(*, kind: str, subject: str) -> Job | None:
    """The newest job of a kind about a subject, if any."""
    return Job.objects.filter(kind=kind, subject=subject).order_by("-pk").first()
