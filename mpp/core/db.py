"""Database helpers shared by the apps."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper

P = ParamSpec("P")
R = TypeVar("R")


def database_sync_to_async(func: Callable[P, R]) -> Callable[P, Awaitable[R]]:
    """`sync_to_async` for a database read from an async view, closing the thread's
    connections afterwards.

    Django's ASGI handler runs such code in a thread made for the request. The server keeps
    connections open between requests (`CONN_MAX_AGE`, or a pool on PostgreSQL), which is
    right for its fixed worker threads but would leave this short-lived thread's connection
    open (or borrowed from the pool) until the garbage collector finds it.
    """

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        finally:
            connections.close_all()

    return sync_to_async(run)


def prepared_cursor() -> Any:
    """A cursor whose statements PostgreSQL prepares once per connection (issue 11), for the
    few hot statements written in SQL (the kiosk ticket, the officer's presses).

    Django's own cursors bind parameters on the client and never prepare, so PostgreSQL parses
    and plans every statement again: for the call path's statements planning took longer than
    running them. This cursor binds on the server (`%s` parameters must have a type PostgreSQL
    can infer, else cast them) and, with `prepare_threshold` 0 on the connection
    (`DB_PREPARE`, on by default), is prepared at its first run; Django's cursors ignore the
    threshold. Elsewhere (SQLite, `DB_PREPARE=false` for a transaction-mode connection pooler
    that cannot keep prepared statements) it is Django's usual cursor. It is logged and
    wrapped like any Django cursor (query counts in tests, error translation)."""
    db = connections[DEFAULT_DB_ALIAS]  # once: each `connection.x` looks the alias up again
    if db.vendor != "postgresql" or not settings.MPP_DB_PREPARE:
        return db.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    db.ensure_connection()
    raw = ServerBindingCursor(db.connection)  # type: ignore[call-arg]
    db.validate_thread_sharing()
    if db.queries_logged:
        return _LoggedServerCursor(raw, db)
    return CursorWrapper(raw, db)


class _LoggedServerCursor(CursorDebugWrapper):
    """Django's query log (DEBUG, tests' query counts) reads the statement a client-side
    cursor sent; a server-side one keeps none, so the log gets it composed here."""

    def execute(self, sql: Any, params: Any = None) -> Any:
        with self.debug_sql(self.db.ops.compose_sql(sql, params or ()), params):
            return CursorWrapper.execute(self, sql, params)
