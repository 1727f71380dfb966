"""Python function calls per request of the production profile's hot operations, counted by
cProfile through Django's WSGI handler (the handler the server's worker threads run), on the
database `prod_bench.py` prepared, with the production settings it serves them with.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/2 \
    .venv/bin/python bench/prod_bench.py --db mpp_prod_bench ...   # once: prepares the database
    DATABASE_URL=... REDIS_URL=... .venv/bin/python bench/request_profile.py \
        [--db mpp_prod_bench] [--op ticket|call|healthz] [-n 300] [--top 40]

The count of calls per request is deterministic for the same code and data: it shows a change
in the work a request does where the wall-clock figures of this shared, noisy machine cannot
(docs/performance.md). `--op call` is one officer's call-next followed by the finish of the
ticket called (two requests); it issues walk-in tickets first so that there is a line. The
time per request printed is under the profiler (several times the real cost): compare counts,
not times. `--op press` is one press of call-next naming the ticket at the counter to finish
first (`?finish=<code>`, one request per citizen). Writes tickets and events into the
benchmark's database, like the benchmark.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import logging
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from load_env import load_test_env
from prod_bench import KEYS, database_url

ROOT = Path(__file__).resolve().parents[1]


def setup(db: str) -> Callable[..., Any]:
    """Django on the benchmark's database with the production settings; returns `request`."""
    if not KEYS.exists():
        raise SystemExit(f"{KEYS} is missing: run bench/prod_bench.py once first")
    for line in KEYS.read_text().splitlines():
        name, _, value = line.partition("=")
        if name:
            os.environ[name] = value
    os.environ.update(load_test_env())
    os.environ.update(
        DATABASE_URL=database_url(os.environ["DATABASE_URL"], db),
        DJANGO_SETTINGS_MODULE="mpp.settings",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        TASKS_BACKEND="database",
        LOG_FORMAT="json",
        MPP_ACCESS_LOG="true",
    )
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    # The access log is formatted as the server formats it, and written to nowhere.
    sink = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    for logger in [logging.getLogger(), *map(logging.getLogger, logging.root.manager.loggerDict)]:
        for handler in getattr(logger, "handlers", []):
            if isinstance(handler, logging.StreamHandler):
                handler.setStream(sink)

    def request(method: str, path: str, body: bytes = b"", token: str = "") -> Any:
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
            "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": "application/json",
        }  # fmt: skip
        if token:
            environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        status: list[str] = []
        result = app(environ, lambda s, h, e=None: status.append(s))
        content = b"".join(result)
        result.close()
        if not status[0].startswith("2"):
            raise SystemExit(f"{method} {path}: {status[0]} {content[:300]!r}")
        return json.loads(content)

    return request


def operations(request: Callable[..., Any], op: str, n: int) -> tuple[Callable[[], None], int]:
    """The operation to profile and how many to run first (warm-up)."""
    from mpp.accounts.tokens import issue_api_token
    from mpp.queueing.models import Counter, QueueService

    services = list(
        QueueService.objects.filter(service__is_active=True, walk_in_enabled=True)
        .order_by("service_id")
        .values_list("service__slug", flat=True)
    )
    next_service = itertools.cycle(services)
    # Connections, the process caches (per service), the day's sequences.
    warm = 20 + len(services)

    def issue() -> None:
        body = json.dumps({"service": next(next_service)}).encode()
        request("POST", "/api/v1/queue/tickets", body)

    if op == "ticket":
        return issue, warm
    if op == "healthz":
        return lambda: request("GET", "/healthz"), warm
    officers = [
        (counter.number, issue_api_token(user=counter.officer))
        for counter in Counter.objects.filter(officer__username__startswith="bench-counter")
        .select_related("officer")
        .order_by("number")[:16]
    ]
    if not officers:
        raise SystemExit("no bench officers: run bench/prod_bench.py on this database first")
    for _ in range(n * 10):
        issue()  # a line to call from
    next_officer = itertools.cycle(officers)

    def call() -> None:
        number, token = next(next_officer)
        called = request("POST", f"/api/v1/queue/counters/{number}/call-next", token=token)
        if called["ticket"]:
            code = called["ticket"]["code"]
            request("POST", f"/api/v1/queue/tickets/{code}/finish", token=token)

    at_counter: dict[int, str] = {}

    def press() -> None:
        number, token = next(next_officer)
        finish = f"?finish={at_counter[number]}" if number in at_counter else ""
        url = f"/api/v1/queue/counters/{number}/call-next{finish}"
        called = request("POST", url, token=token)["ticket"]
        if called:
            at_counter[number] = called["code"]
        else:
            at_counter.pop(number, None)

    return (press if op == "press" else call), warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="mpp_prod_bench")
    parser.add_argument("--op", choices=["ticket", "call", "press", "healthz"], default="ticket")
    parser.add_argument("-n", type=int, default=300, help="operations profiled (after a warm-up)")
    parser.add_argument("--top", type=int, default=0, help="print the N costliest functions")
    args = parser.parse_args()
    operation, warm = operations(setup(args.db), args.op, args.n)
    for _ in range(warm):
        operation()
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for _ in range(args.n):
        operation()
    profile.disable()
    elapsed = time.perf_counter() - started
    stats = pstats.Stats(profile, stream=sys.stdout)
    calls = stats.total_calls / args.n  # type: ignore[attr-defined]
    print(
        f"{args.op}: {calls:,.0f} Python function calls per operation "
        f"({args.n} operations; {elapsed / args.n * 1000:.2f} ms each under the profiler)"
    )
    if args.top:
        stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
