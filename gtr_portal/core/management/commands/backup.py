"""Back the portal up: the database, the public and the private media, and a manifest with the
SHA-256 of every file, in one tar.gz. The last line printed is the archive's path, for scripts."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from gtr_portal.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write one archive (database, MEDIA_ROOT, PRIVATE_MEDIA_ROOT, manifest) into BACKUP_DIR "
        "and print its path as the last line."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Folder to write the archive into (default: BACKUP_DIR)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output: Path | None, database: str, **options):
        try:
            archive = backup_create(output_dir=output, database=database, log=self.stdout.write)
        except (BackupError, OSError) as error:  # OSError: a folder not writable, a full disk
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS("Backup complete; it holds private data: keep it safe.")
        )
        self.stdout.write(str(archive))
