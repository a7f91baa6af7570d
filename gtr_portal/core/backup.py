"""Back the portal up into one archive, and restore it: the database, the public and the private
media, and a manifest that lists every file of the archive with its SHA-256.

An archive is a tar.gz holding `manifest.json`, `database/portal.dump` (PostgreSQL, custom format)
or `database/portal.sqlite3`, and the folders `media/` and `private-media/`. A restore checks every
file against the manifest before it touches anything. The messages are for the operator (English).

Files kept in object storage (a bucket: docs/scaling.md) are not in the archive: the archive
says so, and so does the backup's output. The bucket needs its own versioning or backup.
"""

import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .storage import is_local, private_storage, storage_description

FORMAT = "gtr-portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# Archive folder -> the setting that names it on this machine.
FOLDERS = {"media": "MEDIA_ROOT", "private-media": "PRIVATE_MEDIA_ROOT"}
# Archive folder -> the storage whose files it holds when that storage is a folder.
FOLDER_STORAGES = {"media": lambda: default_storage, "private-media": private_storage}
DATABASE_FILES = {"postgresql": "database/portal.dump", "sqlite": "database/portal.sqlite3"}
CHUNK = 1024 * 1024

Log = Callable[[str], None]


class BackupError(Exception):
    """The backup or the restore cannot go on; the message tells the operator why."""


def _quiet(message: str) -> None:
    pass


# --- Backup ---------------------------------------------------------------------------------


def backup_create(
    *, output_dir: Path | None = None, database: str = DEFAULT_DB_ALIAS, log: Log = _quiet
) -> Path:
    """Write a new archive into `output_dir` (BACKUP_DIR by default) and return its path.

    The database is copied first: uploads are written before their row commits, so the media
    copied afterwards hold every file that a row of the copy names, even while the portal runs.
    """
    connection = connections[database]
    engine = _engine(connection)
    output_dir = Path(output_dir or settings.BACKUP_DIR)
    # Archives hold private files and password hashes: readable by their owner only.
    output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    now = timezone.now()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": now.isoformat(timespec="seconds"),
        "portal": {"version": _portal_version(), "git_commit": _git_commit()},
        "database": {"engine": engine, "file": DATABASE_FILES[engine]},
        "migrations": _applied_migrations(connection),
        "folders": {},
        "files": {},
    }
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=output_dir) as work:
        dump = Path(work) / "database"
        if engine == "postgresql":
            manifest["database"]["server_version"] = connection.pg_version
            _pg_dump(connection.settings_dict, dump)
        else:
            _sqlite_copy(connection, dump)
        log(f"Database ({engine}) copied.")
        target = _free_name(output_dir, f"gtr-backup-{now:%Y-%m-%d-%H%M%S}")
        partial = target.with_name(f".{target.name}.partial")
        try:
            _write_archive(partial, dump, manifest, log)
            os.replace(partial, target)  # only a complete archive ever carries the final name
        finally:
            partial.unlink(missing_ok=True)
    return target


def _write_archive(path: Path, dump: Path, manifest: dict, log: Log) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as raw:
        with tarfile.open(fileobj=raw, mode="w:gz") as tar:
            _add(tar, dump, manifest["database"]["file"], manifest["files"])
            for folder, setting in FOLDERS.items():
                if bucket := _in_object_storage(folder):
                    manifest["folders"][folder] = {"setting": setting, "object_storage": bucket}
                    log(
                        f"{setting}: these files live in object storage ({bucket}) and are NOT "
                        "in this archive. Back the bucket up on its own (versioning, replication)."
                    )
                    continue
                root = Path(getattr(settings, setting))
                summary = _add_folder(tar, root, folder, manifest["files"], setting=setting)
                manifest["folders"][folder] = summary
                log(f"{setting} ({root}): {summary['files']} files, {summary['bytes']} bytes.")
            # Last, once every checksum is known.
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
        raw.flush()
        os.fsync(raw.fileno())


def _in_object_storage(folder: str) -> str | None:
    """Where the files of `folder` live when that is not a folder of this machine."""
    storage = FOLDER_STORAGES[folder]()
    return None if is_local(storage) else storage_description(storage)


