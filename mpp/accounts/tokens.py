"""API bearer tokens: issue one for a user, authenticate a request by it, revoke it.

Tokens are random (secrets.token_urlsafe, 256 bits) and stored as SHA-256 digests, so a
database leak does not leak usable tokens. Checking one is a single indexed lookup: no
signature verification on the hot path (TheQ spent 42 % of its CPU there, docs/peers.md §7).

Counter PCs send their token with every call (issue 11: the officer's call path), so each
process remembers the tokens it validated (`TokenCache`): keyed by the digest, for at most
`TOKEN_CACHE_SECONDS`, and only while the shared *token generation* (one key in the shared
cache, Redis in production) is the one seen at validation. Without Redis (the embedded
default) the generation is a small file next to the SQLite database, so the web process, the
worker and any `manage.py` command on that machine share it too (a second web process on
SQLite hears a revocation at once, not after the cache's lifetime). Everything that can change a
token's answer bumps the generation after it commits (`bump_token_generation`): a token saved
or deleted (`revoke_api_tokens`), a user saved (deactivated, no longer staff, …) or deleted, a
staff membership granted, changed or revoked. Every process compares the generation on every
request (one cache read instead of a database query), so a revocation takes effect at once on
every app server. While the shared cache is unreachable, tokens are checked in the database
every time (a process cannot hear another's bump then).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import secrets
import threading
import time
from pathlib import Path
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connections, transaction
from django.http import HttpRequest
from ninja.security import HttpBearer

from mpp.accounts.models import ApiToken, User
from mpp.audit.domain import record_event
from mpp.core.redis_cache import RETRY_SECONDS

logger = logging.getLogger("mpp.accounts")

TOKEN_PREFIX = "mpp_"  # noqa: S105 - a visible prefix, not a secret
#: How long a process trusts a token it validated without asking the database again.
TOKEN_CACHE_SECONDS = 30.0
#: The shared cache key of the token generation (see the module docstring).
GENERATION_KEY = "accounts:token-generation"

_USER_FIELDS = tuple(f.attname for f in User._meta.concrete_fields)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_api_token(*, user: User, name: str = "", actor: Any = None) -> str:
    """Create a token for `user` and return it; only its digest is kept. The issue goes to
    the audit trail with `actor` (the user, its first characters and name: never the token),
    as its revocation does."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        row = ApiToken.objects.create(user=user, name=name, digest=_digest(token), hint=token[:8])
        record_event(
            action="accounts.api_token_issued",
            obj=row,
            actor=actor,
            data={"user": user.pk, "hint": row.hint, "name": name},
        )
    return token


def revoke_api_tokens(
    *, user: User | None = None, token: str = "", name: str | None = None, actor: Any = None
) -> list[ApiToken]:
    """Deactivate a user's active tokens (only those called `name`, if given) or the one
    `token`; refused at once by every process. Each revocation goes to the audit trail (the
    platform's chain: tokens belong to no one mall) with `actor`. Returns the tokens revoked.
    Use this rather than a bare queryset `update()`, which would not bump the token
    generation."""
    tokens = ApiToken.objects.filter(is_active=True)
    if user is not None:
        tokens = tokens.filter(user=user)
    if name is not None:
        tokens = tokens.filter(name=name)
    if token:
        tokens = tokens.filter(digest=_digest(token))
    elif user is None:
        raise ValueError("revoke_api_tokens needs a user or a token")
    with transaction.atomic():
        revoked = list(tokens.select_for_update().order_by("pk"))
        ApiToken.objects.filter(pk__in=[t.pk for t in revoked]).update(is_active=False)
        for row in revoked:
            row.is_active = False
            record_event(
                action="accounts.api_token_revoked",
                obj=row,
                actor=actor,
                data={"user": row.user_id, "hint": row.hint, "name": row.name},
            )
        bump_token_generation()
    return revoked


def bump_token_generation() -> None:
    """Make every process re-check its cached tokens in the database: now (for this process
    and any that asks before the commit, which then re-checks once more) and after the
    surrounding transaction commits (so no process can re-validate against the old rows)."""
    _new_generation()
    transaction.on_commit(_new_generation)


# With Redis (production) the generation is one plain key read through a client this module
# keeps: Django's cache makes a client object for every call, which cost more CPU than the
# token query it replaces. Without Redis (one process: `make run`, the tests) it lives in the
# cache of the process.
_redis_down_until = 0.0


@functools.cache
def _redis_client(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)


def _redis_key() -> str:
    prefix = settings.CACHES.get("default", {}).get("KEY_PREFIX", "")
    return f"{prefix}:{GENERATION_KEY}" if prefix else GENERATION_KEY


def _redis(op: str, *args: Any, **kwargs: Any) -> tuple[bool, Any]:
    """(True, answer) from Redis, (False, None) while it is unreachable (then retried after
    RETRY_SECONDS, like the resilient cache)."""
    global _redis_down_until  # noqa: PLW0603 - one circuit breaker per process
    if time.monotonic() < _redis_down_until:
        return False, None
    try:
        return True, getattr(_redis_client(settings.REDIS_URL), op)(_redis_key(), *args, **kwargs)
    except Exception:
        _redis_down_until = time.monotonic() + RETRY_SECONDS
        logger.warning("Redis unreachable: API tokens are checked in the database", exc_info=True)
        return False, None


