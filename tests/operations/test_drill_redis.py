"""Fault drill: Redis stops while boards and phones are watching and the kiosk is issuing.

A throwaway `redis-server` (never the machine's shared one) carries the live nudges and the
cache of a real app server. When it stops, open live streams end and new ones are refused at
once, so the board and the phone page fall back to polling (live.js); every page and the
ticket API keep answering, quickly (no wait for a connection time-out per request). When Redis
is back, streams open again and nudges flow.
"""

from __future__ import annotations

import http.client
import time

import pytest

from tests.operations.services import redis_available, throwaway_redis
from tests.queueing.conftest import build_hall
from tests.queueing.server import app_server, request

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def open_stream(
    port: int, path: str
) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Accept": "text/event-stream"})
    return conn, conn.getresponse()


def read_until(response: http.client.HTTPResponse, marker: bytes, seconds: float) -> bytes:
    """Read the stream until `marker` or its end; returns what was read."""
    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = response.fp.readline()
        except TimeoutError:
            break
        if not line:
            return seen + b"<EOF>"
        seen += line
        if marker in seen:
            return seen
    return seen


def get_text(port: int, path: str) -> tuple[int, str, float]:
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept": "text/html"})
        response = conn.getresponse()
        return response.status, response.read().decode(), time.monotonic() - started
    finally:
        conn.close()


def test_drill_redis_stops_streams_fall_back_to_polling_and_tickets_still_issued():
    reason = redis_available()
    if reason:
        pytest.skip(reason)
    hall = build_hall(counters=1)
    with (
        throwaway_redis() as redis_server,
        app_server(workers=1, extra_env={"REDIS_URL": redis_server.url}) as port,
    ):
        # Live: the board hears a ticket being issued.
        conn, stream = open_stream(port, "/antrian/papan/live/")
        hello = read_until(stream, b"event: hello", 10)
        request(port, "POST", "/api/v1/queue/tickets", {"service": hall.ktp.slug})
        live_nudge = read_until(stream, b"event: nudge", 5)

        redis_server.stop()
        ended = read_until(stream, b"<EOF>", 15)
        conn.close()
        refused_conn, refused = open_stream(port, "/antrian/papan/live/")
        refused_body = read_until(refused, b"<EOF>", 10)
        refused_conn.close()

        started = time.monotonic()
        issued = [
            request(port, "POST", "/api/v1/queue/tickets", {"service": hall.kk.slug})
            for _ in range(5)
        ]
        issue_seconds = time.monotonic() - started
        code = issued[0][1]["code"]
        pages = {
            path: get_text(port, path)
            for path in (
                "/antrian/papan/",
                "/antrian/papan/state.json",
                f"/antrian/tiket/{code}/",
                f"/antrian/tiket/{code}/status.json",
                "/antrian/",
            )
        }
        ready = request(port, "GET", "/readyz")

        redis_server.start()
        deadline = time.monotonic() + 30
        back = b""
        while time.monotonic() < deadline and b"event: hello" not in back:
            again_conn, again = open_stream(port, "/antrian/papan/live/")
            back = read_until(again, b"event: hello", 5)
            if b"event: hello" not in back:
                again_conn.close()
                time.sleep(1)
        request(port, "POST", "/api/v1/queue/tickets", {"service": hall.akta.slug})
        back_nudge = read_until(again, b"event: nudge", 5)
        again_conn.close()

    assert b"event: hello" in hello and b"event: nudge" in live_nudge
    # Redis gone: the open stream ended, a new one is refused without hello (the page polls).
    assert ended.endswith(b"<EOF>")
    assert refused.status == 200 and b"event: hello" not in refused_body
    assert b"retry: 15000" in refused_body and refused_body.endswith(b"<EOF>")
    # The kiosk keeps issuing, without waiting for Redis time-outs.
    assert [status for status, _ in issued] == [201] * 5
    assert [body["number"] for _, body in issued] == [f"A-00{n}" for n in range(2, 7)]
    assert issue_seconds < 5
    # No error page anywhere.
    assert {path: status for path, (status, _, _) in pages.items()} == dict.fromkeys(pages, 200)
    assert all(seconds < 3 for _, _, seconds in pages.values())
    assert (ready[0], ready[1]["status"], ready[1]["checks"]["redis"]["ok"]) == (
        200,
        "degraded",
        False,
    )
    # Redis back: live again.
    assert b"event: hello" in back and b"event: nudge" in back_nudge
