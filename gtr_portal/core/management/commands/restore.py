"""Restore an archive written by `backup`: every file is checked against the manifest first, and
a database or media folder that holds anything is replaced only with --force.

Stop the portal (web, worker, beat) before restoring."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from gtr_portal.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore the database, MEDIA_ROOT and PRIVATE_MEDIA_ROOT from a backup archive. "
        "Stop the portal (web, worker, beat) first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database or media folders that already hold data (and accept a "
            "backup from a newer portal version).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive: Path, force: bool, database: str, **options):
        try:
            manifest = backup_restore(
                archive=archive, database=database, force=force, log=self.stdout.write
            )
        except (BackupError, OSError) as error:  # OSError: a folder not writable, a full disk
            raise CommandError(str(error)) from None
        portal = manifest["portal"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']} (portal {portal['version']}, "
                f"commit {portal['git_commit'] or 'unknown'})."
            )
        )
