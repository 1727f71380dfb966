"""Recreate the service search index from the catalogue."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from mpp.catalog.search.indexing import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the service search index and its typo vocabulary from the catalogue. "
        "Needed after restoring a database or changing the search lexicon; ordinary "
        "catalogue edits keep the index up to date by themselves."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        indexed = rebuild_index()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {indexed} services in {elapsed:.1f} s."),
        )
