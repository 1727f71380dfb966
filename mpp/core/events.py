"""Live events: publish a small nudge, subscribe to channels, stream them as Server-Sent Events.

Events are nudges, not state (docs/conventions.md): a message says "board 3 changed (version
1842)"; the
client then fetches the fresh state. A lost message or a reconnect therefore heals itself.

Transport:
- `settings.REDIS_URL` set: `publish` sends to Redis pub/sub, so every application process
  (and server) receives it. Each process keeps ONE Redis subscription (a pattern on
  ``mpp:*``) and fans messages out to its local subscribers, so a thousand open displays cost
  one Redis connection per process, not a thousand.
- not set: an in-process broadcaster. It works inside one process (the embedded default,
  `make run` with one server process); several workers without Redis do not see each
  other's events, and clients fall back to polling.

`publish` is called from synchronous domain code after commit (`publish_on_commit`); it never
raises: a broken Redis must not break a ticket, and the clients poll anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import StreamingHttpResponse

logger = logging.getLogger(__name__)

PREFIX = "mpp:"
HEARTBEAT_SECONDS = 15.0
# A stream ends after this long; the browser reconnects at once (EventSource does), which
# bounds the life of any leaked connection and re-synchronises state.
STREAM_MAX_SECONDS = 300.0
#: Put on a subscriber's queue to end its stream (Redis went away).
CLOSE: dict[str, Any] = {"kind": "__close__"}


class _LocalHub:
    """Subscribers of this process: channel -> set of (loop, queue)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subs: dict[str, set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[dict]]]] = {}

    def add(self, channels: Iterable[str], item: tuple[asyncio.AbstractEventLoop, Any]) -> None:
        with self._lock:
            for channel in channels:
                self._subs.setdefault(channel, set()).add(item)

    def remove(self, channels: Iterable[str], item: tuple[asyncio.AbstractEventLoop, Any]) -> None:
        with self._lock:
            for channel in channels:
                subs = self._subs.get(channel)
                if subs is not None:
                    subs.discard(item)
                    if not subs:
                        del self._subs[channel]

    def dispatch(self, channel: str, message: dict[str, Any]) -> None:
        with self._lock:
            targets = list(self._subs.get(channel, ()))
        payload = {"channel": channel, **message}
        for loop, queue in targets:
            with contextlib.suppress(RuntimeError):  # the loop has closed: subscriber gone
                loop.call_soon_threadsafe(_put_latest, queue, payload)

    def close_all(self) -> None:
        """End every open subscription of this process (their streams close)."""
        with self._lock:
            targets = {item for subs in self._subs.values() for item in subs}
        for loop, queue in targets:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_put_latest, queue, CLOSE)

    def count(self) -> int:
        with self._lock:
            return sum(len(s) for s in self._subs.values())


# What a nudge may name of what it is about, so that a page can skip the nudges that do not
# concern it (static/mpp/js/live.js): a board nudge names the ticket's service and the counter.
SCOPE_KEYS = ("service", "counter")


def _put_latest(queue: asyncio.Queue[dict[str, Any]], payload: dict[str, Any]) -> None:
    # A slow client must not grow memory without bound: keep only the newest nudges. A dropped
    # nudge may have been the one that concerned the page, so the newest goes on without its
    # scope, which makes every page refresh: then it says everything the dropped ones said.
    if queue.full():
        with contextlib.suppress(asyncio.QueueEmpty):
            queue.get_nowait()
        payload = {k: v for k, v in payload.items() if k not in SCOPE_KEYS}
    queue.put_nowait(payload)


hub = _LocalHub()
_redis_lock = threading.Lock()
_redis_client: Any = None
_listener_lock = threading.Lock()


def _redis_url() -> str:
    return str(getattr(settings, "REDIS_URL", "") or "")


def _sync_redis() -> Any:
    global _redis_client  # noqa: PLW0603 - one pooled client per process
    with _redis_lock:
        if _redis_client is None:
            import redis

            _redis_client = redis.Redis.from_url(
                _redis_url(), socket_timeout=0.5, socket_connect_timeout=0.5
            )
        return _redis_client


