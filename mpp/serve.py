"""The application server of both profiles: `make run` (SQLite, one process) and production
(PostgreSQL + Redis, several processes). See docs/adr/0012-serving-path.md for the measurements
behind the choice.

`application` is one ASGI application that routes each request by its view:

- **async views** (the live Server-Sent-Event streams of the board and the ticket page) run on
  the event loop through Django's ASGI handler, so a thousand open streams cost no thread;
- **every other view** (pages, the JSON API, static files) runs through Django's *WSGI*
  handler in a fixed pool of worker threads: one hand-over from the event loop to a thread and
  one back per request, instead of the ASGI handler's new thread per request and a
  thread hop for each signal, the middleware chain and the response. A fixed pool also
  bounds the database connections, so each thread keeps its connection open
  (`CONN_MAX_AGE`) or borrows one from the PostgreSQL pool.

Run it with ``python -m mpp.serve`` (uvicorn with uvloop and httptools underneath); the
environment variables are listed in docs/operations.md (`HOST`, `PORT`, `MPP_WORKERS`,
`MPP_THREADS`, …).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import gc
import io
import logging
import os
import queue
import re
import sys
import tempfile
import threading
from collections.abc import Awaitable, Callable, Coroutine, Iterable, MutableMapping
from pathlib import Path
from typing import Any

logger = logging.getLogger("mpp.serve")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Coroutine[Any, Any, None]]

# A response up to this size is handed back to the event loop in one piece (one hop); a
# larger or streaming one is sent on in pieces of about this size as the view produces them.
RESPONSE_BUFFER_BYTES = 256 * 1024
# Request bodies larger than this spill from memory to a temporary file, as Django's own
# handlers do.
BODY_MEMORY_BYTES = 2_621_440


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None
    if value < 1:
        raise SystemExit(f"{name} must be at least 1, got {raw!r}")
    return value


def _latin1(value: str) -> str:
    # PEP 3333: environ strings are "bytes in latin-1 clothing".
    return value.encode("utf-8").decode("latin-1")


def build_environ(scope: Scope, body: Any) -> dict[str, Any]:
    """The WSGI environ of an ASGI HTTP scope (PEP 3333)."""
    server = scope.get("server") or ("localhost", 80)
    client = scope.get("client")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": _latin1(scope.get("root_path", "")),
        "PATH_INFO": _latin1(scope["path"]),
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]) if server[1] is not None else "80",
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "REMOTE_ADDR": client[0] if client else "",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for raw_name, raw_value in scope.get("headers", []):
        name = raw_name.decode("latin-1").upper().replace("-", "_")
        value = raw_value.decode("latin-1")
        key = name if name in {"CONTENT_TYPE", "CONTENT_LENGTH"} else "HTTP_" + name
        if key in environ:
            separator = "; " if key == "HTTP_COOKIE" else ","
            environ[key] = environ[key] + separator + value
        else:
            environ[key] = value
    return environ


class _Outcome:
    """What a worker thread hands back to the event loop."""

    __slots__ = ("body", "headers", "started", "status")

    def __init__(self) -> None:
        self.status = 500
        self.headers: list[tuple[bytes, bytes]] = []
        self.body = b""
        self.started = False  # True when the thread already sent the response itself


class WorkerPool:
    """A fixed set of threads that run functions for the event loop, one at a time each.

    `run` hands a call to a free thread and awaits its result; the thread resolves the
    awaited future itself (one `call_soon_threadsafe`). `loop.run_in_executor` does the same
    through a `concurrent.futures.Future` chained to an asyncio one, with locks and callbacks
    on each side, paid by every request of a page or the API: 40–50 µs of CPU per hand-over
    against 7–9 µs for this (16 callers of a function that does nothing), and under the
    benchmark's kiosk load 8–9 % of the web processes' Python time against 1.5 % (py-spy;
    issue 11, docs/performance.md). The threads start with the pool; `shutdown` lets the calls
    already handed over finish."""

    def __init__(self, threads: int, *, name: str) -> None:
        self._calls: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}_{n}", daemon=True)
            for n in range(threads)
        ]
        for thread in self._threads:
            thread.start()

    def run(
        self, loop: asyncio.AbstractEventLoop, func: Callable[..., Any], *args: Any
    ) -> asyncio.Future[Any]:
        future = loop.create_future()
        self._calls.put((loop, future, func, args))
        return future

    def _work(self) -> None:
        while True:
            call = self._calls.get()
            if call is None:
                return
            loop, future, func, args = call
            result: tuple[Callable[..., None], asyncio.Future[Any], Any]
            try:
                result = (_resolve, future, func(*args))
            except BaseException as error:  # handed to the awaiting request, as an executor does
                result = (_fail, future, error)
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(*result)
            # A request's objects do not outlive it in the idle thread.
            del call, result, future, func, args

    def shutdown(self) -> None:
        for _ in self._threads:
            self._calls.put(None)
        for thread in self._threads:
            thread.join()


def _resolve(future: asyncio.Future[Any], result: Any) -> None:
    if not future.done():  # not cancelled meanwhile (server shutting down)
        future.set_result(result)


def _fail(future: asyncio.Future[Any], error: BaseException) -> None:
    if not future.done():
        future.set_exception(error)


class WSGIBridge:
    """Serve a WSGI application to ASGI HTTP requests from a fixed pool of threads.

    The request body is read on the event loop before the thread starts (so a thread never
    waits for a slow client), the whole view runs in one thread (Django's connection and
    signal handling is per thread), and a response up to RESPONSE_BUFFER_BYTES comes back in
    one piece. Larger or streaming responses are sent from the thread as they are produced,
    each piece waiting until the event loop has written it (back-pressure).
    """

    def __init__(self, app: Callable[..., Iterable[bytes]], *, threads: int) -> None:
        self.app = app
        self.threads = threads
        self.pool = WorkerPool(threads, name="mpp-wsgi")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await self._read_body(receive)
        if body is None:  # the client went away before sending its request
            return
        loop = asyncio.get_running_loop()
        try:
            outcome = await self.pool.run(loop, self._run, build_environ(scope, body), loop, send)
        finally:
            body.close()
        if not outcome.started:
            start = {"status": outcome.status, "headers": outcome.headers}
            await send({"type": "http.response.start", **start})
            await send({"type": "http.response.body", "body": outcome.body})

    @staticmethod
    async def _read_body(receive: Receive) -> Any:
        first = await receive()
        if first["type"] == "http.disconnect":
            return None
        chunk = first.get("body", b"")
        if not first.get("more_body", False):
            return io.BytesIO(chunk)  # the common case: the whole body in one message
        spool = tempfile.SpooledTemporaryFile(max_size=BODY_MEMORY_BYTES)  # noqa: SIM115
        spool.write(chunk)
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                spool.close()
                return None
            spool.write(message.get("body", b""))
            if not message.get("more_body", False):
                break
        spool.seek(0)
        return spool

    def _run(
        self, environ: dict[str, Any], loop: asyncio.AbstractEventLoop, send: Send
    ) -> _Outcome:
        """In a worker thread: run the WSGI application and collect (or stream) its answer."""
        outcome = _Outcome()
        head: dict[str, Any] = {}

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], None]:
            if exc_info and outcome.started:
                raise exc_info[1].with_traceback(exc_info[2])
            head["status"] = int(status.split(" ", 1)[0])
            head["headers"] = [
                (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers
            ]
            return self._no_write

        def send_from_thread(message: Message) -> None:
            asyncio.run_coroutine_threadsafe(send(message), loop).result()

        result = self.app(environ, start_response)
        try:
            pieces: list[bytes] = []
            size = 0
            for piece in result:
                if not piece:
                    continue
                pieces.append(piece)
                size += len(piece)
                if size < RESPONSE_BUFFER_BYTES:
                    continue
                # A large or streaming response: send what we have and go on piece by piece.
                if not outcome.started:
                    outcome.started = True
                    send_from_thread(
                        {
                            "type": "http.response.start",
                            "status": head["status"],
                            "headers": head["headers"],
                        }
                    )
                send_from_thread(
                    {"type": "http.response.body", "body": b"".join(pieces), "more_body": True}
                )
                pieces, size = [], 0
            body = b"".join(pieces)
            if outcome.started:
                send_from_thread({"type": "http.response.body", "body": body})
                return outcome
            outcome.status = head["status"]
            outcome.headers = head["headers"]
            if not any(name == b"content-length" for name, _ in outcome.headers) and (
                outcome.status >= 200 and outcome.status not in (204, 304)
            ):
                outcome.headers.append((b"content-length", str(len(body)).encode()))
            outcome.body = body
            return outcome
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()  # Django's request_finished: releases this thread's connection

    @staticmethod
    def _no_write(data: bytes) -> None:
        raise RuntimeError("MPP's server does not support the WSGI write() callable")

    def shutdown(self) -> None:
        self.pool.shutdown()


def resolves_to_async_view(path: str) -> bool:
    """Whether Django resolves `path` to a coroutine view: the router's answer, in full (a
    resolve walks the URL patterns in order until one matches: tens of microseconds)."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return False
    return asyncio.iscoroutinefunction(match.func)


