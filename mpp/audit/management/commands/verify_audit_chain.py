"""Verify every audit chain (one per mall, plus "global") or one, and name the first broken
event. Exit status 1 on failure, so it can run nightly from the scheduler and alert.

Besides the checkpoints in the database, the chain is checked against the checkpoint file
(AUDIT_CHECKPOINT_FILE) and any `--checkpoints FILE` given: a copy of that file or of the
open-data feed (`/api/v1/audit/checkpoints`) kept outside the installation."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mpp.audit.domain import Checkpoints, merge_checkpoints, read_checkpoint_file, verify_all


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; report the first broken event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chain", help="Only this chain (e.g. mall:1).")
        parser.add_argument("--mall", type=int, help="Only this mall's chain (its id).")
        parser.add_argument(
            "--checkpoints",
            action="append",
            default=[],
            metavar="FILE",
            help="Also check against checkpoints kept elsewhere (the JSON-lines file or a "
            "saved /api/v1/audit/checkpoints answer). May be given more than once.",
        )

        parser.add_argument(
            "--restored",
            action="store_true",
            help="The database is a restored backup: checkpoints published after it may lie "
            "beyond the chains' ends (restore drill); those within them still count.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        extra: dict[str, Checkpoints] = {}
        for path in options["checkpoints"]:
            try:
                extra = merge_checkpoints(extra, read_checkpoint_file(path))
            except OSError as exc:
                raise CommandError(f"cannot read {path}: {exc}") from exc
        chain = options.get("chain") or (
            f"mall:{options['mall']}" if options.get("mall") is not None else None
        )
        reports = verify_all(
            extra=extra, chains=[chain] if chain else None, restored=options["restored"]
        )
        failed = False
        for report in reports:
            if report.ok:
                self.stdout.write(
                    f"OK      {report.chain}: {report.checked} events, head #{report.head_seq} "
                    f"{report.head_hash[:16]}"
                )
            else:
                failed = True
                self.stdout.write(
                    f"BROKEN  {report.chain}: first broken event #{report.first_broken_seq} "
                    f"({report.reason}); {report.checked} events verified before it"
                )
        if not reports:
            self.stdout.write("No audit events yet.")
        if failed:
            raise SystemExit(1)
