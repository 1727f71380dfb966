"""Deliver notifications whose task was lost or whose retry is due. Run it from cron every
few minutes next to `manage.py db_worker`, or alone where no worker runs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mpp.notifications.domain import send_due_notifications


class Command(BaseCommand):
    help = "Send notifications that are due (lost tasks, retries, stale claims)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args: Any, limit: int, **options: Any) -> None:
        counts = send_due_notifications(limit=limit)
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "nothing due"
        self.stdout.write(summary)
