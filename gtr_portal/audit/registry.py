"""Which background jobs are worth a line in the security log, and as which event.

The jobs machinery knows no domain; an app that queues a job says here what it means
(`audit_job_kind(INVITATION_JOB, "invitation_sent")`). Without a word from the app, a job whose
kind names a PDF or a build (`reports.build_report`, `best_practices.build_compendium`: the
portal builds nothing but PDFs) is recorded as a PDF build.
"""

from .models import EventKind

_job_events: dict[str, str] = {}


def audit_job_kind(job_kind: str, event_kind: str | None) -> None:
    """Record jobs of `job_kind` as `event_kind` (None: never record them)."""
    _job_events[job_kind] = event_kind


def event_for_job(job_kind: str) -> str | None:
    if job_kind in _job_events:
        return _job_events[job_kind]
    name = job_kind.rsplit(".", 1)[-1].lower()
    if "pdf" in name or name.startswith("build"):
        return EventKind.PDF_BUILD_REQUESTED
    return None
