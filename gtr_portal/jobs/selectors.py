from .models import Job


def latest_jobs_by_subject(*, kind: str, subjects: list[str]) -> dict[str, Job]:
    """The newest job of a kind for each subject, in one query."""
    latest: dict[str, Job] = {}
    for job in Job.objects.filter(kind=kind, subject__in=subjects).order_by("subject", "-pk"):
        latest.setdefault(job.subject, job)
    return latest
