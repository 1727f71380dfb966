"""Scale beyond one server (docs/operations.md §10): two app servers sharing the database and
Redis serve one mall as one. A call made on one reaches the board watching the other, and the
fair-use limits (kept in the shared cache) count the requests of both.

Redis is a throwaway `redis-server` of the test (tests/operations/services.py), so this runs
wherever redis-server is installed, with the suite's database (SQLite or PostgreSQL).
"""

from __future__ import annotations

import http.client
import json
import time

import pytest

from mpp.accounts.tokens import issue_api_token
from mpp.core.fairuse import DEFAULT_LIMITS
from tests.operations.services import redis_available, throwaway_redis
from tests.queueing.conftest import build_hall
from tests.queueing.server import app_server, request

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def read_event(stream: http.client.HTTPResponse, name: str, seconds: float) -> str:
    """The data line of the next `name` event of an SSE stream."""
    deadline = time.monotonic() + seconds
    current = ""
    while time.monotonic() < deadline:
        line = stream.fp.readline().decode()
        if not line:
            break
        if line.startswith("event:"):
            current = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and current == name:
            return line
    raise AssertionError(f"no {name!r} event within {seconds} s")


def test_call_on_one_server_reaches_the_board_watching_the_other():
    if reason := redis_available():
        pytest.skip(reason)
    hall = build_hall(counters=1)
    token = issue_api_token(user=hall.officers[0])
    with throwaway_redis() as redis:
        shared = {"REDIS_URL": redis.url}
        with (
            app_server(workers=1, extra_env=shared) as board_server,
            app_server(workers=1, extra_env=shared) as officer_server,
        ):
            conn = http.client.HTTPConnection("127.0.0.1", board_server, timeout=10)
            conn.request("GET", "/antrian/papan/live/", headers={"Accept": "text/event-stream"})
            stream = conn.getresponse()
            read_event(stream, "hello", 10)
            status, ticket = request(
                officer_server, "POST", "/api/v1/queue/tickets", {"service": "ktp-el"}
            )
            assert status == 201, ticket
            read_event(stream, "nudge", 5)  # "issued", from the other server
            started = time.monotonic()
            status, body = request(
                officer_server,
                "POST",
                f"/api/v1/queue/counters/{hall.counters[0].number}/call-next",
                headers={"Authorization": f"Bearer {token}"},
            )
            nudge = read_event(stream, "nudge", 5)
            latency = time.monotonic() - started
            conn.close()
            # The board then reads the state; either server answers it the same.
            _, state_a = request(board_server, "GET", "/api/v1/queue/display")
            _, state_b = request(officer_server, "GET", "/api/v1/queue/display")

    assert status == 200 and body["ticket"]["code"] == ticket["code"]
    assert '"kind":"called"' in nudge.replace(" ", "")
    assert latency < 1.0
    state_a.pop("now"), state_b.pop("now")
    assert state_a == state_b
    assert ticket["number"] in json.dumps(state_a)


def test_fair_use_limit_counts_the_requests_of_both_servers():
    if reason := redis_available():
        pytest.skip(reason)
    build_hall(counters=1)
    limits = {action: dict(budgets) for action, budgets in DEFAULT_LIMITS.items()}
    limits["ticket"] = {"client": [4, 3600], "kiosk": [600, 3600], "contact": [6, 86400]}
    with throwaway_redis() as redis:
        env = {"REDIS_URL": redis.url, "MPP_FAIR_USE": json.dumps(limits)}
        with app_server(workers=1, extra_env=env) as a, app_server(workers=1, extra_env=env) as b:
            statuses = [
                request(port, "POST", "/api/v1/queue/tickets", {"service": "ktp-el"})[0]
                for port in (a, b, a, b, a, b)
            ]
    # One budget of 4 for this address across both servers; each alone would have allowed 4.
    assert statuses == [201, 201, 201, 201, 429, 429]