#: After a failed publish, skip Redis for this long (seconds): while Redis is down, a ticket
#: must not wait for a connection time-out on every commit.
PUBLISH_RETRY_SECONDS = 5.0
_publish_down_until = 0.0


def publish(channel: str, message: dict[str, Any]) -> None:
    """Send `message` (a small JSON-able dict) to everyone subscribed to `channel` now."""
    publish_many([(channel, message)])


def publish_many(messages: list[tuple[str, dict[str, Any]]]) -> None:
    """`publish` for several (channel, message) pairs: one Redis round trip for all."""
    global _publish_down_until  # noqa: PLW0603 - one circuit breaker per process
    ts = round(time.time(), 3)
    stamped = [(channel, {**message, "ts": ts}) for channel, message in messages]
    if _redis_url():
        if time.monotonic() < _publish_down_until:
            return  # Redis is known to be down: the streams are closed, clients poll
        try:
            client = _sync_redis()
            if len(stamped) == 1:
                client.publish(PREFIX + stamped[0][0], json.dumps(stamped[0][1]))
            else:
                pipe = client.pipeline(transaction=False)
                for channel, message in stamped:
                    pipe.publish(PREFIX + channel, json.dumps(message))
                pipe.execute()
        except Exception as exc:  # a nudge is best effort: clients also poll
            _publish_down_until = time.monotonic() + PUBLISH_RETRY_SECONDS
            logger.warning(
                "Redis publish failed on %s (%s); clients will poll",
                ", ".join(channel for channel, _ in stamped),
                type(exc).__name__,
            )
        return
    for channel, message in stamped:
        hub.dispatch(channel, message)


class _Batch:
    """The nudges of one transaction (or savepoint), sent together when it commits."""

    def __init__(self, savepoints: tuple[str, ...]) -> None:
        self.savepoints = savepoints
        self.messages: list[tuple[str, dict[str, Any]]] = []

    def __call__(self) -> None:
        publish_many(self.messages)


_batches = threading.local()


def publish_on_commit(channel: str, message: dict[str, Any]) -> None:
    """Publish once the surrounding transaction commits (at once outside a transaction). The
    nudges of one transaction go out together in one Redis round trip (an officer's press
    nudges the board and the ticket page); a savepoint rolled back takes its nudges with it,
    as separate `on_commit` callbacks would."""
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        publish(channel, message)
        return
    savepoints = tuple(conn.savepoint_ids)
    batch: _Batch | None = getattr(_batches, "current", None)
    pending = batch is not None and any(hook is batch for _, hook, _ in conn.run_on_commit)
    if batch is None or not pending or batch.savepoints != savepoints:
        batch = _Batch(savepoints)
        _batches.current = batch
        transaction.on_commit(batch)
    batch.messages.append((channel, message))


async def _redis_listener(ready: asyncio.Event) -> None:
    """One pattern subscription per process and event loop, feeding the local hub."""
    import redis.asyncio as aioredis

    while True:
        client = aioredis.Redis.from_url(_redis_url())
        try:
            pubsub = client.pubsub()
            await pubsub.psubscribe(PREFIX + "*")
            ready.set()
            async for item in pubsub.listen():
                if item.get("type") != "pmessage":
                    continue
                channel = item["channel"].decode()[len(PREFIX) :]
                try:
                    message = json.loads(item["data"])
                except (ValueError, TypeError):
                    continue
                hub.dispatch(channel, message)
        except asyncio.CancelledError:
            raise
        except Exception:
            if ready.is_set():
                # Streams that stay open without Redis would never hear a nudge again: end
                # them, so their pages poll until the stream can be opened again.
                logger.warning("Redis subscription lost; live streams fall back to polling")
                ready.clear()
                hub.close_all()
            else:
                logger.debug("Redis still unreachable", exc_info=True)
            await asyncio.sleep(1.0)
        finally:
            with contextlib.suppress(Exception):
                await client.aclose()


_listeners: dict[int, asyncio.Event] = {}
# How long streams wait for a process's listener to make its first connection to Redis.
LISTENER_START_SECONDS = 2.0
_first_wait_until: dict[int, float] = {}
_tasks: set[asyncio.Task[None]] = set()


