"""Which mall a request belongs to (issue 14: a national network in one installation).

`MallMiddleware` reads the mall from the request, in this order:

1. the path fallback ``/m/<slug>/…`` for installations on one domain: the prefix becomes the
   script prefix, so every ``reverse()`` and ``{% url %}`` of the request keeps it;
2. the host name: ``MPP_MALL_HOSTS`` (``ngawi.example=ngawi,…``), else the first label of the
   host when it is a mall's slug (``magetan.localhost`` → magetan);
3. otherwise ``MPP_DEFAULT_MALL``.

Views never look at hosts or paths themselves: they all call `current_mall(request)`.
Resolving costs at most the one query `current_mall` always made (the candidate and the
default are fetched together), and nothing at all for requests that never ask for the mall.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import get_script_prefix, set_script_prefix
from django.utils.translation import gettext as _

from mpp.core.errors import NotFoundError
from mpp.core.models import Mall

MALL_PATH = re.compile(r"^/m/(?P<slug>[-a-z0-9_]{1,60})(?P<rest>/.*)?$")


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
    slugs = [settings.MPP_DEFAULT_MALL] + ([wanted] if wanted else [])
    malls = {m.slug: m for m in Mall.objects.filter(slug__in=slugs, is_active=True)}
    mall = malls.get(wanted or "") or malls.get(settings.MPP_DEFAULT_MALL)
    if mall is None:
        mall = Mall.objects.filter(is_active=True).order_by("pk").first()
    request._mpp_mall = mall  # type: ignore[attr-defined]
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
        mall = Mall.objects.filter(slug=slug, is_active=True).first()
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