def _engine(connection) -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            f"Backups support PostgreSQL and SQLite; this database is {connection.vendor}."
        )
    return connection.vendor


def _free_name(folder: Path, stem: str) -> Path:
    candidate, number = folder / f"{stem}.tar.gz", 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}.tar.gz"
    return candidate


def _portal_version() -> str | None:
    try:
        with (settings.BASE_DIR / "pyproject.toml").open("rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None


def _git_commit() -> str | None:
    """The checked-out commit, read from .git without running git; None where there is no .git
    (a Docker image)."""
    git = settings.BASE_DIR / ".git"
    try:
        if git.is_file():  # a worktree: "gitdir: <path>", its refs in the common directory
            git = (settings.BASE_DIR / git.read_text().split(":", 1)[1].strip()).resolve()
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head or None
        ref = head.removeprefix("ref: ")
        common = git / "commondir"
        for base in (git, (git / common.read_text().strip()) if common.is_file() else git):
            if (base / ref).is_file():
                return (base / ref).read_text().strip()
            if (base / "packed-refs").is_file():
                for line in (base / "packed-refs").read_text().splitlines():
                    if line.endswith(f" {ref}"):
                        return line.split(" ", 1)[0]
    except (OSError, IndexError):
        pass
    return None


def _applied_migrations(connection) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _pg_environment(settings_dict: dict) -> dict[str, str]:
    """libpq's variables for the connection: nothing secret ever appears on a command line."""
    environment = dict(os.environ)
    options = settings_dict.get("OPTIONS") or {}
    for variable, value in {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSERVICE": options.get("service"),
        "PGPASSFILE": options.get("passfile"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
    }.items():
        if value:
            environment[variable] = str(value)
    return environment


def _run(command: list[str], settings_dict: dict) -> None:
    try:
        result = subprocess.run(
            command, env=_pg_environment(settings_dict), capture_output=True, text=True
        )
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} was not found: install the PostgreSQL client tools of the server's "
            "major version (Debian: postgresql-client-15)."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _pg_dump(settings_dict: dict, target: Path) -> None:
    _run(["pg_dump", "--format=custom", f"--file={target}"], settings_dict)


def _sqlite_copy(connection, target: Path) -> None:
    """VACUUM INTO writes a consistent copy while other processes keep writing."""
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("A SQLite backup cannot run inside a transaction.")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(target)])


class _HashingReader:
    """Hands a file to tarfile while hashing exactly the bytes that go into the archive."""

    def __init__(self, file):
        self.file, self.sha256, self.size = file, hashlib.sha256(), 0

    def read(self, size=-1) -> bytes:
        data = self.file.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _add(tar: tarfile.TarFile, path: Path, name: str, files: dict) -> int:
    with path.open("rb") as file:
        info = tar.gettarinfo(arcname=name, fileobj=file)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(file)
        tar.addfile(info, reader)
    files[name] = {"sha256": reader.sha256.hexdigest(), "size": reader.size}
    return reader.size


def _add_folder(
    tar: tarfile.TarFile, root: Path, folder: str, files: dict, *, setting: str
) -> dict:
    summary = {"setting": setting, "existed": root.is_dir(), "files": 0, "bytes": 0}
    for directory, subfolders, names in os.walk(root):  # a missing folder: nothing, recorded
        subfolders.sort()
        for name in sorted(names):
            path = Path(directory) / name
            if path.is_symlink() or not path.is_file():
                continue  # uploads are regular files; a link could point anywhere
            relative = path.relative_to(root).as_posix()
            summary["bytes"] += _add(tar, path, f"{folder}/{relative}", files)
            summary["files"] += 1
    return summary


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


# --- Restore --------------------------------------------------------------------------------