class AsyncViewPaths:
    """`resolves_to_async_view`, without resolving the paths that cannot be async.

    Issue 11: nearly every API path is unique (ticket codes), so a cache of the answers per
    path missed and each request resolved its path on the event loop. The few async views
    are found once, by walking the URL patterns; a path can only resolve to one of them if it
    starts with the literal text before that view's first parameter (the prefixes of the
    includes on the way, then its own route's) and ends with the literal text after its
    last. Any other path is not async, answered by two string comparisons; a path that
    passes (a live stream's) is resolved as before, and the answer kept per path. A pattern
    whose literal text cannot be read safely (a regular expression, a translated route, a
    language prefix) contributes nothing, so its paths are resolved: the answers never
    differ from `resolves_to_async_view`'s (tests/core/test_serve_routing.py checks every view)."""

    def __init__(self, resolver: Any = None) -> None:
        from django.urls import get_resolver

        self.views = _async_views(resolver or get_resolver(), ())
        self.prefixes = tuple(sorted({prefix for prefix, _suffix in self.views.values()}))
        self.suffixes = tuple(sorted({suffix for _prefix, suffix in self.views.values()}))
        self._resolve = functools.lru_cache(maxsize=4096)(resolves_to_async_view)

    def __call__(self, path: str) -> bool:
        if path.startswith("/m/"):
            # A mall's path prefix (/m/<slug>/…, mpp/core/tenancy.py): MallMiddleware takes
            # it off before Django resolves, so the view is the rest's.
            from mpp.core.tenancy import MALL_PATH

            match = MALL_PATH.match(path)
            if match is not None:
                path = match["rest"] or "/"
        # No async view: prefixes is empty and startswith(()) is False.
        if path.startswith(self.prefixes) and path.endswith(self.suffixes):
            return self._resolve(path)
        return False


