"""Which mall a request belongs to (issue 14: a national network in one installation).

`MallMiddleware` reads the mall from the request, in this order:

1. the path fallback ``/m/<slug>/…`` for installations on one domain: the prefix becomes the
   script prefix, so every ``reverse()`` and ``{% url %}`` of the request keeps it;
2. the host name: ``MPP_MALL_HOSTS`` (``ngawi.example=ngawi,…``), else the first label of the
   host when it is a mall's slug (``magetan.localhost`` → magetan);
3. otherwise ``MPP_DEFAULT_MALL``.

Views never look at hosts or paths themselves: they all call `current_mall(request)`.
Resolving costs nothing for requests that never ask for the mall, and usually no query at all
for the others: the mall a slug resolves to is kept in the process for MALL_CACHE_SECONDS
(issue 15: a query per page for a row that changes a few times a year). Saving or deleting
a Mall in this process forgets every kept mall at once (and again when the transaction
commits); another process (production runs several) sees an admin edit within
MALL_CACHE_SECONDS. Each request gets its own copy of the kept row, so nothing a request
sets on it reaches another request. When the kept row expires, one thread reloads it while the
others go on with the expired one (core.caching).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import get_script_prefix, set_script_prefix
from django.utils.translation import gettext as _

from mpp.core.caching import TTLCache
from mpp.core.errors import NotFoundError
from mpp.core.models import Mall

MALL_PATH = re.compile(r"^/m/(?P<slug>[-a-z0-9_]{1,60})(?P<rest>/.*)?$")

#: How long a resolved mall is reused in the process (an edit in another process shows after
#: at most this long; one in this process at once).
MALL_CACHE_SECONDS = 10.0
# Keys: ("path", slug) for /m/<slug>/; ("host", slug or None, default slug) for the host name
# and the default.
# Values: the Mall, or False for "no such mall" (TTLCache's None means "not kept").
_malls = TTLCache(MALL_CACHE_SECONDS, max_entries=1000)


def clear_mall_cache(**_kwargs: Any) -> None:
    """Forget every kept mall (a signal receiver too: saving or deleting a Mall calls it)."""
    _malls.clear()


def _mall_changed(**_kwargs: Any) -> None:
    clear_mall_cache()
    # A request running between the save and the commit may keep the old row again.
    transaction.on_commit(clear_mall_cache)


post_save.connect(_mall_changed, sender=Mall, weak=False, dispatch_uid="tenancy-mall-saved")
post_delete.connect(_mall_changed, sender=Mall, weak=False, dispatch_uid="tenancy-mall-deleted")


def _kept(key: tuple[str | None, ...], load: Callable[[], Mall | None]) -> Mall | None:
    """The mall kept under `key` (a copy for this request), loading it when missing."""
    hit: Mall | Literal[False] = _malls.get_or_compute(key, lambda: load() or False)
    return copy.copy(hit) if hit else None


def mall_slug_from_host(host: str) -> str | None:
    """The mall slug a host name points at, or None (no database access)."""
    host = host.split(":", 1)[0].lower().rstrip(".")
    mapped = settings.MPP_MALL_HOSTS.get(host)
    if mapped:
        return mapped
    label = host.split(".", 1)[0]
    if "." in host and label and not label.isdigit() and label != "www":
        return label
    return None


class MallNotFoundError(NotFoundError, Http404):
    """No mall to serve: a 404 page for views (Http404), a 404 `ErrorOut` for the API (its
    one DomainError handler comes first in the class's MRO)."""


def current_mall(request: HttpRequest) -> Mall | None:
    cached = getattr(request, "_mpp_mall", None)
    if cached is not None:
        return cached
    wanted = getattr(request, "_mpp_mall_slug", None)
    default = settings.MPP_DEFAULT_MALL
    mall = _kept(("host", wanted, default), lambda: _resolve(wanted, default))
    request._mpp_mall = mall  # type: ignore[attr-defined]
    return mall


def _resolve(wanted: str | None, default: str) -> Mall | None:
    """The active mall `wanted`, else the default mall, else the first active one."""
    slugs = [default] + ([wanted] if wanted else [])
    malls = {m.slug: m for m in Mall.objects.filter(slug__in=slugs, is_active=True)}
    mall = malls.get(wanted or "") or malls.get(default)
    if mall is None:
        mall = Mall.objects.filter(is_active=True).order_by("pk").first()
    return mall


def mall_or_404(
    request: HttpRequest, lookup: Callable[[HttpRequest], Mall | None] = current_mall
) -> Mall:
    """The request's mall for every page and API call that needs one; `lookup` lets a hot
    path use a cached resolver (the queue's `queries.request_mall`)."""
    mall = lookup(request)
    if mall is None:
        raise MallNotFoundError(_("No mall has been set up yet."))
    return mall


class MallMiddleware:
    """Chooses the mall of each request; see the module docstring."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = MALL_PATH.match(request.path_info)
        if match is None:
            try:
                slug = mall_slug_from_host(request.get_host())
            except DisallowedHost:
                slug = None  # CommonMiddleware answers 400 for it
            if slug:
                request._mpp_mall_slug = slug  # type: ignore[attr-defined]
            return self.get_response(request)

        slug = match["slug"]
        mall = _kept(("path", slug), Mall.objects.filter(slug=slug, is_active=True).first)
        if mall is None:
            raise Http404("No such mall / Mal tidak ditemukan")
        request._mpp_mall = mall  # type: ignore[attr-defined]
        request._mpp_mall_slug = slug  # type: ignore[attr-defined]
        previous = get_script_prefix()
        prefix = f"{previous.rstrip('/')}/m/{slug}/"
        request.path_info = match["rest"] or "/"
        request.META["SCRIPT_NAME"] = prefix.rstrip("/")
        request.META["PATH_INFO"] = request.path_info
        set_script_prefix(prefix)
        try:
            return self.get_response(request)
        finally:
            set_script_prefix(previous)
