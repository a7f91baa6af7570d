"""Where uploaded and generated files live, and how a finished file replaces an earlier one.

Two storages, both from settings.STORAGES: "default" for public media (anyone may have their
URL) and "private" for files that must never be reachable by a public URL (evidence, practice
images and files, compendium and report PDFs, meeting documents), served only by views that check
permissions. Both are local folders (MEDIA_ROOT, PRIVATE_MEDIA_ROOT) unless S3-compatible object
storage is configured (gtr_portal.core.object_storage, docs/scaling.md).
"""

import glob
import os
import re
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, InvalidStorageError, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, cached_property, empty
from whitenoise.storage import CompressedManifestStaticFilesStorage

PRIVATE_STORAGE_ALIAS = "private"


class PrivateStorage(FileSystemStorage):
    """Private files in a folder of this machine: PRIVATE_MEDIA_ROOT unless given a location."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


class _ConfiguredPrivateStorage(LazyObject):
    """STORAGES["private"], looked up when first used and again after the setting changes
    (tests), like Django's own `default_storage`."""

    def _setup(self):
        try:
            self._wrapped = storages[PRIVATE_STORAGE_ALIAS]
        except InvalidStorageError:  # settings that predate the alias: the folder, as always
            self._wrapped = PrivateStorage()


_private = _ConfiguredPrivateStorage()


def private_storage() -> Storage:
    """The storage of private files. Model fields name this callable (their migrations refer to
    it), so it stays; what it returns follows STORAGES["private"]."""
    return _private


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


def is_local(storage: Storage) -> bool:
    """Whether the storage's files are in a folder of this machine."""
    return isinstance(storage, FileSystemStorage)


def storage_description(storage: Storage) -> str:
    """Where a storage keeps its files, for the operator: a folder or `s3://bucket/prefix`."""
    if is_local(storage):
        return str(storage.location)
    bucket = getattr(storage, "bucket_name", None)
    if bucket:
        return f"s3://{bucket}/{getattr(storage, 'location', '')}".rstrip("/")
    return type(storage).__name__


# --- Replacing a file only once its successor is complete -----------------------------------

# A file being written to a folder is named `<target name>.<host>-<pid>.<random>.part` next to
# its target. The next complete write of the target removes those whose process died on this
# machine; the hourly cleanup (gtr_portal.jobs.maintenance) removes any other left for an hour.
TEMPORARY_SUFFIX = ".part"


@contextmanager
def file_replacing(storage: Storage, name: str) -> Iterator[BinaryIO]:
    """A file to write the new content of `name` into. It replaces the earlier file only when
    the block ends without an exception: until then readers get the earlier file, and a failed
    or interrupted write leaves it as it was.

    In a folder: a temporary beside the target, renamed over it. In object storage: a local
    temporary, then one upload that replaces the object in a single step (the object store never
    shows a partial object), under exactly `name` (Storage.save would pick a free name beside it).
    """
    if is_local(storage):
        with path_replacing(Path(storage.path(name)), mode=storage.file_permissions_mode) as handle:
            yield handle
        return
    with tempfile.TemporaryFile(prefix="gtr-", suffix=TEMPORARY_SUFFIX) as handle:
        yield handle
        handle.flush()
        handle.seek(0)
        storage._save(name, File(handle, name=name))


@contextmanager
def path_replacing(target: Path, *, mode: int | None = None) -> Iterator[BinaryIO]:
    """file_replacing for a path of this machine: a temporary file renamed over `target`
    (readable by its owner only, unless `mode` says otherwise)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f"{target.name}.{_writer()}.", suffix=TEMPORARY_SUFFIX
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _remove_interrupted_temporaries(target)


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname()) or "host"


def _writer() -> str:
    return f"{_host()}-{os.getpid()}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process nobody has reaped yet is as dead as it gets
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _remove_interrupted_temporaries(target: Path) -> None:
    """Remove the temporaries of `target` whose writer was killed mid-write (a worker's pool
    process killed for memory, say): a process of this machine that no longer runs. Those of a
    live process (another render of the same file, in a test run beside this one) or of another
    machine are left alone; the hourly cleanup takes the latter once they are old.
    """
    prefix = f"{target.name}."
    host = _host()
    for leftover in target.parent.glob(f"{glob.escape(prefix)}*{TEMPORARY_SUFFIX}"):
        writer = leftover.name[len(prefix) :].split(".", 1)[0]
        writer_host, _dash, pid = writer.rpartition("-")
        if writer_host == host and pid.isdigit() and not _process_alive(int(pid)):
            leftover.unlink(missing_ok=True)


class HashedStaticStorage(CompressedManifestStaticFilesStorage):
    """Static files under names that carry a hash of their content, even with DEBUG on.

    Django keeps plain names under DEBUG; `make run` then sent every asset again on each visit.
    With hashed names WhiteNoise marks them immutable (cached for a year), and a changed file
    gets a new name. `collectstatic` (which `make run` calls) writes the names' manifest.
    """

    def url(self, name, force=False):
        return super().url(name, force=True)
