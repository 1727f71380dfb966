"""manage.py restore_drill — prove the latest backup restores: restore it into a scratch
database and a scratch directory, compare row counts, audit chain heads and documents with
its manifest, recompute the audit chains, then drop the scratch copies. Exit status 1 when
anything differs. With no backup yet (or `--fresh`), one is made first.

The scratch database is `<database>_restore_drill` on the same PostgreSQL server (the
database user needs CREATEDB), or a temporary file for SQLite.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mpp.operations.backup import (
    BackupError,
    create_backup,
    list_backups,
    open_backup,
    verify_restore,
)
from mpp.operations.drill import scratch_target


class Command(BaseCommand):
    help = "Restore the latest backup into a scratch database and verify it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--backup", type=Path, help="This backup file, not the latest.")
        parser.add_argument("--fresh", action="store_true", help="Make a new backup first.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            path = options["backup"]
            if path is None:
                backups = list_backups()
                if options["fresh"] or not backups:
                    path = create_backup().path
                    self.stdout.write(f"made {path.name}")
                else:
                    path = backups[-1]
            with tempfile.TemporaryDirectory(prefix="mpp-drill-") as tmp:
                opened = open_backup(path, Path(tmp))
                with scratch_target(opened, Path(tmp)) as target:
                    verification = verify_restore(opened, target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        tables = len(opened.manifest["row_counts"])
        rows = sum(opened.manifest["row_counts"].values())
        self.stdout.write(
            f"restored {path.name} (made {opened.manifest['created_at']}) into a scratch "
            f"database in {time.monotonic() - started:.1f} s: {tables} tables, {rows} rows, "
            f"{len(opened.manifest['media'])} documents"
        )
        self.stdout.write(verification.summary())
        if not verification.ok:
            raise CommandError("RESTORE DRILL FAILED: the restore does not match the backup.")
        self.stdout.write("restore drill passed")
