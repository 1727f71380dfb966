"""manage.py release_no_shows — free the seats of bookings whose check-in window has closed.
Run every few minutes from cron or a task scheduler; walk-in issuing also does it on demand."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mpp.core.models import Mall
from mpp.queueing.domain import release_no_shows


class Command(BaseCommand):
    help = "Mark bookings that were not checked in in time as no-shows and free their seats."

    def handle(self, *args: Any, **options: Any) -> None:
        total = sum(release_no_shows(mall=mall) for mall in Mall.objects.filter(is_active=True))
        self.stdout.write(f"{total} booking(s) released.")