def _async_views(resolver: Any, outer: tuple[Any, ...]) -> dict[str, tuple[str, str]]:
    """Each coroutine view under `resolver` (by its route), with the literal text every path
    that resolves to it starts and ends with ("" when not known)."""
    from django.urls import URLPattern, URLResolver

    chain = (*outer, resolver.pattern)
    found: dict[str, tuple[str, str]] = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found.update(_async_views(entry, chain))
        elif isinstance(entry, URLPattern):
            if asyncio.iscoroutinefunction(entry.callback):
                found["".join(map(str, (*chain[1:], entry.pattern)))] = _literal_ends(
                    (*chain, entry.pattern)
                )
        else:  # not Django's: nothing known about what it matches
            found[repr(entry)] = ("", "")
    return found


def _literal_ends(chain: tuple[Any, ...]) -> tuple[str, str]:
    """The text every path the chain of patterns (outermost first, the view's own last)
    matches starts with, and ends with."""
    prefix = ""
    for pattern in chain:
        head, whole = _literal_head(pattern)
        prefix += head
        if not whole:
            break
    return prefix, _literal_tail(chain[-1])


def _literal_head(pattern: Any) -> tuple[str, bool]:
    """The literal text a match of `pattern` starts with, and whether it is all the pattern
    matches. Read from the route (up to its first parameter) or from a regular expression
    that is only `^` and literal text, and checked against the compiled expression that
    Django matches with; ("", False) for anything else."""
    from django.urls.resolvers import RegexPattern, RoutePattern

    route = _written(pattern, RoutePattern, "_route")
    expression = _written(pattern, RegexPattern, "_regex")
    if route is not None:
        whole = not pattern.converters
        head = route if whole else route.split("<", 1)[0]
    elif expression is not None and expression.startswith("^"):
        head = expression.removeprefix("^")
        whole = re.escape(head) == head
        if not whole:
            return "", False
    else:  # a language prefix or anything else
        return "", False
    source = pattern.regex.pattern
    if not source.startswith("^" + re.escape(head)):
        return "", False
    if whole:
        # Only the text itself: the rest of the expression may be the end anchor, nothing else.
        whole = source.removeprefix("^" + re.escape(head)) in {"", r"\Z"}
    return head, whole


def _literal_tail(pattern: Any) -> str:
    """The literal text a view's route ends with when Django anchors it at the end of the
    path (after its last parameter, or all of it); "" when not known."""
    from django.urls.resolvers import RoutePattern

    route = _written(pattern, RoutePattern, "_route")
    if route is None:
        return ""
    tail = route if not pattern.converters else route.rsplit(">", 1)[-1]
    return tail if pattern.regex.pattern.endswith(re.escape(tail) + r"\Z") else ""


def _written(pattern: Any, kind: type, attribute: str) -> str | None:
    """The route or expression a `kind` pattern was written with, when it is a plain string
    (a translated one changes with the language); None otherwise."""
    text = getattr(pattern, attribute, None)
    return text if isinstance(pattern, kind) and isinstance(text, str) else None


