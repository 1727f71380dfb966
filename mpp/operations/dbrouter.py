"""Read replica for the read-heavy public pages, behind one setting (`DATABASE_REPLICA_URL`).

With a replica configured, GET and HEAD requests to the views named in `MPP_REPLICA_VIEWS`
(the catalogue, the transparency dashboard and open data, their API operations) read the
mall's data from the replica; everything else — every write, every staff page, sessions and
sign-ins — stays on the primary. A page that reads the replica may be a few seconds behind
the primary (streaming replication lag): acceptable for a catalogue and yesterday's
statistics, never used for a queue or a form.

If the replica fails, the request is run again on the primary and the replica is left alone
for `RETRY_SECONDS`: a broken replica costs speed, not service.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("mpp.replica")

REPLICA = "replica"
RETRY_SECONDS = 30.0
_use_replica: ContextVar[bool] = ContextVar("mpp_use_replica", default=False)
_down_until = 0.0

# Sessions, sign-ins and second factors always come from the primary: a sign-in that the
# replica has not seen yet must not look signed out.
_PRIMARY_ONLY_APPS = frozenset(
    {"sessions", "auth", "accounts", "otp_totp", "django_otp", "axes", "admin", "operations"}
)


@contextlib.contextmanager
def reading_from_replica() -> Iterator[None]:
    token = _use_replica.set(True)
    try:
        yield
    finally:
        _use_replica.reset(token)


class ReadReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if _use_replica.get() and model._meta.app_label not in _PRIMARY_ONLY_APPS:
            return REPLICA
        return None

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica is a copy of the primary: objects from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"


def _eligible(request: HttpRequest) -> bool:
    if request.method not in {"GET", "HEAD"} or time.monotonic() < _down_until:
        return False
    match = request.resolver_match
    if match is None:
        return False
    names: frozenset[str] = settings.MPP_REPLICA_VIEWS
    namespace = match.namespace
    return f"{namespace}:*" in names or f"{namespace}:{match.url_name}" in names


def _replica_broken() -> bool:
    try:
        connections[REPLICA].close()
        connections[REPLICA].ensure_connection()
    except (OperationalError, InterfaceError):
        return True
    return False


class ReadReplicaMiddleware:
    """Runs eligible views with reads routed to the replica (last in MIDDLEWARE)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        global _down_until  # noqa: PLW0603 - one circuit breaker per process
        if not _eligible(request):
            return None
        try:
            with reading_from_replica():
                response = view_func(request, *view_args, **view_kwargs)
                # Templates render lazily: render inside, while reads still go to the replica.
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                return response
        except (OperationalError, InterfaceError):
            if not _replica_broken():
                raise
            _down_until = time.monotonic() + RETRY_SECONDS
            logger.warning(
                "read replica unreachable; reading from the primary for %.0f s", RETRY_SECONDS
            )
            return view_func(request, *view_args, **view_kwargs)