async def _ensure_listener() -> None:
    """Start this event loop's Redis listener once, and wait (briefly) until it listens, so a
    client that has just said hello misses nothing."""
    if not _redis_url():
        return
    loop = asyncio.get_running_loop()
    with _listener_lock:
        ready = _listeners.get(id(loop))
        start = ready is None
        if ready is None:
            ready = _listeners[id(loop)] = asyncio.Event()
            _first_wait_until[id(loop)] = loop.time() + LISTENER_START_SECONDS
    if start:
        task = loop.create_task(_redis_listener(ready))
        _tasks.add(task)  # keep a reference so the task is not garbage-collected
        task.add_done_callback(_tasks.discard)
    # Every stream opened while the listener makes its first connection waits for it (not
    # only the first: the others would be told Redis is down and come back 15 s later).
    # Later, a listener that is not ready means Redis is down: no wait.
    remaining = _first_wait_until[id(loop)] - loop.time()
    if not ready.is_set() and remaining > 0:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), timeout=remaining)


def _live_available() -> bool:
    """Can this process deliver nudges right now? Without Redis (when it is configured) a
    stream would stay silent forever, so it is refused and the page polls instead."""
    if not _redis_url():
        return True
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return False
    ready = _listeners.get(id(loop))
    return ready is not None and ready.is_set()


class Subscription:
    """Messages on some channels for one client. Registered at creation, so nothing published
    after it exists is missed; iterate it for messages (None = heartbeat); close it at the end."""

    def __init__(self, channels: list[str], *, max_seconds: float = STREAM_MAX_SECONDS) -> None:
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=20)
        self.channels = channels
        self.item = (self.loop, self.queue)
        self.deadline = self.loop.time() + max_seconds
        hub.add(channels, self.item)

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> dict[str, Any] | None:
        remaining = self.deadline - self.loop.time()
        if remaining <= 0:
            raise StopAsyncIteration
        try:
            message = await asyncio.wait_for(
                self.queue.get(), timeout=min(HEARTBEAT_SECONDS, remaining)
            )
        except TimeoutError:
            return None
        if message is CLOSE or message.get("kind") == CLOSE["kind"]:
            raise StopAsyncIteration
        return message

    def close(self) -> None:
        hub.remove(self.channels, self.item)


async def subscribe(
    channels: list[str], *, max_seconds: float = STREAM_MAX_SECONDS
) -> AsyncIterator[dict[str, Any] | None]:
    """Yield messages on `channels`; None as a heartbeat when nothing came for a while.
    Ends after `max_seconds`."""
    await _ensure_listener()
    subscription = Subscription(channels, max_seconds=max_seconds)
    try:
        async for message in subscription:
            yield message
    finally:
        subscription.close()


async def sse_stream(
    channels: list[str], *, hello: dict[str, Any] | None = None, max_seconds: float | None = None
) -> AsyncIterator[str]:
    await _ensure_listener()
    if not _live_available():
        # Redis is down: end at once without "hello"; the page keeps polling and tries the
        # stream again after `retry` (docs/operations.md, "Redis outage").
        yield "retry: 15000\n\n"
        return
    subscription = Subscription(channels, max_seconds=max_seconds or STREAM_MAX_SECONDS)
    try:
        # `retry` tells EventSource how soon to reconnect after the stream ends or breaks.
        yield "retry: 2000\n\n"
        yield _sse("hello", hello or {})
        async for message in subscription:
            if message is None:
                yield ": keep-alive\n\n"
            else:
                yield _sse("nudge", message)
    finally:
        subscription.close()


def _sse(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


def sse_response(
    channels: list[str], *, hello: dict[str, Any] | None = None, max_seconds: float | None = None
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        sse_stream(channels, hello=hello, max_seconds=max_seconds),
        content_type="text/event-stream",
    )
    response["Cache-Control"] = "no-cache, no-transform"
    response["X-Accel-Buffering"] = "no"  # nginx: do not buffer the stream
    return response
