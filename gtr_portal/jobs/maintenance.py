"""Housekeeping of background work: old job rows, their own files, and orphan temporaries.

A handler may list files that belong to its job alone (an export nobody else keeps) as names in
the private storage, under `result["files"]`; they leave with the job's row. Files that a live
object references (an edition's PDF, a report's PDF, evidence) are never removed, whatever a job
or a temporary name says.
"""

import logging
import os
import stat
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from gtr_portal.core.storage import TEMPORARY_SUFFIX, is_local, private_storage

from .models import Job

logger = logging.getLogger(__name__)

BATCH = 500


def _referenced(names: Iterable[str]) -> set[str]:
    """The names among `names` that a file field of any model still holds."""
    names = set(names)
    found: set[str] = set()
    if not names:
        return found
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                found.update(
                    model._base_manager.filter(**{f"{field.attname}__in": names}).values_list(
                        field.attname, flat=True
                    )
                )
    return found


def _job_files(job: Job) -> list[str]:
    files = (job.result or {}).get("files") if isinstance(job.result, dict) else None
    return [name for name in files or [] if isinstance(name, str) and name]


def jobs_prune(*, keep_days: int | None = None) -> dict[str, int]:
    """Delete jobs finished more than `keep_days` ago, and the files only they referenced."""
    keep_days = settings.JOBS_KEEP_DAYS if keep_days is None else keep_days
    cutoff = timezone.now() - timedelta(days=keep_days)
    old = Job.objects.filter(
        status__in=[Job.Status.DONE, Job.Status.FAILED], finished_at__lt=cutoff
    ).order_by("pk")
    jobs_deleted = files_deleted = 0
    while batch := list(old[:BATCH]):
        candidates = {name for job in batch for name in _job_files(job)}
        Job.objects.filter(pk__in=[job.pk for job in batch]).delete()
        jobs_deleted += len(batch)
        if candidates:
            files_deleted += _delete_unreferenced(candidates)
    return {"jobs": jobs_deleted, "files": files_deleted}


def _delete_unreferenced(candidates: set[str]) -> int:
    still_listed = {
        name
        for result in Job.objects.filter(result__has_key="files").values_list("result", flat=True)
        for name in (result.get("files") or [])
    }
    storage = private_storage()
    deleted = 0
    for name in sorted(candidates - still_listed - _referenced(candidates)):
        try:
            if storage.exists(name):
                storage.delete(name)
                deleted += 1
        except Exception:  # a name that escapes the storage, a file already gone
            logger.warning("Could not delete %s left by a pruned job", name, exc_info=True)
    return deleted


def temporary_files_remove(*, older_than_seconds: int | None = None) -> int:
    """Remove the temporaries of renders that never finished (a worker killed mid-write).

    A render writes its temporary continuously and renames it within the task's time limit,
    so one untouched for longer than that (an hour by default) belongs to a dead process.
    Only folders have such temporaries: a file for object storage is written to an anonymous
    temporary file (which dies with its process), then uploaded in one step.
    """
    if older_than_seconds is None:
        older_than_seconds = settings.JOBS_TEMPORARY_FILES_MAX_AGE_SECONDS
    cutoff = time.time() - older_than_seconds
    removed = 0
    storages = (private_storage(), default_storage)
    for root in {Path(storage.location) for storage in storages if is_local(storage)}:
        if not root.is_dir():
            continue
        orphans: dict[str, Path] = {}
        for directory, _subdirectories, files in os.walk(root):
            for filename in files:
                if not filename.endswith(TEMPORARY_SUFFIX):
                    continue
                path = Path(directory) / filename
                try:
                    status = path.lstat()
                except FileNotFoundError:
                    continue
                if stat.S_ISREG(status.st_mode) and status.st_mtime < cutoff:
                    orphans[path.relative_to(root).as_posix()] = path
        for name in set(orphans) - _referenced(orphans):
            orphans[name].unlink(missing_ok=True)
            logger.info("Removed the orphan temporary file %s", orphans[name])
            removed += 1
    return removed
