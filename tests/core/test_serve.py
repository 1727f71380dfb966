"""The application server (mpp/serve.py): the WSGI bridge on its own, then the whole server
over real HTTP (pages and the API through the thread pool, the live stream on the event loop).
"""

from __future__ import annotations

import asyncio
import hashlib
import http.client
import threading
import time
from collections.abc import Iterable
from typing import Any

import pytest

from mpp.serve import RESPONSE_BUFFER_BYTES, AsyncViewPaths, WorkerPool, WSGIBridge, build_environ
from tests.queueing.conftest import build_hall
from tests.queueing.server import app_server, request

SCOPE = {
    "type": "http",
    "http_version": "1.1",
    "method": "GET",
    "scheme": "http",
    "path": "/",
    "root_path": "",
    "query_string": b"",
    "headers": [],
    "server": ("127.0.0.1", 8000),
    "client": ("127.0.0.9", 51000),
}


def call_bridge(
    app: Any, *, scope: dict[str, Any] | None = None, messages: Iterable[dict] = ()
) -> list[dict[str, Any]]:
    """Run one request through a WSGIBridge; return what it sent to the ASGI server."""
    bridge = WSGIBridge(app, threads=2)
    incoming = list(messages) or [{"type": "http.request", "body": b""}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    try:
        asyncio.run(bridge({**SCOPE, **(scope or {})}, receive, send))
    finally:
        bridge.shutdown()
    return sent


def test_environ_follows_pep_3333():
    scope = {
        **SCOPE,
        "method": "POST",
        "path": "/cari/ktp élan/",
        "query_string": b"q=bikin+ktp",
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", b"2"),
            (b"cookie", b"a=1"),
            (b"cookie", b"b=2"),
            (b"x-forwarded-for", b"10.0.0.1"),
            (b"x-forwarded-for", b"10.0.0.2"),
        ],
    }

    environ = build_environ(scope, body=None)

    assert environ["REQUEST_METHOD"] == "POST"
    assert environ["PATH_INFO"] == "/cari/ktp élan/".encode().decode("latin-1")
    assert environ["QUERY_STRING"] == "q=bikin+ktp"
    assert environ["CONTENT_TYPE"] == "application/json"
    assert environ["CONTENT_LENGTH"] == "2"
    assert environ["HTTP_COOKIE"] == "a=1; b=2"
    assert environ["HTTP_X_FORWARDED_FOR"] == "10.0.0.1,10.0.0.2"
    assert environ["REMOTE_ADDR"] == "127.0.0.9"
    assert (environ["SERVER_NAME"], environ["SERVER_PORT"]) == ("127.0.0.1", "8000")
    assert environ["wsgi.url_scheme"] == "http"


def test_worker_pool_returns_results_and_errors_and_survives_a_cancelled_caller():
    pool = WorkerPool(1, name="test-pool")  # one thread: the one that served must go on
    loop_errors: list[dict[str, Any]] = []

    def fail() -> None:
        raise ValueError("bad request")

    async def main() -> None:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _loop, context: loop_errors.append(context))
        answer, thread = await pool.run(loop, lambda x: (x * 2, threading.current_thread()), 21)
        assert answer == 42
        assert thread is not threading.current_thread() and thread.name == "test-pool_0"
        with pytest.raises(ValueError, match="bad request"):
            await pool.run(loop, fail)
        release = threading.Event()
        slow = pool.run(loop, release.wait, 5)
        slow.cancel()  # the caller went away (a server shutting down cancels its tasks)
        release.set()
        # The thread leaves the cancelled call alone (no error on the loop) and goes on.
        assert await pool.run(loop, lambda: "still serving") == "still serving"

    asyncio.run(main())
    pool.shutdown()
    assert loop_errors == []
    assert not any(thread.is_alive() for thread in pool._threads)


def test_worker_pool_shutdown_finishes_the_calls_handed_over():
    pool = WorkerPool(2, name="test-pool")
    loop = asyncio.new_event_loop()
    done: list[int] = []
    futures = [pool.run(loop, lambda n: (time.sleep(0.01), done.append(n)), n) for n in range(6)]
    pool.shutdown()
    assert sorted(done) == list(range(6))
    loop.run_until_complete(asyncio.gather(*futures))
    loop.close()


def test_bridge_answers_a_small_response_in_one_piece_with_its_length():
    def app(environ: dict, start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"halo ", b"dunia"]

    sent = call_bridge(app)

    assert sent == [
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain"), (b"content-length", b"10")],
        },
        {"type": "http.response.body", "body": b"halo dunia"},
    ]


