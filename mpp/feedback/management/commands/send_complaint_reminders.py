"""Remind reporters whose time to respond to an answer runs out (today or tomorrow). Run it
from the scheduler once an hour or a few times a day; each answer gets one reminder."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mpp.feedback.notify import queue_response_requests


class Command(BaseCommand):
    help = "Queue reminders to reporters who have not yet responded to an answer."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"response reminders queued: {queue_response_requests()}")
