"""The check the PostgreSQL pool runs before lending a connection (mpp/core/pgpool.py, issue 11):
no round trip for a healthy idle connection, a refusal for one whose backend is gone, and a
real psycopg pool that lends a working connection after its backend was terminated. The
settings wire it in instead of Django's per-request empty query."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from mpp.core.pgpool import check_pooled_connection

ROOT = Path(__file__).resolve().parents[2]


def _on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL only (DATABASE_URL)")


def _params() -> dict[str, Any]:
    """The test database's connection parameters, as Django gives them to psycopg."""
    params = connection.get_connection_params()
    params["autocommit"] = True  # as Django's pool opens them
    return params


@pytest.fixture
def pg() -> Iterator[Any]:
    """Opens psycopg connections to the test database; closes them afterwards."""
    import psycopg

    _on_postgresql()
    opened: list[psycopg.Connection[Any]] = []

    def connect() -> psycopg.Connection[Any]:
        conn = psycopg.connect(**_params())
        opened.append(conn)
        return conn

    yield connect
    for conn in opened:
        conn.close()


def _terminate(admin: Any, pid: int) -> None:
    """Ends the backend `pid` as a restart or an administrator would, and waits until it is
    gone (pg_terminate_backend only signals it)."""
    assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0] is True
    deadline = time.monotonic() + 10
    while admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()[
        0
    ]:
        assert time.monotonic() < deadline, f"backend {pid} did not end"
        time.sleep(0.02)


def _traffic(conn: Any, tmp_path: Path, action: Any) -> str:
    """What `action(conn)` said to the server and heard back (libpq's protocol trace)."""
    trace = tmp_path / f"trace-{time.monotonic_ns()}.txt"
    with trace.open("wb") as out:
        conn.pgconn.trace(out.fileno())
        try:
            action(conn)
        finally:
            conn.pgconn.untrace()
    return trace.read_text()


@pytest.mark.django_db
def test_pool_check_passes_an_idle_connection_without_a_round_trip(pg, tmp_path):
    from psycopg_pool import ConnectionPool

    conn = pg()
    conn.execute("SELECT 1")

    ours = _traffic(conn, tmp_path, check_pooled_connection)
    stock = _traffic(conn, tmp_path, ConnectionPool.check_connection)

    assert ours == ""
    # The trace does record a round trip: Django's default check sends an empty query.
    assert [line.split("\t")[1:4] for line in stock.splitlines()] == [
        ["F", "5", "Query"],
        ["B", "4", "EmptyQueryResponse"],
        ["B", "5", "ReadyForQuery"],
    ]


@pytest.mark.django_db
def test_pool_check_refuses_a_connection_whose_backend_was_terminated(pg):
    import psycopg

    conn, admin = pg(), pg()
    _terminate(admin, conn.info.backend_pid)

    with pytest.raises(psycopg.OperationalError, match="terminating connection"):
        check_pooled_connection(conn)
    assert conn.closed


@pytest.mark.django_db
def test_pool_check_refuses_a_closed_connection_without_touching_it(pg):
    conn = pg()
    conn.close()

    with pytest.raises(Exception, match="closed"):
        check_pooled_connection(conn)


@pytest.mark.django_db
def test_pool_check_passes_a_readable_healthy_connection_after_a_round_trip(pg, tmp_path):
    # A notification makes an idle socket readable without anything being wrong: the check
    # then asks the server, which answers.
    conn, other = pg(), pg()
    conn.execute("LISTEN mpp_pool_check")
    other.execute("NOTIFY mpp_pool_check")
    time.sleep(0.1)

    traffic = _traffic(conn, tmp_path, check_pooled_connection)

    assert "Query" in traffic
    assert "NotificationResponse" in traffic
    assert not conn.closed


@pytest.mark.django_db
def test_pool_with_the_check_lends_a_working_connection_after_a_backend_is_terminated(pg):
    from psycopg_pool import ConnectionPool

    admin = pg()
    with ConnectionPool(
        kwargs=_params(), min_size=1, max_size=1, open=True, check=check_pooled_connection
    ) as pool:
        with pool.connection() as conn:
            first = conn.info.backend_pid
        _terminate(admin, first)

        with pool.connection(timeout=10) as conn:
            second = conn.info.backend_pid
            answer = conn.execute("SELECT 41 + 1").fetchone()[0]
        stats = pool.get_stats()

    assert second != first
    assert answer == 42
    assert stats["connections_lost"] == 1


@pytest.mark.django_db
def test_djangos_pool_uses_the_check(db):
    _on_postgresql()
    if not connection.settings_dict["OPTIONS"].get("pool"):
        pytest.skip("the pool is off (DB_POOL_MAX=0)")
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is False
    assert connection.pool._check is check_pooled_connection


def _database_settings(**env: str) -> dict[str, Any]:
    """The databases' pool and health-check settings, and the check each pool got, as a
    fresh process with `env` builds them (no database is opened)."""
    script = """
import json
import django
from django.db import connections
django.setup()
out = {}
for alias in connections:
    db = connections[alias]
    pool = db.pool
    out[alias] = {
        "health_checks": db.settings_dict["CONN_HEALTH_CHECKS"],
        "pool_check": getattr(getattr(pool, "_check", None), "__qualname__", None),
    }
print(json.dumps(out))
"""
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("DB_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "mpp.settings",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_settings_pool_uses_our_check_and_no_pool_keeps_djangos_health_checks():
    url = "postgres://postgres@127.0.0.1:5432/mpp_unused"

    pooled = _database_settings(DATABASE_URL=url, DATABASE_REPLICA_URL=url)
    unpooled = _database_settings(
        DATABASE_URL=url, DATABASE_REPLICA_URL=url, DB_POOL_MAX="0", DB_CONN_MAX_AGE="60"
    )

    ours = {"health_checks": False, "pool_check": "check_pooled_connection"}
    djangos = {"health_checks": True, "pool_check": None}
    assert pooled == {"default": ours, "replica": ours}
    assert unpooled == {"default": djangos, "replica": djangos}