def test_bridge_streams_a_large_response_in_pieces_and_closes_it_in_the_worker_thread():
    piece = b"x" * 16_384
    closed_in: list[str] = []

    class Body:
        def __iter__(self) -> Any:
            return iter([piece] * 40)

        def close(self) -> None:
            closed_in.append(threading.current_thread().name)

    def app(environ: dict, start_response: Any) -> Body:
        start_response("200 OK", [("Content-Type", "text/csv")])
        return Body()

    sent = call_bridge(app)

    bodies = [m for m in sent if m["type"] == "http.response.body"]
    assert sent[0] == {
        "type": "http.response.start",
        "status": 200,
        "headers": [(b"content-type", b"text/csv")],
    }
    assert b"".join(m["body"] for m in bodies) == piece * 40
    assert [m.get("more_body", False) for m in bodies] == [True, True, False]
    assert all(len(m["body"]) >= RESPONSE_BUFFER_BYTES for m in bodies[:-1])
    assert len(closed_in) == 1 and closed_in[0].startswith("mpp-wsgi")


def test_bridge_reads_a_body_sent_in_several_messages():
    data = bytes(range(256)) * 20_000  # 5 MB: spills from memory to a temporary file
    chunks = [data[i : i + 65_536] for i in range(0, len(data), 65_536)]
    messages = [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
        for i, chunk in enumerate(chunks)
    ]

    def app(environ: dict, start_response: Any) -> list[bytes]:
        digest = hashlib.sha256(environ["wsgi.input"].read()).hexdigest()
        start_response("201 Created", [("Content-Type", "text/plain")])
        return [digest.encode()]

    sent = call_bridge(app, scope={"method": "POST"}, messages=messages)

    assert sent[0]["status"] == 201
    assert sent[1]["body"] == hashlib.sha256(data).hexdigest().encode()


def test_bridge_does_not_run_the_view_when_the_client_left_before_its_body():
    calls: list[str] = []

    def app(environ: dict, start_response: Any) -> list[bytes]:
        calls.append("called")
        start_response("200 OK", [])
        return [b""]

    sent = call_bridge(
        app,
        scope={"method": "POST"},
        messages=[{"type": "http.request", "body": b"{", "more_body": True}],
    )

    assert sent == []
    assert calls == []


def test_bridge_adds_no_length_to_a_not_modified_answer():
    def app(environ: dict, start_response: Any) -> list[bytes]:
        start_response("304 Not Modified", [("ETag", '"1"')])
        return [b""]

    sent = call_bridge(app)

    assert sent[0]["headers"] == [(b"etag", b'"1"')]


def test_router_sends_async_views_to_the_event_loop_and_the_rest_to_threads():
    # The Router's decision (its is_async_view); tests/core/test_serve_routing.py has more.
    is_async_view = AsyncViewPaths()

    assert is_async_view("/antrian/papan/live/") is True
    assert is_async_view("/antrian/tiket/ABCD2345/live/") is True
    assert is_async_view("/antrian/papan/") is False
    assert is_async_view("/api/v1/queue/tickets") is False
    assert is_async_view("/api/v1/queue/tickets/ABCD2345/finish") is False
    assert is_async_view("/tidak-ada/") is False


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_server_serves_pages_api_and_the_live_stream_from_one_port():
    hall = build_hall(counters=1)

    with app_server(workers=1) as port:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/antrian/papan/live/")
        stream = conn.getresponse()
        hello = _read_event(stream, "hello", time.monotonic() + 10)
        status, ticket = request(port, "POST", "/api/v1/queue/tickets", {"service": "ktp-el"})
        nudge = _read_event(stream, "nudge", time.monotonic() + 5)
        page = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        page.request("GET", "/antrian/papan/")
        board = page.getresponse()
        html = board.read()
        conn.close()
        page.close()

    assert stream.getheader("Content-Type") == "text/event-stream"
    assert "event: hello" in hello
    assert (status, ticket["number"]) == (201, "A-001")
    assert '"kind":"issued"' in nudge
    assert board.status == 200
    assert int(board.getheader("Content-Length")) == len(html)
    assert hall.mall.name.encode() in html


def _read_event(response: http.client.HTTPResponse, name: str, deadline: float) -> str:
    buffer = b""
    while time.monotonic() < deadline:
        line = response.fp.readline()
        if not line:
            break
        buffer += line
        if line == b"\n":
            if f"event: {name}".encode() in buffer:
                return buffer.decode()
            buffer = b""
    raise AssertionError(f"no {name} event")


def test_warm_up_prepares_templates_and_the_search_before_the_first_request():
    from django.template import engines

    from mpp.catalog.search import normalize
    from mpp.serve import warm_up

    loader = engines["django"].engine.template_loaders[0]  # the cached loader
    loader.reset()
    normalize._sastrawi.cache_clear()
    normalize.stem.cache_clear()  # else a word stemmed by an earlier test skips the stemmer
    warm_up()
    assert {"base.html", "catalog/search.html"} <= set(loader.get_template_cache)
    assert normalize._sastrawi.cache_info().currsize == 1  # the catalogue's own warm_up()


def test_settle_heap_takes_the_start_up_objects_out_of_the_collector():
    import gc

    from mpp.serve import settle_heap

    try:
        settle_heap()
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
