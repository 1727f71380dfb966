"""Fair use of the public write operations (issue 10.1).

Every public write (kiosk and API tickets, bookings, complaints, sign-ups, applications, one-time
codes) asks `check(request, action, contact=...)` before it changes anything. Two budgets are
counted in fixed windows in the shared cache (Redis in production, so the limits hold across app
servers; process memory otherwise):

- per client: the kiosk device by its registered token (`MPP_KIOSK_TOKENS`, header
  `X-Kiosk-Token`), which gets the larger kiosk budget; otherwise the client's address
  (`REMOTE_ADDR`; `X-Forwarded-For` is read only when the peer is one of `MPP_TRUSTED_PROXIES`);
- per contact: the phone number or e-mail address the operation is about (normalised), so
  rotating addresses does not help a script that books for one number.

Over the limit the caller gets `TooManyRequestsError` (429, `Retry-After`, a message in the
active language): the API's handler and `FairUseMiddleware` (pages) answer it.

Limits live in `settings.MPP_FAIR_USE`: {action: {"client": [count, seconds], "kiosk": [...],
"contact": [...]}}; an action or budget missing there falls back to `DEFAULT_LIMITS`.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from mpp.core.errors import TooManyRequestsError
from mpp.core.phones import phone_key

logger = logging.getLogger(__name__)

HOUR = 3600
DAY = 24 * HOUR

#: (count, window seconds) per action and budget. Generous for people, tight for scripts.
DEFAULT_LIMITS: dict[str, dict[str, tuple[int, int]]] = {
    "ticket": {"client": (6, HOUR), "kiosk": (600, HOUR), "contact": (6, DAY)},
    "booking": {"client": (10, HOUR), "kiosk": (200, HOUR), "contact": (4, DAY)},
    "complaint": {"client": (5, HOUR), "kiosk": (60, HOUR), "contact": (5, DAY)},
    "signup": {"client": (5, HOUR), "kiosk": (30, HOUR), "contact": (3, DAY)},
    "application": {"client": (10, HOUR), "kiosk": (60, HOUR), "contact": (10, DAY)},
    "otp": {"client": (10, HOUR), "kiosk": (100, HOUR), "contact": (5, HOUR)},
    "survey": {"client": (20, HOUR), "kiosk": (600, HOUR), "contact": (20, DAY)},
    "room": {"client": (10, HOUR), "kiosk": (60, HOUR), "contact": (10, DAY)},
}

KIOSK_HEADER = "HTTP_X_KIOSK_TOKEN"


def _trusted_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    nets = []
    for raw in getattr(settings, "MPP_TRUSTED_PROXIES", ()) or ():
        try:
            nets.append(ipaddress.ip_network(str(raw).strip(), strict=False))
        except ValueError:
            continue
    return nets


def _valid_ip(raw: str) -> str:
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        return ""


def client_ip(request: HttpRequest) -> str:
    """The client's address: the peer, or, when the peer is a trusted proxy, the right-most
    address in `X-Forwarded-For` that is not itself a trusted proxy."""
    peer = _valid_ip(request.META.get("REMOTE_ADDR", ""))
    nets = _trusted_networks()
    if not nets or not peer:
        return peer or "unknown"

    def trusted(addr: str) -> bool:
        ip = ipaddress.ip_address(addr)
        return any(ip in net for net in nets)

    if not trusted(peer):
        return peer
    hops = [_valid_ip(h) for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if not trusted(hop):
            return hop
    return peer


def kiosk_of(request: HttpRequest) -> str:
    """The registered kiosk's name when the request carries one of `MPP_KIOSK_TOKENS`."""
    token = request.META.get(KIOSK_HEADER, "") or request.COOKIES.get("mpp_kiosk", "")
    if not token:
        return ""
    tokens: Any = getattr(settings, "MPP_KIOSK_TOKENS", {}) or {}
    items = tokens.items() if isinstance(tokens, dict) else ((t, t[:6]) for t in tokens)
    for known, name in items:
        if known and hmac.compare_digest(str(known), token):
            return str(name) or "kiosk"
    return ""


def client_id(request: HttpRequest) -> str:
    """A stable name of the caller for budgets and idempotency scoping."""
    kiosk = kiosk_of(request)
    return f"kiosk:{kiosk}" if kiosk else f"ip:{client_ip(request)}"


def normalise_contact(contact: str) -> str:
    """The key a contact's budget is counted under: an e-mail address in lower case, a phone
    number in E.164 (`mpp.core.phones.phone_key`: 0812…, 62812… and +62812… count as one)."""
    text = (contact or "").strip().lower()
    if "@" in text:
        return text
    return phone_key(text)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def limit(action: str, budget: str) -> tuple[int, int]:
    configured = (getattr(settings, "MPP_FAIR_USE", {}) or {}).get(action, {})
    value = configured.get(budget) or DEFAULT_LIMITS.get(action, {}).get(budget)
    if not value:
        return (0, 0)
    count, window = value
    return int(count), int(window)


