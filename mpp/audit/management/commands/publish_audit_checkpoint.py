"""Publish today's head of every audit chain (the daily digest shown on the public page)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mpp.audit.domain import publish_checkpoints


class Command(BaseCommand):
    help = "Record the current head of every audit chain as today's checkpoint."

    def handle(self, *args: Any, **options: Any) -> None:
        for checkpoint in publish_checkpoints():
            self.stdout.write(
                f"{checkpoint.day} {checkpoint.chain} #{checkpoint.seq} {checkpoint.entry_hash}"
            )
