"""Exports of the recommendation list: asked for in a request, written by the worker.

The request only records a job (the filters, the format, the language, who asked). The worker
recomputes the same filter for that user, writes a temporary file as rows come, then stores it
among the private files, where it stays for a day (EXPORT_KEEP), served only to the user who
asked and to the secretariat.
"""

import logging
import tempfile
from datetime import datetime
from pathlib import Path

from django.core.files import File
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.errors import DomainError
from gtr_portal.core.storage import private_storage
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.services import JobFailed, job_enqueue, job_report_progress
from members.models import User

from .. import selectors
from ..exports import (
    EXPORT_DIRECTORY,
    EXPORT_JOB,
    EXPORT_KEEP,
    FORMATS,
    WRITERS,
    export_filename,
    export_rows,
    export_subject,
)

logger = logging.getLogger(__name__)


def recommendation_export_request(
    *, user: User, data: QueryDict, export_format: str, language: str | None = None
) -> Job:
    """Queue an export of the recommendation list filtered by `data` (the list's query).

    Only the filters are checked here; the rows are read and written by the worker.
    """
    if export_format not in FORMATS:
        raise DomainError(_("Choose CSV or XLSX."))
    filterset = selectors.recommendation_list_filter(user=user, data=data)
    if not filterset.is_valid():
        raise DomainError(_("Correct the filters of the list, then export again."))
    query = QueryDict(mutable=True)
    for name in filterset.form.fields:
        values = [value for value in data.getlist(name) if value != ""]
        if values:
            query.setlist(name, values)
    return job_enqueue(
        kind=EXPORT_JOB,
        subject=export_subject(user=user),
        requested_by=user,
        language=language or translation.get_language(),
        params={"format": export_format, "query": query.urlencode()},
    )


def recommendation_export_build(*, job: Job) -> dict:
    """The worker's part: the rows the filter shows to the user who asked, as a stored file."""
    user = job.requested_by
    if user is None or not user.is_active:
        raise JobFailed(gettext("The account that asked for this export is no longer active."))
    export_format = job.params.get("format")
    if export_format not in FORMATS:
        raise JobFailed(gettext("Unknown export format."))
    filterset = selectors.recommendation_list_filter(
        user=user, data=QueryDict(job.params.get("query", ""))
    )
    if not filterset.is_valid():
        raise JobFailed(
            gettext(
                "The filters of this export are no longer valid (a meeting or a commission may "
                "have been removed). Export again from the list."
            )
        )
    ids = list(filterset.qs.prefetch_related(None).values_list("pk", flat=True))
    job_report_progress(job=job, progress=5)
    total = len(ids)

    def progress(done: int) -> None:
        job_report_progress(job=job, progress=5 + 90 * done // max(total, 1))

    filename = export_filename(FORMATS[export_format].extension)
    with tempfile.TemporaryDirectory(prefix="gtr-export-") as directory:
        path = Path(directory) / filename
        rows = WRITERS[export_format](path, export_rows(ids, on_chunk=progress))
        size = path.stat().st_size
        with path.open("rb") as handle:
            name = private_storage().save(
                f"{EXPORT_DIRECTORY}/{job.pk}-{filename}", File(handle, name=filename)
            )
    return {
        "files": [name],
        "filename": filename,
        "format": export_format,
        "rows": rows,
        "size": size,
    }


def recommendation_exports_expire(*, now: datetime | None = None) -> dict[str, int]:
    """Delete the files of exports finished more than EXPORT_KEEP ago; their jobs stay (until
    jobs_prune) and say the file has expired. Also removes stored exports no job lists (a worker
    stopped between storing a file and recording its job's end) once they are as old."""
    cutoff = (now or timezone.now()) - EXPORT_KEEP
    storage = private_storage()
    expired = Job.objects.filter(
        kind=EXPORT_JOB, status=Job.Status.DONE, finished_at__lt=cutoff, result__has_key="files"
    )
    jobs = files = 0
    for pk, result in expired.values_list("pk", "result"):
        for name in result.get("files") or []:
            try:
                storage.delete(name)
                files += 1
            except Exception:  # already gone, or a storage hiccup: the orphan sweep retries
                logger.warning("Could not delete the export %s", name, exc_info=True)
        kept = {key: value for key, value in result.items() if key != "files"}
        Job.objects.filter(pk=pk).update(result={**kept, "expired": True})
        jobs += 1

    listed = {
        name
        for result in Job.objects.filter(kind=EXPORT_JOB, result__has_key="files").values_list(
            "result", flat=True
        )
        for name in result.get("files") or []
    }
    try:
        _directories, names = storage.listdir(EXPORT_DIRECTORY)
    except FileNotFoundError:
        names = []
    for filename in names:
        name = f"{EXPORT_DIRECTORY}/{filename}"
        try:
            if name not in listed and storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                files += 1
        except Exception:
            logger.warning("Could not delete the orphan export %s", name, exc_info=True)
    return {"jobs": jobs, "files": files}
