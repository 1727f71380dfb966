"""A tiny process-local cache with a time to live, for hot paths that must not pay a query or
a Redis round trip for values that may be a few seconds old (handling times, which counters
serve what, the mall of a host name). Each process has its own; `clear()` empties it (tests)."""

from __future__ import annotations

import time
from typing import Any


class TTLCache:
    def __init__(self, seconds: float, *, max_entries: int = 10_000) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self.data: dict[object, tuple[float, Any]] = {}

    def get(self, key: object) -> Any:
        """The value, or None when missing or expired (store False for a cached "nothing")."""
        hit = self.data.get(key)
        if hit is None or hit[0] < time.monotonic():
            return None
        return hit[1]

    def set(self, key: object, value: Any) -> None:
        if len(self.data) > self.max_entries:
            self.data.clear()
        self.data[key] = (time.monotonic() + self.seconds, value)

    def clear(self) -> None:
        self.data.clear()