def _generation_file() -> Path:
    """Where the generation is kept without Redis: beside the SQLite database (so each test
    database, and each installation, has its own), else in the project's var/ folder."""
    name = str(connections["default"].settings_dict.get("NAME") or "")
    if (
        connections["default"].vendor == "sqlite"
        and name
        and not name.startswith((":memory:", "file:"))
    ):
        return Path(name + ".token-generation")
    return Path(settings.BASE_DIR) / "var" / "token-generation"


def _write_generation_file(value: str) -> None:
    path = _generation_file()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(value)
        tmp.replace(path)  # atomic: a reader sees the old value or the new one
    except OSError:
        logger.warning("token generation file not writable: %s", path, exc_info=True)
        tmp.unlink(missing_ok=True)
        path.unlink(missing_ok=True)  # no file: every process asks the database


def _read_generation_file() -> str | None:
    try:
        value = _generation_file().read_text().strip()
    except FileNotFoundError:
        _write_generation_file(secrets.token_hex(8))
        try:
            value = _generation_file().read_text().strip()
        except OSError:
            return None
    except OSError:
        return None
    return value or None


def _new_generation() -> None:
    value = secrets.token_hex(8)
    if settings.REDIS_URL:
        _redis("set", value)
    else:
        _write_generation_file(value)


def _generation() -> str | None:
    """The shared generation, or None when it cannot be read (Redis down: a bump by another
    process would go unheard, so nothing is answered from memory then)."""
    if settings.REDIS_URL:
        ok, value = _redis("get")
        if ok and value is None:
            _redis("set", secrets.token_hex(8), nx=True)  # first use, or Redis was emptied
            ok, value = _redis("get")
        return value.decode() if ok and value is not None else None
    return _read_generation_file()


class _Entry(NamedTuple):
    expires: float
    generation: str
    user_values: tuple[Any, ...]
    db: str


class TokenCache:
    """The tokens one process validated (see the module docstring). Each answer is a fresh
    `User` instance: what a request caches on its user (memberships, permissions, the token
    mark) never leaks into the next request."""

    def __init__(self, seconds: float = TOKEN_CACHE_SECONDS, max_entries: int = 10_000) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def user(self, token: str) -> User | None:
        if not token or len(token) > 200:
            return None
        digest = _digest(token)
        generation = _generation()
        entry = self._entries.get(digest)
        if (
            entry is not None
            and generation is not None
            and entry.generation == generation
            and entry.expires > time.monotonic()
        ):
            return User.from_db(entry.db, _USER_FIELDS, entry.user_values)
        row = (
            ApiToken.objects.select_related("user")
            .filter(digest=digest, is_active=True, user__is_active=True)
            .first()
        )
        if row is None:
            self._entries.pop(digest, None)
            return None
        if generation is not None:
            values = tuple(getattr(row.user, name) for name in _USER_FIELDS)
            with self._lock:
                if len(self._entries) >= self.max_entries:
                    self._entries.clear()
                self._entries[digest] = _Entry(
                    time.monotonic() + self.seconds,
                    generation,
                    values,
                    row.user._state.db or "default",
                )
        return row.user


_tokens = TokenCache()


def user_for_token(token: str) -> User | None:
    """The active user of an active token, else None."""
    return _tokens.user(token)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mpp_…`. Sets request.user to the token's user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        return user


# --- What bumps the generation -------------------------------------------------------------

#: User saves that cannot change a token's answer (a sign-in stamps `last_login`).
_HARMLESS_USER_FIELDS = frozenset({"last_login"})


def _token_changed(sender: Any, **kwargs: Any) -> None:
    bump_token_generation()


def _holds_tokens(user_id: Any) -> bool:
    # Citizens sign up and edit their profiles all day: only a change to someone who holds a
    # token makes every process re-check its tokens.
    return user_id is not None and ApiToken.objects.filter(user_id=user_id).exists()


def _user_saved(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is not None and set(update_fields) <= _HARMLESS_USER_FIELDS:
        return
    if _holds_tokens(instance.pk):
        bump_token_generation()


def _membership_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _holds_tokens(instance.user_id):
        bump_token_generation()


def connect_signals() -> None:
    """Bump the generation on every saved or deleted token, and on every change to a user who
    holds one or to their staff memberships (`AccountsConfig.ready`). Queryset `update()` sends
    no signal: code that changes these rows in bulk calls `bump_token_generation` itself (as
    `revoke_api_tokens` does)."""
    from django.db.models.signals import post_delete, post_save

    from mpp.accounts.models import StaffMembership

    uid = "mpp.accounts.tokens"
    post_save.connect(_token_changed, sender=ApiToken, dispatch_uid=f"{uid}.token_saved")
    post_delete.connect(_token_changed, sender=ApiToken, dispatch_uid=f"{uid}.token_deleted")
    post_save.connect(_user_saved, sender=User, dispatch_uid=f"{uid}.user_saved")
    post_delete.connect(_token_changed, sender=User, dispatch_uid=f"{uid}.user_deleted")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            _membership_changed, sender=StaffMembership, dispatch_uid=f"{uid}.membership_{name}"
        )
