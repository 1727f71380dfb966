"""manage.py restore FILE — put a backup back into the configured database and MEDIA_ROOT
(or `--database-url` / `--media-root`), then check it against the backup's manifest.

Stop the app servers, workers and scheduler first. Restore replaces the target: it refuses a
non-empty database or media directory unless `--yes`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mpp.operations.backup import (
    BackupError,
    Target,
    current_target,
    open_backup,
    restore_backup,
    verify_restore,
)


class Command(BaseCommand):
    help = "Restore a backup file (database and documents) and verify it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="Replace a non-empty target.")
        parser.add_argument("--database-url", help="Restore into this database instead.")
        parser.add_argument("--media-root", type=Path, help="Restore documents here instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        target = current_target()
        if options["database_url"]:
            target.database = dict(dj_database_url.parse(options["database_url"]))
        if options["media_root"]:
            target = Target(database=target.database, media_root=options["media_root"])
        with tempfile.TemporaryDirectory(prefix="mpp-restore-") as tmp:
            try:
                opened = open_backup(options["file"], Path(tmp))
                restore_backup(opened, target, replace=options["yes"])
                verification = verify_restore(opened, target)
            except BackupError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restored {options['file']} (made {opened.manifest['created_at']}) into "
            f"{target.database['NAME']} and {target.media_root}"
        )
        self.stdout.write(verification.summary())
        if not verification.ok:
            raise CommandError("The restored data does not match the backup (see above).")
        self.stdout.write("verified: row counts, audit chain heads and documents match.")
