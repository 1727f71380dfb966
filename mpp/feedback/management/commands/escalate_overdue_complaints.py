"""Escalate complaints whose deadline passed and close answered complaints whose reporter
stayed silent. Run it from a scheduler (cron, systemd timer) every hour or so; it is
idempotent: each missed deadline is escalated once, each complaint closed once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mpp.feedback.domain import auto_close_quiet_complaints, escalate_overdue_complaints


class Command(BaseCommand):
    help = "Escalate overdue complaints to the mall manager and auto-close quiet ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-auto-close",
            action="store_true",
            help="Only escalate; leave answered complaints open.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        escalated = escalate_overdue_complaints()
        closed = [] if options["no_auto_close"] else auto_close_quiet_complaints()
        self.stdout.write(
            f"escalated {len(escalated)}: {' '.join(c.code for c in escalated) or '-'}; "
            f"auto-closed {len(closed)}: {' '.join(c.code for c in closed) or '-'}"
        )
