"""Recompute the transparency rollups of the last N days (default 2: yesterday and today) for
every active mall. Safe to repeat: each day's rows are replaced, never added to. Run it from
cron (e.g. every 15 minutes, and once after midnight)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mpp.core.clock import mall_zone
from mpp.core.models import Mall
from mpp.transparency.domain import refresh_daily_stats


class Command(BaseCommand):
    help = "Recompute the daily statistics of the public transparency dashboard."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=2, help="How many days back (>= 1).")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        total = 0
        for mall in Mall.objects.filter(is_active=True).order_by("pk"):
            today = timezone.now().astimezone(mall_zone(mall)).date()
            for back in range(days):
                total += refresh_daily_stats(mall=mall, day=today - timedelta(days=back))
        self.stdout.write(f"{total} rows refreshed.")
