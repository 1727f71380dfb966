"""A tiny process-local cache with a time to live, for hot paths that must not pay a query or
a Redis round trip for values that may be a few seconds old (handling times, which counters
serve what, the mall of a host name, search results). Each process has its own; `clear()`
empties it (tests, and signal receivers when what it keeps has changed).

`get_or_compute` also keeps the server's threads from computing the same value at once
(issue 15: when a kept search expired, or on the first request after a start, every thread
asking for it ran the same search, each slowed by the others, several times the cost of
one): the first thread computes, the others asking for a missing value wait for its result,
and while an expired value is being recomputed the others get the expired one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

#: How long a thread waits for another thread's computation of the same value before it
#: computes the value itself.
FOLLOW_SECONDS = 10.0


class _Flight:
    """One computation of one key, and what its followers need to know about it."""

    __slots__ = ("done", "generation", "ok", "owner", "value")

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.owner = threading.get_ident()
        self.done = threading.Event()
        self.ok = False
        self.value: Any = None


class TTLCache:
    def __init__(self, seconds: float, *, max_entries: int = 10_000) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self.data: dict[object, tuple[float, Any]] = {}
        #: Bumped by `clear()`: a value computed from data read before a clear is not kept.
        self.generation = 0
        self._lock = threading.Lock()
        self._flights: dict[object, _Flight] = {}

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
        with self._lock:
            self.data.clear()
            self.generation += 1

    def get_or_compute(self, key: object, compute: Callable[[], T]) -> T:
        """The kept value of `key`, computed by `compute()` when missing or expired; one
        thread at a time computes a key (see the module docstring). A value computed while
        `clear()` ran is returned to its caller but not kept."""
        hit = self.data.get(key)
        if hit is not None and hit[0] >= time.monotonic():
            return hit[1]
        with self._lock:
            flight = self._flights.get(key)
            leader = flight is None or flight.generation != self.generation
            if leader:
                flight = self._flights[key] = _Flight(self.generation)
        assert flight is not None
        if not leader:
            if hit is not None:
                return hit[1]  # expired: another thread renews it
            if (
                flight.owner != threading.get_ident()
                and flight.done.wait(FOLLOW_SECONDS)
                and flight.ok
                and flight.generation == self.generation
            ):
                return flight.value
            return compute()  # it failed, took too long, or the cache was cleared meanwhile
        try:
            value = compute()
            flight.value = value
            flight.ok = True
            with self._lock:
                if flight.generation == self.generation:
                    if len(self.data) > self.max_entries:
                        self.data.clear()
                    self.data[key] = (time.monotonic() + self.seconds, value)
            return value
        finally:
            with self._lock:
                if self._flights.get(key) is flight:
                    del self._flights[key]
            flight.done.set()
