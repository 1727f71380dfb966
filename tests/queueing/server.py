"""Run the real application server (`python -m mpp.serve`, as `make run` and production do) in
worker processes against the test database, for the multi-process concurrency tests
(docs/reliability.md §5.4: app-level locks cannot hide bugs) and the tests of the serving
path."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
from collections.abc import Iterator

from django.db import connection

from bench.server_process import free_port, running_server

__all__ = ["app_server", "free_port", "request", "test_server_env"]


def _database_env() -> dict[str, str]:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings.get("USER") or "postgres"
        password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
        host = settings.get("HOST") or "127.0.0.1"
        port = settings.get("PORT") or 5432
        return {"DATABASE_URL": f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"}
    return {"DATABASE_URL": "", "SQLITE_PATH": str(settings["NAME"])}


def test_server_env() -> dict[str, str]:
    """What the suite's in-process fixtures (tests/conftest.py) set, for a server in its own
    process: walk-ins open all day (the CI runs at any hour), fair-use limits out of the way of
    tests that post many times from one address, bookings without a phone code, no quiet hours.
    Tests of those rules run in-process with them switched back on."""
    from mpp.core.fairuse import DEFAULT_LIMITS

    generous = {
        action: {budget: [1_000_000, window] for budget, (_count, window) in budgets.items()}
        for action, budgets in DEFAULT_LIMITS.items()
    }
    return {
        "MPP_DEMO_MODE": "1",
        "MPP_FAIR_USE": json.dumps(generous),
        "MPP_QUEUE_BOOKING_REQUIRE_CODE": "0",
        "MPP_NOTIFY_QUIET_HOURS": "",
    }


@contextlib.contextmanager
def app_server(workers: int = 3, extra_env: dict[str, str] | None = None) -> Iterator[int]:
    """Start `python -m mpp.serve` with `workers` processes on 127.0.0.1; yield its port;
    stop it (bench/server_process.py does the starting, waiting and stopping)."""
    env = {
        **os.environ,
        **_database_env(),
        **test_server_env(),
        "DJANGO_SETTINGS_MODULE": "mpp.settings",
        "STATIC_PLAIN": "1",
        "LOG_LEVEL": "WARNING",
        "DB_POOL_MAX": "8",
        **(extra_env or {}),
    }
    if "REDIS_URL" not in (extra_env or {}):
        env.pop("REDIS_URL", None)
    with running_server(env, workers=workers) as (port, _process):
        yield port


def request(
    port: int,
    method: str,
    path: str,
    body: dict | None = None,
    *,
    headers: dict[str, str] | None = None,
    conn: http.client.HTTPConnection | None = None,
) -> tuple[int, dict]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    data = json.dumps(body).encode() if body is not None else None
    conn.request(
        method,
        path,
        body=data,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    response = conn.getresponse()
    raw = response.read()
    if own:
        conn.close()
    try:
        payload = json.loads(raw) if raw else {}
    except ValueError:
        payload = {"raw": raw[:200].decode(errors="replace")}
    return response.status, payload
