"""Helpers of the concurrency tests: run a function in many threads at once, each thread with
its own database connection, and collect what every request answered."""

from __future__ import annotations

import threading
from collections import Counter as Tally
from collections.abc import Callable

from django.db import connections


def hammer(threads: int, work: Callable[[int], list[int]]) -> Tally[int]:
    """Run work(i) in `threads` threads released together; return a tally of status codes.
    Every thread closes its own connections (Django ticket 22420)."""
    barrier = threading.Barrier(threads)
    statuses: list[int] = []
    lock = threading.Lock()
    failures: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            got = work(i)
            with lock:
                statuses.extend(got)
        except BaseException as exc:  # reported to the test below
            with lock:
                failures.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=300)
    if failures:
        raise failures[0]
    return Tally(statuses)
