"""Live events: the in-process broadcaster, the SSE stream, and Redis across servers."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import threading
import time

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.test import AsyncClient, Client, override_settings

from mpp.accounts.models import User
from mpp.accounts.tokens import issue_api_token
from mpp.core import events
from mpp.queueing import domain
from tests.factories import login_verified
from tests.queueing.conftest import build_hall
from tests.queueing.server import app_server, request


def test_in_process_publish_reaches_subscriber():
    async def scenario() -> list:
        got = []

        async def listen():
            async for message in events.subscribe(["board:1"], max_seconds=3):
                if message is not None:
                    got.append(message)
                    return

        task = asyncio.ensure_future(listen())
        await asyncio.sleep(0.05)
        threading.Thread(
            target=events.publish, args=("board:1", {"v": 7, "kind": "called"})
        ).start()
        await asyncio.wait_for(task, 3)
        return got

    with override_settings(REDIS_URL=""):
        got = asyncio.run(scenario())

    assert [(m["channel"], m["v"], m["kind"]) for m in got] == [("board:1", 7, "called")]


def test_slow_subscriber_keeps_only_newest_nudges():
    async def scenario() -> int:
        stream = events.subscribe(["board:2"], max_seconds=1)
        first = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0.05)
        for v in range(100):
            events.hub.dispatch("board:2", {"v": v})
        await asyncio.sleep(0.05)
        message = await first
        await stream.aclose()
        return message["v"]

    with override_settings(REDIS_URL=""):
        assert asyncio.run(scenario()) >= 80


def test_slow_subscriber_gets_an_unscoped_nudge_after_a_drop():
    # A page skips nudges of other services and counters; when a slow client's queue drops
    # one, the newest must make every page refresh, or the dropped one could have been its.
    async def scenario() -> list[dict]:
        stream = events.subscribe(["board:3"], max_seconds=1)
        first = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0.05)
        for v in range(25):  # five more than the subscriber's queue holds
            events.hub.dispatch("board:3", {"v": v, "kind": "issued", "service": 9})
        await asyncio.sleep(0.05)
        got = [await first] + [await stream.__anext__() for _ in range(19)]
        await stream.aclose()
        return got

    with override_settings(REDIS_URL=""):
        got = asyncio.run(scenario())

    assert got[-1]["v"] == 24 and "service" not in got[-1]
    assert got[0]["service"] == 9  # kept nudges keep their scope


@pytest.mark.django_db(transaction=True)
def test_sse_view_streams_hello_and_nudges():
    hall = build_hall(counters=1)

    async def scenario() -> list[str]:
        response = await AsyncClient().get("/antrian/papan/live/")
        assert response["Content-Type"] == "text/event-stream"
        stream = response.streaming_content.__aiter__()
        chunks = [await stream.__anext__(), await stream.__anext__()]
        events.publish(f"board:{hall.mall.pk}", {"v": 3, "kind": "called"})
        chunks.append(await asyncio.wait_for(stream.__anext__(), 3))
        await stream.aclose()
        return [c.decode() if isinstance(c, bytes) else c for c in chunks]

    with override_settings(REDIS_URL=""):
        chunks = async_to_sync(scenario)()

    assert chunks[0].startswith("retry:")
    assert chunks[1].startswith("event: hello")
    assert chunks[2].startswith("event: nudge") and '"v":3' in chunks[2]


@pytest.mark.django_db(transaction=True)
def test_board_nudges_name_the_service_and_the_counter():
    # The consoles refresh only for their own services and counter (static/mpp/js/console.js),
    # so every board nudge about a ticket names its service, and a counter's change its counter.
    hall = build_hall(counters=1)
    counter, officer = hall.counters[0], hall.officers[0]

    async def scenario() -> list[dict]:
        response = await AsyncClient().get("/antrian/papan/live/")
        stream = response.streaming_content.__aiter__()
        await stream.__anext__(), await stream.__anext__()  # retry, hello
        got = []
        steps = [
            lambda: domain.issue_ticket(service=hall.akta),
            lambda: domain.call_next(counter=counter, officer=officer),
            lambda: domain.set_counter_state(counter=counter, officer=officer, state="paused"),
        ]
        for step in steps:
            await sync_to_async(step)()
            chunk = await asyncio.wait_for(stream.__anext__(), 3)
            text = chunk.decode() if isinstance(chunk, bytes) else chunk
            got.append(json.loads(text.split("data: ", 1)[1]))
        await stream.aclose()
        return got

    with override_settings(REDIS_URL=""):
        issued, called, paused = async_to_sync(scenario)()

    assert (issued["kind"], issued["service"], issued.get("counter")) == (
        "issued",
        hall.akta.pk,
        None,
    )
    assert (called["kind"], called["service"], called["counter"]) == (
        "called",
        hall.akta.pk,
        counter.pk,
    )
    assert (paused["kind"], paused.get("service"), paused["counter"]) == (
        "counter",
        None,
        counter.pk,
    )


@pytest.mark.django_db(transaction=True)
def test_an_administrators_change_of_a_counter_nudges_it_and_its_console_follows():
    # An administrator gives a counter another service mid-day (the admin): the board nudge
    # names the counter, so its open console refreshes, and the fragment it fetches carries
    # the counter's services now, which console.js takes as its scope (no reload needed).
    hall = build_hall(counters=1)
    counter, officer = hall.counters[0], hall.officers[0]
    counter.services.set([hall.akta])
    root = User.objects.create_superuser("root", password="x-very-long-password")
    admin = login_verified(Client(), root)
    form = {
        "mall": counter.mall_id,
        "agency": counter.agency_id,
        "number": counter.number,
        "label": counter.label,
        "services": [hall.akta.pk, hall.kk.pk],
        "opening_hours": "[]",
        "breaks": "[]",
        "state": counter.state,
        "officer": counter.officer_id or "",
        "is_active": "on",
    }

    async def scenario() -> dict:
        response = await AsyncClient().get("/antrian/papan/live/")
        stream = response.streaming_content.__aiter__()
        await stream.__anext__(), await stream.__anext__()  # retry, hello
        saved = await sync_to_async(admin.post)(
            f"/admin/queueing/counter/{counter.pk}/change/", form
        )
        assert saved.status_code == 302, saved.content.decode()[:2000]
        chunk = await asyncio.wait_for(stream.__anext__(), 3)
        await stream.aclose()
        text = chunk.decode() if isinstance(chunk, bytes) else chunk
        return json.loads(text.split("data: ", 1)[1])

    with override_settings(REDIS_URL=""):
        nudge = async_to_sync(scenario)()

    assert (nudge["kind"], nudge.get("service"), nudge["counter"]) == ("counter", None, counter.pk)
    console = login_verified(Client(), officer)
    fragment = console.get(f"/antrian/loket/{counter.number}/daftar/").content.decode()
    assert f'data-services="{hall.akta.pk} {hall.kk.pk}"' in fragment


def _read_event(response: http.client.HTTPResponse, name: str, deadline: float) -> str:
    buffer = b""
    while time.monotonic() < deadline:
        line = response.fp.readline()
        if not line:
            break
        buffer += line
        if line == b"\n" and f"event: {name}".encode() in buffer:
            return buffer.decode()
        if line == b"\n":
            buffer = b""
    raise AssertionError(f"no {name} event")


@pytest.mark.redis
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_call_on_one_server_reaches_display_on_another_via_redis():
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        pytest.skip("REDIS_URL is not set: the cross-server test needs Redis")
    hall = build_hall(counters=1)
    token = issue_api_token(user=hall.officers[0])
    request_ticket = None
    with (
        app_server(workers=1, extra_env={"REDIS_URL": redis_url}) as display_port,
        app_server(workers=1, extra_env={"REDIS_URL": redis_url}) as officer_port,
    ):
        conn = http.client.HTTPConnection("127.0.0.1", display_port, timeout=10)
        conn.request("GET", "/antrian/papan/live/")
        stream = conn.getresponse()
        _read_event(stream, "hello", time.monotonic() + 10)
        request(officer_port, "POST", "/api/v1/queue/tickets", {"service": "ktp-el"})
        _read_event(stream, "nudge", time.monotonic() + 5)  # the "issued" nudge
        started = time.monotonic()
        status, body = request(
            officer_port,
            "POST",
            f"/api/v1/queue/counters/{hall.counters[0].number}/call-next",
            headers={"Authorization": f"Bearer {token}"},
        )
        nudge = _read_event(stream, "nudge", time.monotonic() + 5)
        latency = time.monotonic() - started
        request_ticket = body["ticket"]
        conn.close()

    assert status == 200 and request_ticket["number"] == "A-001"
    assert '"kind":"called"' in nudge
    assert latency < 1.0


@pytest.mark.django_db(transaction=True)
def test_nudges_of_one_transaction_go_out_together_after_commit(monkeypatch):
    """An officer's press nudges the board and the ticket page: one send (one Redis round
    trip) after the commit; nothing from a rollback or from a savepoint rolled back."""
    from django.db import transaction

    sent: list[list[str]] = []
    monkeypatch.setattr(
        events, "publish_many", lambda messages: sent.append([c for c, _ in messages])
    )
    with transaction.atomic():
        events.publish_on_commit("board:1", {"v": 1})
        events.publish_on_commit("ticket:A", {"v": 1})
        assert sent == []
    assert sent == [["board:1", "ticket:A"]]

    sent.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        events.publish_on_commit("board:1", {"v": 2})
        raise RuntimeError
    assert sent == []

    with transaction.atomic():
        events.publish_on_commit("board:1", {"v": 3})
        with pytest.raises(RuntimeError), transaction.atomic():
            events.publish_on_commit("ticket:B", {"v": 3})
            raise RuntimeError
        events.publish_on_commit("ticket:C", {"v": 3})
    assert sorted(c for batch in sent for c in batch) == ["board:1", "ticket:C"]

    sent.clear()
    events.publish_on_commit("board:9", {"v": 4})  # outside a transaction: at once
    assert sent == [["board:9"]]


@pytest.mark.redis
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_streams_opened_together_on_a_fresh_server_all_go_live_also_under_a_mall_prefix():
    """The first streams of a process arrive while its Redis listener connects: each waits
    for it (not only the first, the others were told to come back 15 s later). A stream under
    a mall's path prefix (/m/<slug>/…) is served live on the event loop like the others (it
    used to reach a worker thread, which answered "live updates need an ASGI server")."""
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        pytest.skip("REDIS_URL is not set: live streams need Redis")
    build_hall(counters=1)
    paths = ["/antrian/papan/live/", "/antrian/papan/live/", "/m/ngawi/antrian/papan/live/"]
    answers: dict[int, str] = {}

    with app_server(workers=1, extra_env={"REDIS_URL": redis_url}) as port:

        def open_stream(i: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", paths[i])
            stream = conn.getresponse()
            try:
                answers[i] = _read_event(stream, "hello", time.monotonic() + 8)
            except AssertionError:
                answers[i] = "no hello"
            conn.close()

        threads = [threading.Thread(target=open_stream, args=(i,)) for i in range(len(paths))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(15)

    assert sorted(answers) == [0, 1, 2]
    assert all("event: hello" in answer for answer in answers.values()), answers