def backup_restore(
    *, archive: Path, database: str = DEFAULT_DB_ALIAS, force: bool = False, log: Log = _quiet
) -> dict:
    """Put the portal back as the archive holds it and return the archive's manifest.

    Nothing is touched before every file of the archive matches the manifest, and a database or
    a media folder that holds anything is replaced only with `force`.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"There is no archive at {archive}.")
    connection = connections[database]
    engine = _engine(connection)
    if engine == "sqlite" and connection.is_in_memory_db():
        raise BackupError("The database is in memory: there is no file to restore into.")
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=_work_parent()) as work:
        work = Path(work)
        manifest = _unpack_verified(archive, work)
        log(f"{archive}: {len(manifest['files'])} files match the manifest.")
        if manifest["database"]["engine"] != engine:
            raise BackupError(
                f"The archive holds a {manifest['database']['engine']} database and this portal "
                f"uses {engine}: restore it into a portal configured like the one it comes from."
            )
        _refuse_newer_migrations(manifest, force=force)
        tables, busy_folders = _database_tables(connection), _folders_with_files()
        if (tables or busy_folders) and not force:
            held = [f"the database holds {len(tables)} tables"] if tables else []
            held += [f"{root} holds files" for root in busy_folders]
            raise BackupError(
                f"Refusing to restore: {' and '.join(held)}. A restore replaces all of it; "
                "run again with --force to do so (back it up first). Nothing was changed."
            )
        if engine == "postgresql":
            _pg_restore(connection, work / manifest["database"]["file"], drop=bool(tables))
        else:
            _sqlite_restore(connection, work / manifest["database"]["file"])
        log(f"Database ({engine}) restored from the backup of {manifest['created_at']}.")
        for folder, setting in FOLDERS.items():
            if bucket := _in_object_storage(folder):
                log(
                    f"{setting}: this portal keeps these files in object storage ({bucket}); "
                    "nothing was restored there. Restore the bucket from its own versioning "
                    "or backup."
                )
                continue
            count = _restore_folder(work / folder, Path(getattr(settings, setting)))
            log(f"{setting} ({getattr(settings, setting)}): {count} files restored.")
    ContentType.objects.clear_cache()
    pending = _pending_migrations(connection)
    if pending:
        log(
            f"This portal's code has {pending} migrations that the restored database lacks: "
            "run `python manage.py migrate`."
        )
    return manifest


def _work_parent() -> Path | None:
    """Unpack beside the backups (the portal's disk, private); else in the system's
    temporary folder (TMPDIR), as where BACKUP_DIR is read-only."""
    try:
        Path(settings.BACKUP_DIR).mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return Path(settings.BACKUP_DIR) if os.access(settings.BACKUP_DIR, os.W_OK) else None


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    allowed = path.parts and (path.parts[0] in (*FOLDERS, "database") or name == MANIFEST)
    if path.is_absolute() or ".." in path.parts or not allowed:
        raise BackupError(
            f"The archive holds an unexpected entry {name!r}: refused, nothing changed."
        )
    return path.as_posix()


def _unpack_verified(archive: Path, work: Path) -> dict:
    """Unpack into `work`, hashing as it goes; refuse anything that is not in the manifest
    exactly (missing, added, changed or truncated files)."""
    found: dict[str, dict] = {}
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                name = _safe_name(member.name)
                if member.isdir():
                    continue
                if not member.isfile() or name in found:
                    raise BackupError(f"The archive's entry {name!r} is not a plain file: refused.")
                target = work / name
                target.parent.mkdir(parents=True, exist_ok=True)
                sha256, size = hashlib.sha256(), 0
                with tar.extractfile(member) as source, target.open("wb") as copy:
                    while chunk := source.read(CHUNK):
                        sha256.update(chunk)
                        size += len(chunk)
                        copy.write(chunk)
                found[name] = {"sha256": sha256.hexdigest(), "size": size}
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(
            f"{archive} is damaged or incomplete ({error}); nothing was restored."
        ) from None
    if found.pop(MANIFEST, None) is None:
        raise BackupError(f"{archive} has no {MANIFEST}: it is not a portal backup.")
    try:
        manifest = json.loads((work / MANIFEST).read_text())
        expected = manifest["files"]
        readable = manifest["format"] == FORMAT and manifest["database"]["file"] in expected
    except (ValueError, KeyError, TypeError):
        readable = False
    if not readable:
        raise BackupError(f"{archive} has an unreadable {MANIFEST}: refused.")
    problems = [f"missing: {name}" for name in sorted(set(expected) - set(found))]
    problems += [f"not in the manifest: {name}" for name in sorted(set(found) - set(expected))]
    problems += [
        f"checksum or size differs: {name}"
        for name in sorted(set(found) & set(expected))
        if found[name] != {"sha256": expected[name]["sha256"], "size": expected[name]["size"]}
    ]
    if problems:
        shown = "\n  ".join(problems[:10]) + ("\n  …" if len(problems) > 10 else "")
        raise BackupError(
            f"{archive} does not match its manifest (tampered with or damaged); nothing was "
            f"restored:\n  {shown}"
        )
    return manifest


def _refuse_newer_migrations(manifest: dict, *, force: bool) -> None:
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown and not force:
        raise BackupError(
            "The backup comes from a newer portal (version "
            f"{manifest['portal'].get('version')}, commit {manifest['portal'].get('git_commit')}): "
            f"this code lacks {', '.join(unknown[:5])}{'…' if len(unknown) > 5 else ''}. "
            "Install that version first, or run again with --force. Nothing was changed."
        )


def _database_tables(connection) -> list[str]:
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).is_file():
        return []  # not even created: connecting would fail where its folder is missing too
    try:
        return connection.introspection.table_names()
    finally:
        connection.close()


def _folders_with_files() -> list[Path]:
    roots = [
        Path(getattr(settings, setting))
        for folder, setting in FOLDERS.items()
        if not _in_object_storage(folder)
    ]
    return [root for root in roots if any(names for _path, _dirs, names in os.walk(root))]


def _pg_restore(connection, dump: Path, *, drop: bool) -> None:
    if drop:
        _pg_drop_everything(connection)
    connection.close()
    # One transaction: a restore that fails leaves the database as it was just before.
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict.get('NAME') or ''}",
            str(dump),
        ],
        connection.settings_dict,
    )


# What a schema may hold, in an order in which each DROP ... CASCADE finds what it names (a
# table takes its identity sequences and triggers with it); objects of extensions are left alone.
_PG_OBJECTS = """
SELECT 1, CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
       WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.oid::regclass::text
  FROM pg_class c
 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
UNION ALL
SELECT 2, 'SEQUENCE', c.oid::regclass::text FROM pg_class c
 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'S'
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
UNION ALL
SELECT 3, CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
       p.oid::regprocedure::text
  FROM pg_proc p
 WHERE p.pronamespace = current_schema()::regnamespace
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 4, 'TYPE', t.oid::regtype::text FROM pg_type t
 WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype IN ('e', 'd', 'r')
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1
"""


def _pg_drop_everything(connection) -> None:
    """Empty the schema, so that nothing of a newer migration (a table, a trigger's function)
    stays beside what the archive restores."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(_PG_OBJECTS)
        for _order, kind, name in cursor.fetchall():
            # IF EXISTS: the CASCADE of an earlier statement may have dropped it already.
            cursor.execute(f"DROP {kind} IF EXISTS {name} CASCADE")


def _sqlite_restore(connection, copy: Path) -> None:
    """Copy next to the database, then swap in one rename; the old journal files go, or SQLite
    would replay them into the restored file."""
    connection.close()
    path = Path(connection.settings_dict["NAME"])
    path.parent.mkdir(parents=True, exist_ok=True)
    incoming = path.with_name(f".{path.name}.restoring")
    shutil.copyfile(copy, incoming)
    if path.exists():
        shutil.copymode(path, incoming)  # the replaced file's permissions: it holds secrets
    with incoming.open("rb+") as file:
        os.fsync(file.fileno())
    for suffix in ("-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(incoming, path)


def _restore_folder(source: Path, root: Path) -> int:
    """Make `root` hold exactly the archive's files (the folder itself stays: it may be a
    mounted volume)."""
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    count = 0
    for directory, _subfolders, names in os.walk(source):
        for name in names:
            relative = (Path(directory) / name).relative_to(source)
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(Path(directory) / name, root / relative)
            os.chmod(root / relative, settings.FILE_UPLOAD_PERMISSIONS or 0o640)
            count += 1
    return count


def _pending_migrations(connection) -> int:
    try:
        executor = MigrationExecutor(connection)
        return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    finally:
        connection.close()
