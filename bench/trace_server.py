"""The `make run` server with a per-request trace, to find what stalls single requests.

    python bench/trace_server.py --port P   (environment as for `python -m mpp.serve`)

Runs `mpp.serve`'s application in one uvicorn process, exactly as `python -m mpp.serve`
does, and records in memory, for every HTTP request: when it arrived at the application, when
a worker thread picked it up, when the thread finished, when the response was handed to
the event loop's transport, the worker thread's CPU time; and, for the whole process, every
cyclic garbage collection (gc.callbacks: start, end, generation, objects collected) and every
miss of the per-process caches (search result, results fragment, mall). On exit (SIGTERM) it
writes everything as JSON to MPP_TRACE_OUT; bench/trace_report.py reads it.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

clock = time.perf_counter
requests: list[tuple[Any, ...]] = []
gcs: list[tuple[float, float, int, int]] = []
misses: list[tuple[str, float, float]] = []
lags: list[tuple[float, float]] = []  # (when, how late) for event-loop wake-ups late > 2 ms
_gc_started: dict[str, float] = {}


def _gc_callback(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _gc_started["t"] = clock()
    else:
        gcs.append((_gc_started.get("t", clock()), clock(), info["generation"], info["collected"]))


def _dump() -> None:
    out = os.environ.get("MPP_TRACE_OUT")
    if not out:
        return
    target = Path(out)
    if target.is_dir():
        target = target / f"trace-{time.strftime('%H%M%S')}-{os.getpid()}.json"
    target.write_text(
        json.dumps(
            {
                "requests": requests,
                "gcs": gcs,
                "misses": misses,
                "lags": lags,
                "gc_threshold": gc.get_threshold(),
                "gc_count": gc.get_count(),
                "gc_freeze_count": gc.get_freeze_count(),
                "objects": len(gc.get_objects()),
            }
        )
    )


def _timed_miss(name: str, func: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = clock()
        try:
            return func(*args, **kwargs)
        finally:
            misses.append((name, started, clock()))

    return wrapper


def build() -> Any:  # noqa: PLR0915 -- one wrapper per traced layer, kept together
    from mpp import serve

    if os.environ.get("TRACE_SWITCH_MS"):
        sys.setswitchinterval(float(os.environ["TRACE_SWITCH_MS"]) / 1000)
    router = serve.get_application()

    from django.template import loader

    from mpp.catalog.search import engine
    from mpp.core import tenancy

    engine._search = _timed_miss("search", engine._search)  # type: ignore[attr-defined]
    tenancy._resolve = _timed_miss("mall", tenancy._resolve)  # type: ignore[attr-defined]
    from mpp.catalog import search_page

    real_render = loader.render_to_string

    def render_to_string(name: Any, *args: Any, **kwargs: Any) -> Any:
        if name == "catalog/_search_results.html":
            return _timed_miss("fragment", real_render)(name, *args, **kwargs)
        return real_render(name, *args, **kwargs)

    search_page.render_to_string = render_to_string  # type: ignore[attr-defined]

    bridge = router.wsgi
    real_run = bridge._run

    def traced_run(environ: dict[str, Any], loop: Any, send: Any) -> Any:
        t1 = clock()
        c1 = time.thread_time()
        try:
            return real_run(environ, loop, send)
        finally:
            environ["mpp.trace"] = (t1, clock(), time.thread_time() - c1)

    bridge._run = traced_run  # type: ignore[method-assign]
    real_build_environ = serve.build_environ
    kept: dict[int, dict[str, Any]] = {}
    watchers: list[Any] = []

    def build_environ(scope: Any, body: Any) -> dict[str, Any]:
        environ = real_build_environ(scope, body)
        kept[id(scope)] = environ
        return environ

    serve.build_environ = build_environ  # type: ignore[assignment]

    async def watch_loop() -> None:
        import asyncio

        while True:
            before = clock()
            await asyncio.sleep(0.001)
            late = clock() - before - 0.001
            if late > 0.002:
                lags.append((before, late))

    async def application(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            import asyncio

            watcher = asyncio.ensure_future(watch_loop())
            watchers.append(watcher)

            # uvicorn re-raises SIGTERM after its shutdown (no atexit): write the trace here.
            async def sending(message: Any) -> None:
                if message["type"] == "lifespan.shutdown.complete":
                    _dump()
                await send(message)

            await router(scope, receive, sending)
            return
        if scope["type"] != "http":
            await router(scope, receive, send)
            return
        t0 = clock()
        try:
            await router(scope, receive, send)
        finally:
            environ = kept.pop(id(scope), None)
            trace = environ.get("mpp.trace") if environ else None
            t1, t2, cpu = trace or (t0, t0, 0.0)
            requests.append((scope["path"], t0, t1, t2, clock(), cpu, threading.active_count()))

    return application


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mpp.settings")
    os.environ.setdefault("DB_CONN_MAX_AGE", "600")
    gc.callbacks.append(_gc_callback)
    import uvicorn

    uvicorn.run(
        build(),
        host="127.0.0.1",
        port=args.port,
        loop="uvloop",
        http="httptools",
        lifespan="on",
        access_log=False,
        log_level="warning",
    )


if __name__ == "__main__":
    main()
