"""core.caching.TTLCache.get_or_compute: one thread computes a key, the others wait for its
value (or get the expired one while it is renewed); a value computed across a clear() is not
kept. Real threads, synchronised with events (no timing assumptions)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from mpp.core import caching
from mpp.core.caching import TTLCache


def test_threads_asking_for_a_missing_value_share_one_computation():
    cache = TTLCache(60)
    started = threading.Event()
    release = threading.Event()
    calls = []

    def compute() -> str:
        calls.append(threading.get_ident())
        started.set()
        assert release.wait(10)
        return "result"

    with ThreadPoolExecutor(max_workers=6) as pool:
        leader = pool.submit(cache.get_or_compute, "k", compute)
        assert started.wait(10)
        followers = [pool.submit(cache.get_or_compute, "k", compute) for _ in range(5)]
        release.set()
        values = [leader.result(10), *(f.result(10) for f in followers)]

    assert values == ["result"] * 6
    assert len(calls) == 1
    assert cache.get("k") == "result"


def test_an_expired_value_is_served_while_one_thread_renews_it():
    cache = TTLCache(60)
    cache.data["k"] = (0.0, "old")  # expired long ago
    started = threading.Event()
    release = threading.Event()

    def compute() -> str:
        started.set()
        assert release.wait(10)
        return "new"

    with ThreadPoolExecutor(max_workers=2) as pool:
        renewing = pool.submit(cache.get_or_compute, "k", compute)
        assert started.wait(10)
        # Meanwhile another request gets the expired value at once, without computing.
        assert cache.get_or_compute("k", lambda: "must not run") == "old"
        release.set()
        assert renewing.result(10) == "new"
    assert cache.get_or_compute("k", lambda: "must not run") == "new"


def test_a_value_computed_while_the_cache_was_cleared_is_not_kept():
    cache = TTLCache(60)
    value = cache.get_or_compute("k", lambda: (cache.clear(), "stale")[1])
    assert value == "stale"  # its caller still gets it
    assert cache.get("k") is None
    assert cache.get_or_compute("k", lambda: "fresh") == "fresh"
    assert cache.get("k") == "fresh"


def test_a_follower_computes_itself_when_the_leader_fails(monkeypatch):
    cache = TTLCache(60)
    started = threading.Event()
    release = threading.Event()

    def failing() -> str:
        started.set()
        assert release.wait(10)
        raise RuntimeError("database went away")

    with ThreadPoolExecutor(max_workers=2) as pool:
        leader = pool.submit(cache.get_or_compute, "k", failing)
        assert started.wait(10)
        follower = pool.submit(cache.get_or_compute, "k", lambda: "own")
        release.set()
        assert follower.result(10) == "own"
        try:
            leader.result(10)
        except RuntimeError as exc:
            assert "went away" in str(exc)
        else:
            raise AssertionError("the leader's error must reach its caller")


def test_a_computation_that_asks_for_its_own_key_does_not_wait_for_itself(monkeypatch):
    monkeypatch.setattr(caching, "FOLLOW_SECONDS", 30.0)
    cache = TTLCache(60)
    inner = cache.get_or_compute("k", lambda: "outer " + cache.get_or_compute("k", lambda: "x"))
    assert inner == "outer x"
