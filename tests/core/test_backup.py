"""An operator backs the portal up and restores it on a new machine: the same recommendations,
updates and files (same bytes) come back; a damaged or tampered archive is refused and changes
nothing. Runs on SQLite, and on PostgreSQL when DATABASE_URL points there (as in CI)."""

import io
import tarfile
import uuid
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connections
from django.db.models import FileField
from django.db.utils import load_backend
from pypdf import PdfWriter

from best_practices.models import PracticeImage
from best_practices.services import practice_save
from gtr_portal.core.storage import PrivateStorage
from recommendations import services
from recommendations.models import Evidence, ProgressUpdate, Recommendation
from tests.best_practices.conftest import png, practice_data


@pytest.fixture
def machine(settings, monkeypatch, tmp_path):
    """`machine("old")`: the portal's folders (public and private media, backups) on one
    machine, under tmp_path; the storage of every private file field follows."""

    def move_to(name: str) -> Path:
        root = tmp_path / name
        settings.MEDIA_ROOT = root / "media"
        settings.PRIVATE_MEDIA_ROOT = root / "private-media"
        settings.BACKUP_DIR = root / "backups"
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if isinstance(field, FileField) and isinstance(field.storage, PrivateStorage):
                    storage = PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)
                    monkeypatch.setattr(field, "storage", storage)
        return root

    return move_to


def one_page_pdf(name: str) -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": name})
    content = io.BytesIO()
    writer.write(content)
    return SimpleUploadedFile(name, content.getvalue(), content_type="application/pdf")


def _on_the_server(settings_dict: dict, statement: str) -> None:
    with psycopg.connect(
        dbname="postgres",
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        autocommit=True,
    ) as server:
        server.execute(statement)


@pytest.fixture
def empty_database(transactional_db, tmp_path):
    """The new machine's database, empty, as the alias "restored": a fresh SQLite file, or a
    PostgreSQL database created for the test and dropped after it."""
    default = connections["default"].settings_dict
    postgres = connections["default"].vendor == "postgresql"
    name = f"gtr_restore_{uuid.uuid4().hex[:8]}" if postgres else str(tmp_path / "new.sqlite3")
    if postgres:
        _on_the_server(default, f'CREATE DATABASE "{name}"')
    # A connection made here rather than declared in settings: Django lets a test use it.
    restored = load_backend(default["ENGINE"]).DatabaseWrapper(
        {**default, "NAME": name}, "restored"
    )
    connections["restored"] = restored
    yield "restored"
    restored.close()
    del connections["restored"]
    if postgres:
        _on_the_server(default, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def portal(reference_data, machine, interconnection, fp_senegal, secretariat, senegal, settings):
    """A portal in use on the old machine: an accepted and a pending progress update with their
    evidence (private media), a best practice with its image, a file in the public media."""
    machine("old")
    for narrative, name, accept in [
        ("Lien SIGMAT ouvert entre Dakar et Bamako.", "rapport-mars.pdf", True),
        ("Essais de charge en cours.", "essais.pdf", False),
    ]:
        update = services.update_submit(
            recommendation=interconnection,
            user=fp_senegal,
            as_of=date(2026, 3, 1),
            narrative=narrative,
            progress=60,
            proposed_status="in_progress",
            files=[one_page_pdf(name)],
        )
        if accept:
            services.update_accept(update=update, reviewer=secretariat)
    practice_save(user=fp_senegal, administration=senegal, data=practice_data(), images=[png()])
    public = settings.MEDIA_ROOT / "pages" / "bandeau.png"
    public.parent.mkdir(parents=True)
    public.write_bytes(png("bandeau.png").read())


def content(file) -> bytes:
    with file.open("rb"):
        return file.read()


def what_the_portal_holds(using: str) -> dict:
    return {
        "recommendations": sorted(
            Recommendation.objects.using(using).values_list("reference", "status", "progress")
        ),
        "updates": sorted(
            ProgressUpdate.objects.using(using).values_list(
                "recommendation__reference", "narrative", "state", "progress"
            )
        ),
        "evidence": sorted(
            (evidence.original_name, content(evidence.file))
            for evidence in Evidence.objects.using(using)
        ),
        "images": sorted(
            (image.practice.slug, content(image.image))
            for image in PracticeImage.objects.using(using).select_related("practice")
        ),
    }


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def back_up() -> Path:
    """`manage.py backup`, as a script calls it: the last line printed is the archive's path."""
    out = io.StringIO()
    call_command("backup", stdout=out)
    archive = Path(out.getvalue().splitlines()[-1])
    assert archive.is_file()
    return archive


def _tampered(archive: Path) -> bytes:
    """The same archive with one evidence file changed, its manifest left as it was."""
    rewritten = io.BytesIO()
    with (
        tarfile.open(archive, "r:gz") as source,
        tarfile.open(fileobj=rewritten, mode="w:gz") as tar,
    ):
        for member in source:
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name.startswith("private-media/evidence/") and data is not None:
                data += b"forged"
                member.size = len(data)
            tar.addfile(member, io.BytesIO(data) if data is not None else None)
    return rewritten.getvalue()


def _truncated(archive: Path) -> bytes:
    """The archive cut short, as by a full disk or an interrupted copy."""
    return archive.read_bytes()[: archive.stat().st_size * 2 // 3]


# One story rather than several tests: each test of a real database commit costs a flush of
# every table afterwards (seconds on PostgreSQL).
def test_an_operator_restores_a_backup_on_a_new_machine_where_a_damaged_copy_changes_nothing(
    portal, machine, empty_database, settings, tmp_path
):
    before = what_the_portal_holds("default")
    assert len(before["updates"]) == 2 and len(before["evidence"]) == 2 and before["images"]

    archive = back_up()

    assert archive.parent == settings.BACKUP_DIR and archive.name.endswith(".tar.gz")
    assert archive.stat().st_mode & 0o077 == 0  # private data: readable by its owner only

    # The new machine: an empty database, and a file left in its private media by a trial.
    new = machine("new")
    leftover = new / "private-media" / "trial.txt"
    leftover.parent.mkdir(parents=True)
    leftover.write_text("left by a trial")

    # A tampered or truncated copy is refused, even with --force, and changes nothing.
    for damage, message in [
        (_tampered, "(?s)does not match its manifest.*checksum or size differs: private-media/"),
        (_truncated, "is damaged or incomplete"),
    ]:
        damaged = tmp_path / f"{damage.__name__}.tar.gz"
        damaged.write_bytes(damage(archive))
        with pytest.raises(CommandError, match=message):
            call_command("restore", str(damaged), database=empty_database, force=True)
        assert connections[empty_database].introspection.table_names() == []
        assert files_under(new) == {"private-media/trial.txt": b"left by a trial"}

    # The intact archive: refused while the folder holds files, restored with --force.
    with pytest.raises(CommandError, match=r"Refusing to restore: .*private-media holds files"):
        call_command("restore", str(archive), database=empty_database)
    out = io.StringIO()
    call_command("restore", str(archive), database=empty_database, force=True, stdout=out)

    assert "Restored the backup of" in out.getvalue()
    assert what_the_portal_holds(empty_database) == before
    for folder in ("media", "private-media"):
        assert files_under(new / folder) == files_under(tmp_path / "old" / folder)

    # Restoring over a database that holds data needs --force again, which replaces it.
    with pytest.raises(CommandError, match=r"Refusing to restore: the database holds \d+ tables"):
        call_command("restore", str(archive), database=empty_database)
    call_command("restore", str(archive), database=empty_database, force=True, stdout=out)
    assert what_the_portal_holds(empty_database) == before
