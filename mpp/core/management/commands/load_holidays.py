"""Load Indonesia's national holidays and collective leave into the working-day calendar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from mpp.core.calendar import load_national_calendar


class Command(BaseCommand):
    help = "Load national holidays and collective leave (from the holidays package)."

    def add_arguments(self, parser: CommandParser) -> None:
        this_year = timezone.localdate().year
        parser.add_argument("--from-year", type=int, default=this_year - 1)
        parser.add_argument("--to-year", type=int, default=this_year + 1)

    def handle(self, *args: Any, **options: Any) -> None:
        years = list(range(options["from_year"], options["to_year"] + 1))
        added = load_national_calendar(years)
        self.stdout.write(f"Added {added} calendar day(s) for {years[0]}–{years[-1]}.")