# One round trip per write for all of its budgets: each window's counter is incremented and,
# when new, given its expiry, atomically in Redis. Through Django's cache API the same count
# took three round trips (SET NX, then EXISTS and INCR) and built a Redis client object for
# each call, the largest single cost of issuing a ticket (issue 11).
_COUNT_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  local used = redis.call('INCR', key)
  if used == 1 then redis.call('EXPIRE', key, ARGV[i]) end
  counts[i] = used
end
return counts
"""
_redis_lock = threading.Lock()
_redis_scripts: dict[str, Any] = {}  # Redis URL -> the script on a client kept for the process


def _script() -> Any:
    """The counting script on a Redis client kept for the process (thread-safe), or None when
    the cache is not Redis or is known to be down (then the cache's own fallback counts)."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache) or not getattr(backend, "redis_available", True):
        return None
    config: dict[str, Any] = settings.CACHES[DEFAULT_CACHE_ALIAS]
    location = config["LOCATION"]
    url = (location if isinstance(location, str) else location[0]).split(",")[0]
    script = _redis_scripts.get(url)
    if script is None:
        import redis

        options: dict[str, Any] = config.get("OPTIONS", {})
        with _redis_lock:
            script = _redis_scripts.get(url)
            if script is None:
                client = redis.Redis.from_url(
                    url,
                    socket_connect_timeout=options.get("socket_connect_timeout", 0.5),
                    socket_timeout=options.get("socket_timeout", 0.5),
                )
                script = _redis_scripts[url] = client.register_script(_COUNT_SCRIPT)
    return script


def _hits(keys: list[tuple[str, int]]) -> list[int]:
    """Count one hit on each (key, window) and return the counts."""
    script = _script()
    if script is not None:
        try:
            return [
                int(n)
                for n in script(
                    keys=[cache.make_and_validate_key(key) for key, _ in keys],
                    args=[window + 5 for _, window in keys],
                )
            ]
        except (RedisError, OSError):  # Redis trouble: the cache below falls back
            logger.debug("fair-use count through Redis failed", exc_info=True)
    counts = []
    for key, window in keys:
        cache.add(key, 0, timeout=window + 5)
        try:
            counts.append(int(cache.incr(key)))
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window + 5)
            counts.append(1)
    return counts


def _key(action: str, budget: str, who: str, now: float) -> tuple[str, int, int, int] | None:
    """The window's counter key, its limit, window and bucket; None for an unlimited budget."""
    count, window = limit(action, budget)
    if count <= 0 or window <= 0:
        return None
    bucket = int(now // window)
    return f"fairuse:{action}:{budget}:{_digest(who)}:{bucket}", count, window, bucket


def check(request: HttpRequest, action: str, *, contact: str = "") -> None:
    """Count this write against the caller's budgets; refuse with 429 when one is spent."""
    now = time.time()
    kiosk = kiosk_of(request)
    who, budget = (kiosk, "kiosk") if kiosk else (client_ip(request), "client")
    budgets = [_key(action, budget, who, now)]
    contact_key = normalise_contact(contact)
    if contact_key:
        budgets.append(_key(action, "contact", contact_key, now))
    counted = [b for b in budgets if b is not None]
    waits = [
        max(1, int((bucket + 1) * window - now))
        for (_key_, count, window, bucket), used in zip(
            counted, _hits([(b[0], b[2]) for b in counted]), strict=True
        )
        if used > count
    ]
    spent = [w for w in waits if w]
    if spent:
        retry = max(spent)
        raise TooManyRequestsError(
            _("Too many requests from you. Please try again in %(minutes)d minutes.")
            % {"minutes": max(1, (retry + 59) // 60)},
            retry_after=retry,
        )


def scoped_key(request: HttpRequest, key: str | None) -> str | None:
    """An idempotency key as stored: a digest of the caller and the key, never the raw key, so
    two clients sending the same key never share (or can cancel) each other's result."""
    key = (key or "").strip().strip('"')
    if not key:
        return None
    return _digest("idem", client_id(request), key)[:64]


class FairUseMiddleware:
    """Pages: answer a `TooManyRequestsError` raised by a view with a 429 page."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        return response

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, TooManyRequestsError):
            return None
        response = render(
            request,
            "core/error.html",
            {"title": _("Too many requests"), "message": exc.message},
            status=429,
        )
        response["Retry-After"] = str(exc.retry_after)
        return response
