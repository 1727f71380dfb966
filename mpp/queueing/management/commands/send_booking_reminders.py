"""Queue booking reminders: the day before (sent outside quiet hours) and one hour before.
Run it from the scheduler every 5–10 minutes; each reminder goes out once per booking and
time (see mpp/queueing/notify.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mpp.queueing.notify import queue_booking_reminders


class Command(BaseCommand):
    help = "Queue the booking reminders that are due (day before, one hour before)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = queue_booking_reminders()
        self.stdout.write(
            f"reminders queued: day before {counts['day']}, hour before {counts['hour']}"
        )
