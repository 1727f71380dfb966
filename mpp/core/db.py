"""Database helpers shared by the apps."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from asgiref.sync import sync_to_async
from django.db import connections

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
