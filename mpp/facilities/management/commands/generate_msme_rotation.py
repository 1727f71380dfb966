from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from mpp.core.models import Mall
from mpp.facilities.domain import FacilityError
from mpp.facilities.msme import generate_rotation


class Command(BaseCommand):
    help = "Assign the mall's MSME booths to approved MSMEs, longest-waiting first."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--mall", required=True)
        parser.add_argument("--start", required=True, type=date.fromisoformat)
        parser.add_argument("--end", required=True, type=date.fromisoformat)
        parser.add_argument("--period-days", type=int, default=14)

    def handle(self, *args: Any, **o: Any) -> None:
        mall = Mall.objects.filter(slug=o["mall"]).first()
        if mall is None:
            raise CommandError(f"no mall {o['mall']!r}")
        try:
            made = generate_rotation(
                mall=mall, start=o["start"], end=o["end"], period_days=o["period_days"]
            )
        except FacilityError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"created {len(made)} booth periods")
