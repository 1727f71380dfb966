"""Fair-use budgets counted in Redis (the production cache): one script call per write counts
every budget and gives a new window its expiry; with Redis unreachable the cache's process
memory counts instead and nothing fails."""

from __future__ import annotations

import os
import time

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from django.test.utils import override_settings

from mpp.core import fairuse
from mpp.core.errors import TooManyRequestsError

pytestmark = pytest.mark.redis

LIMITS = {"ticket": {"client": [3, 3600], "kiosk": [600, 3600], "contact": [2, 86400]}}


def _redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "mpp.core.redis_cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"mpp-test-{os.getpid()}",
        }
    }


@pytest.fixture
def redis_cache():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.skip("needs Redis (REDIS_URL)")
    with override_settings(CACHES=_redis_cache(url), MPP_FAIR_USE=LIMITS):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


def _outcomes(request, n: int, **kwargs) -> list[int]:
    out = []
    for _ in range(n):
        try:
            fairuse.check(request, "ticket", **kwargs)
            out.append(201)
        except TooManyRequestsError as exc:
            assert 1 <= exc.retry_after <= 86400
            out.append(429)
    return out


def test_budget_counts_in_redis_with_an_expiry(redis_cache):
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.10")

    assert _outcomes(request, 5) == [201, 201, 201, 429, 429]
    key, _count, window, _bucket = fairuse._key("ticket", "client", "192.0.2.10", time.time())
    client = redis_cache._cache.get_client()
    stored = redis_cache.make_and_validate_key(key)
    # The count is the cache's own value (Django reads it back), and the window expires.
    assert redis_cache.get(key) == 5
    assert 0 < client.ttl(stored) <= window + 5


def test_contact_budget_is_counted_in_the_same_call(redis_cache):
    first = RequestFactory().post("/", REMOTE_ADDR="192.0.2.11")
    second = RequestFactory().post("/", REMOTE_ADDR="192.0.2.12")

    # Two addresses, one phone number written three ways: the contact's budget of 2 holds.
    assert _outcomes(first, 1, contact="0812 3456 7890") == [201]
    assert _outcomes(second, 2, contact="+6281234567890") == [201, 429]


def test_unreachable_redis_counts_in_process_memory():
    with override_settings(CACHES=_redis_cache("redis://127.0.0.1:9/0"), MPP_FAIR_USE=LIMITS):
        request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.13")
        started = time.monotonic()

        assert _outcomes(request, 4) == [201, 201, 201, 429]
        assert time.monotonic() - started < 5
