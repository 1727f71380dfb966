"""Publish the head of every audit chain (one per mall): the day's row of the checkpoint table
(shown on /jejak-audit/ and in the open-data feed /api/v1/audit/checkpoints) and a line in
AUDIT_CHECKPOINT_FILE outside the database. Hourly in the job table (mpp/operations/schedule.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from mpp.audit.domain import publish_checkpoints


class Command(BaseCommand):
    help = "Record the current head of every audit chain as today's checkpoint."

    def handle(self, *args: Any, **options: Any) -> None:
        for checkpoint in publish_checkpoints():
            self.stdout.write(
                f"{checkpoint.day} {checkpoint.chain} #{checkpoint.seq} {checkpoint.entry_hash}"
            )
        if not settings.AUDIT_CHECKPOINT_FILE:
            self.stdout.write(
                "AUDIT_CHECKPOINT_FILE is not set: nothing written outside the database."
            )
