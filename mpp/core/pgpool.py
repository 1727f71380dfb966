"""The check psycopg's connection pool runs on a connection before it lends it (issue 11).

Django's own choice (`CONN_HEALTH_CHECKS=True` with a pool) is psycopg_pool's
`ConnectionPool.check_connection`: an empty query, so one network round trip to PostgreSQL
before every request that touches the database (≈ 2 % of a web process's CPU, and work and
latency on the database). `check_pooled_connection` costs no round trip when the connection
looks healthy, which is nearly always.

Settings import this module, so it imports nothing from Django.
"""

from __future__ import annotations

import select
from typing import Any

import psycopg
from psycopg import pq
from psycopg_pool import ConnectionPool


class ConnectionClosedError(Exception):
    """The pooled connection is closed; the pool discards it and lends another one."""


def check_pooled_connection(conn: psycopg.Connection[Any]) -> None:
    """Return quietly if `conn` can be lent; raise (the pool then discards it and takes or
    opens another) if it cannot.

    - A connection libpq already knows to be closed or broken is refused at once.
    - Otherwise its socket is polled with a zero timeout. An idle pooled connection has
      nothing to read, unless the server went away: when PostgreSQL restarts, or a backend is
      terminated (`pg_terminate_backend`, `idle_session_timeout`), the server writes a FATAL
      message and closes the socket, which makes it readable. Only then does this run
      psycopg_pool's `ConnectionPool.check_connection` (an empty query: the round trip),
      which raises for the dead connection and marks it BAD. Rare harmless reasons for a
      readable idle socket (a NOTIFY, a ParameterStatus after a configuration reload) cost
      that round trip and nothing else.

    What this does not see: a network that broke silently (no FIN or RST arrived, so nothing
    is readable). The request's first query then fails instead; the stock check would have
    sent its empty query into the same silence and failed (or waited for the TCP timeout)
    the same way. The failing query raises OperationalError, which the app answers with a
    503 (`mpp.core.views.server_error`, and the API's handler), and when Django gives the
    connection back (`DatabaseWrapper._close` → `ConnectionPool.putconn`) psycopg_pool's
    `_return_connection` finds its transaction status UNKNOWN (libpq reports UNKNOWN for
    every connection whose status is not OK), counts it in `returns_bad`, does not put it
    back in the pool and opens a replacement (`AddConnection`). Checked in psycopg_pool
    3.3.3 (pool.py: `putconn` → `_putconn` → `_return_connection`).
    """
    if conn.closed or conn.pgconn.status != pq.ConnStatus.OK:
        raise ConnectionClosedError(f"connection is closed (libpq status {conn.pgconn.status})")
    if _readable(conn.pgconn.socket):
        ConnectionPool.check_connection(conn)


def _readable(fd: int) -> bool:
    """Whether the socket has anything to report now: data, end of stream or an error."""
    if hasattr(select, "poll"):
        # poll, not select: select() refuses descriptors above 1023, and a web process with
        # many open live streams has those.
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLPRI)  # errors and hang-ups always count
        return bool(poller.poll(0))
    readable, _, failed = select.select([fd], [], [fd], 0)  # Windows has no poll()
    return bool(readable or failed)
