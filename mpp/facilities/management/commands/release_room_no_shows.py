from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mpp.facilities.domain import release_no_shows


class Command(BaseCommand):
    help = "Release room bookings not checked in within their grace period (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        n = release_no_shows()
        self.stdout.write(f"released {n}")
