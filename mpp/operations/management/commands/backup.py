"""manage.py backup — one backup file of the database and the documents (see
mpp/operations/backup.py and docs/operations.md, "Backups"); old ones beyond BACKUP_KEEP are
deleted afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mpp.operations.backup import BackupError, create_backup, prune_backups


class Command(BaseCommand):
    help = "Back up the database and the encrypted documents into one file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, help="Where to write (default BACKUP_DIR).")
        parser.add_argument(
            "--no-prune", action="store_true", help="Keep every older backup this time."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = create_backup(directory=options["dir"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"{result.path} ({result.size / 1_048_576:.1f} MiB, {manifest['engine']}, "
            f"{rows} rows, {len(manifest['media'])} documents, "
            f"{'encrypted' if manifest['encrypted'] else 'NOT encrypted'})"
        )
        for chain, head in sorted(manifest["audit_heads"].items()):
            self.stdout.write(f"audit {chain} #{head['seq']} {head['hash'][:16]}")
        if not options["no_prune"]:
            for path in prune_backups(directory=options["dir"]):
                self.stdout.write(f"deleted old backup {path.name}")
