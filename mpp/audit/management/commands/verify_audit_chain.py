"""Verify every audit chain (or one) and name the first broken event. Exit status 1 on failure,
so it can run nightly from cron and alert."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mpp.audit.domain import all_chains, verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; report the first broken event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chain", help="Only this chain (e.g. mall:1).")

    def handle(self, *args: Any, **options: Any) -> None:
        chains = [options["chain"]] if options.get("chain") else all_chains()
        failed = False
        for chain in chains:
            report = verify_chain(chain)
            if report.ok:
                self.stdout.write(
                    f"OK      {chain}: {report.checked} events, head #{report.head_seq} "
                    f"{report.head_hash[:16]}"
                )
            else:
                failed = True
                self.stdout.write(
                    f"BROKEN  {chain}: first broken event #{report.first_broken_seq} "
                    f"({report.reason}); {report.checked} events verified before it"
                )
        if not chains:
            self.stdout.write("No audit events yet.")
        if failed:
            raise SystemExit(1)