class Router:
    """Send async views to Django's ASGI handler, everything else to the WSGI bridge."""

    def __init__(self, *, threads: int) -> None:
        from django.core.asgi import get_asgi_application
        from django.core.wsgi import get_wsgi_application

        self.asgi = get_asgi_application()
        self.wsgi = WSGIBridge(get_wsgi_application(), threads=threads)
        self.is_async_view = AsyncViewPaths()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if self.is_async_view(scope["path"]):
                await self.asgi(scope, receive, send)  # type: ignore[arg-type]
            else:
                await self.wsgi(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        else:  # websocket: not offered
            raise ValueError(f"MPP serves HTTP only, not {scope['type']}")

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await asyncio.get_running_loop().run_in_executor(None, self.wsgi.shutdown)
                flush_logs()
                await send({"type": "lifespan.shutdown.complete"})
                return


def flush_logs() -> None:
    """Write out what log handlers keep (the access log's batch, MPP_ACCESS_LOG_FILE) once the
    last request is done. The exit handlers would be too late: a process stopped by SIGTERM
    ends by that signal — uvicorn raises it again after its shutdown — and skips them."""
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for handler in {h for lg in loggers if isinstance(lg, logging.Logger) for h in lg.handlers}:
        handler.flush()


def _configure_environment() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mpp.settings")
    # The worker threads are a fixed set, so each may keep its database connection between
    # requests (SQLite: no re-open and re-configure per request). PostgreSQL uses its pool.
    os.environ.setdefault("DB_CONN_MAX_AGE", "600")


def warm_up() -> None:
    """Do before the first request what Django otherwise does lazily in the first requests:
    load the template tag libraries and compile the project's templates, build the URL
    resolver's reverse tables and load the translation catalogues of every language; then
    each app's own `warm_up()` when its AppConfig has one (the catalogue: the search's
    stemmer). No database access and no side effect; a template that does not compile is
    left for its page to report."""
    from django.apps import apps
    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.template.utils import get_app_template_dirs
    from django.urls import get_resolver
    from django.utils import translation

    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 -- built per language on first reading
            resolver.namespace_dict  # noqa: B018
            resolver.app_dict  # noqa: B018
    base = str(settings.BASE_DIR)
    for engine in engines.all():
        folders = [*engine.dirs, *get_app_template_dirs("templates")] if engine.app_dirs else []
        for folder in {str(f) for f in folders if str(f).startswith(base)}:
            for path in sorted(Path(folder).rglob("*.html")):
                with contextlib.suppress(TemplateSyntaxError, TemplateDoesNotExist):
                    engine.get_template(path.relative_to(folder).as_posix())
    for config in apps.get_app_configs():
        hook = getattr(config, "warm_up", None)
        if callable(hook):
            hook()


def settle_heap() -> None:
    """Collect once, then move every object alive now (modules, classes, compiled templates,
    URL tables: ~170,000 objects) out of the cyclic garbage collector's reach (gc.freeze).

    Issue 15: under load a full (generation 2) collection ran every few seconds and walked the
    whole heap: 40 ms of CPU, 70–220 ms of wall time on a busy 2-core machine, with the GIL
    held, so every request in flight stalled that long (the tails of 10–20× the median).
    Frozen objects are still freed by reference counting; only cycles among them would never
    be collected, and the startup heap has none left after the collection."""
    gc.collect()
    gc.freeze()


def get_application() -> Router:
    _configure_environment()
    import django

    django.setup(set_prefix=False)
    router = Router(threads=env_int("MPP_THREADS", 8))
    if os.environ.get("MPP_SERVE_WARM", "1") != "0":
        warm_up()
        settle_heap()
    return router


@functools.cache
def _application() -> Router:
    return get_application()


async def application(scope: Scope, receive: Receive, send: Send) -> None:
    """The ASGI entry point (``mpp.serve:application``); the router is built on first use,
    in the worker process."""
    await _application()(scope, receive, send)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m mpp.serve", description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=env_int("PORT", 8000))
    parser.add_argument("--workers", type=int, default=env_int("MPP_WORKERS", 1))
    args = parser.parse_args(argv)
    _configure_environment()
    import uvicorn

    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.run(
            "mpp.serve:application",
            host=args.host,
            port=args.port,
            workers=args.workers,
            loop="uvloop",
            http="httptools",
            lifespan="on",
            proxy_headers=True,
            access_log=False,
            log_level=os.environ.get("LOG_LEVEL", "info").lower(),
        )


if __name__ == "__main__":
    main()
