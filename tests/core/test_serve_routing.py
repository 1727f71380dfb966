"""The app server's routing decision (mpp/serve.py, issue 11): `AsyncViewPaths` resolves only
the paths that could reach an async view, and answers exactly as a full `resolve()` does, for
a sample path of every view of the project, variations of them and odd paths; and, on URL
patterns it cannot read (a regular expression, a translated route, a language prefix), still
exactly, by resolving."""

from __future__ import annotations

import asyncio
import functools
import itertools
import re
from collections.abc import Iterator
from typing import Any

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import (
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    include,
    path,
    re_path,
    resolve,
)
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import translation
from django.utils.regex_helper import normalize
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from mpp.core.tenancy import MALL_PATH
from mpp.serve import AsyncViewPaths

# Values tried for each URL parameter until one fits (a ticket code, a number, a slug, a
# format, a UUID, a path, a date).
SAMPLES = [
    "ABCD2345",
    "12",
    "ktp-el",
    "json",
    "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "a/b",
    "2024-01-31",
    "x",
]


def full_resolve(path: str) -> bool:
    """The decision as the router made it before issue 11: resolve, then look at the view;
    without a mall's path prefix (/m/<slug>/…), which MallMiddleware takes off before Django
    resolves (before, the router saw it and sent those live streams to a worker thread)."""
    mall = MALL_PATH.match(path)
    if mall is not None:
        path = mall["rest"] or "/"
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return asyncio.iscoroutinefunction(match.func)


def _chains(resolver: URLResolver, outer: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every view's chain of patterns below the root, outermost first."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _chains(entry, (*outer, entry.pattern))
        else:
            yield (*outer, entry.pattern)


def _sample(pattern: Any) -> str | None:
    """A piece of path that `pattern` matches whole, or None if no sample fits."""
    if isinstance(pattern, RoutePattern):
        names = list(pattern.converters)
        pieces = [
            re.sub(
                r"<(?:[^>:]+:)?([^>]+)>",
                lambda m, values=values: values[names.index(m[1])],
                str(pattern),
            )
            for values in itertools.product(SAMPLES, repeat=len(names))
        ]
    elif isinstance(pattern, RegexPattern):
        pieces = [
            form % dict(zip(params, values, strict=True))
            for form, params in normalize(pattern.regex.pattern)
            for values in itertools.product(SAMPLES, repeat=len(params))
        ]
    else:
        return None
    return next((piece for piece in pieces if _whole_match(pattern, piece)), None)


def _whole_match(pattern: Any, piece: str) -> bool:
    match = pattern.match(piece)
    return match is not None and match[0] == ""


def project_paths() -> list[str]:
    """A path for every view of the project that a sample fits, and variations of it."""
    paths = []
    for chain in _chains(get_resolver()):
        pieces = [_sample(pattern) for pattern in chain]
        if None in pieces:
            continue
        base = "/" + "".join(piece or "" for piece in pieces)
        paths += [
            base,
            base.rstrip("/"),
            base + "/",
            base + "x",
            base + "/live/",
            base.upper(),
            # A mall's path prefix (MallMiddleware takes it off before Django resolves).
            "/m/ngawi" + base,
            "/en" + base,
            "/" + base,
            base.replace("/", "//", 2),
        ]
    return paths


ODD_PATHS = [
    "",
    "/",
    "//",
    "/tidak-ada/",
    "/antrian/",
    "/antrian/papan/live",
    "/antrian/papan/live/",
    "/antrian/papan/live//",
    "/antrian/papan/live/x",
    "/antrian/tiket//live/",
    "/antrian/tiket/a/b/live/",
    "/antrian/tiket/ABCD2345/live",
    "/antrian/tiket/ABCD2345/live/",
    "/antrian/tiket/ABCD2345/live/live/",
    "/antrian/tiket/%20/live/",
    "/antrian/tiket/ÀÉ/live/",
    "/m/ngawi/antrian/papan/live/",
    "/m/ngawi/antrian/tiket/ABCD2345/live/",
    "/api/v1/queue/tickets/ABCD2345/finish",
    "/api/v1/antrian/papan/live/",
    "antrian/papan/live/",
    "/ANTRIAN/PAPAN/LIVE/",
    "/antrian/papan/live/\n",
]


def test_async_view_paths_finds_the_projects_live_streams():
    decide = AsyncViewPaths()

    assert set(decide.views) == {"antrian/tiket/<str:code>/live/", "antrian/papan/live/"}
    assert decide.prefixes == ("/antrian/papan/live/", "/antrian/tiket/")
    assert decide.suffixes == ("/live/", "antrian/papan/live/")


def test_async_view_paths_answers_as_a_full_resolve_for_every_view_of_the_project():
    decide = AsyncViewPaths()
    paths = project_paths() + ODD_PATHS

    assert [(p, decide(p)) for p in paths] == [(p, full_resolve(p)) for p in paths]
    # The samples did reach the views, the async ones among them.
    reached = {resolve(p).route for p in paths if _resolves(p)}
    views = {"".join(map(str, chain)) for chain in _chains(get_resolver())}
    assert len(reached) > 0.95 * len(views)
    assert {"antrian/tiket/<str:code>/live/", "antrian/papan/live/"} <= reached
    assert sum(map(full_resolve, paths)) >= 2


def _resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


SEGMENTS = ["", "antrian", "tiket", "papan", "live", "api", "v1", "queue", "m", "ngawi", "x"]


@given(
    st.lists(st.sampled_from(SEGMENTS) | st.text("ab/-_.%Z9é", max_size=6), max_size=6),
    st.booleans(),
)
def test_async_view_paths_answers_as_a_full_resolve_for_any_path(segments, trailing):
    path = "/" + "/".join(segments) + ("/" if trailing else "")

    assert _project_decision()(path) == full_resolve(path)


@functools.cache
def _project_decision() -> AsyncViewPaths:
    return AsyncViewPaths()


def test_async_view_paths_does_not_resolve_a_path_that_cannot_be_async(monkeypatch):
    resolved = []
    decide = AsyncViewPaths()
    monkeypatch.setattr(decide, "_resolve", lambda path: resolved.append(path) or True)

    decide("/api/v1/queue/tickets/ABCD2345/finish")
    decide("/antrian/tiket/ABCD2345/live/")

    assert resolved == ["/antrian/tiket/ABCD2345/live/"]


# A URL configuration with every kind of pattern the pre-filter cannot read, for the test
# below (ROOT_URLCONF=this module).


async def _stream(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse()


def _page(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse()


urlpatterns: list[URLPattern | URLResolver] = [
    path("api/<str:code>/live/", _page),  # shadows the async view below
    path("api/<str:code>/live/", _stream),
    path("api/<int:n>/", _stream),
    re_path(r"^re/(?P<code>[a-z]+)/live/$", _stream),
    path(gettext_lazy("translated/<str:code>/"), _stream),
    path("inner/", include([path("<slug:code>/feed", _stream), path("feed", _page)])),
    *i18n_patterns(path("localised/stream/", _stream)),
]

TRICKY_PATHS = [
    "/api/ABCD/live/",
    "/api/12/",
    "/api/12",
    "/api/x/",
    "/re/abc/live/",
    "/re/abc/live/\n",
    "/re/ABC/live/",
    "/translated/abc/",
    "/inner/a-b/feed",
    "/inner/feed",
    "/inner/a b/feed",
    "/id/localised/stream/",
    "/en/localised/stream/",
    "/localised/stream/",
    "/elsewhere/",
]


@override_settings(ROOT_URLCONF=__name__)
@translation.override("id")  # the language prefix /id/ resolves
def test_async_view_paths_resolves_what_it_cannot_read_and_still_answers_the_same():
    decide = AsyncViewPaths()

    assert "" in decide.suffixes  # the regular expression's and the translated route's
    assert [(p, decide(p)) for p in TRICKY_PATHS] == [(p, full_resolve(p)) for p in TRICKY_PATHS]
    assert {p for p in TRICKY_PATHS if full_resolve(p)} >= {
        "/api/12/",
        "/re/abc/live/",
        "/translated/abc/",
        "/inner/a-b/feed",
        "/id/localised/stream/",
    }


def test_a_live_stream_under_a_malls_path_prefix_goes_to_the_event_loop():
    decide = AsyncViewPaths()

    assert decide("/m/ngawi/antrian/papan/live/")
    assert decide("/m/ngawi/antrian/tiket/ABCD2345/live/")
    assert not decide("/m/ngawi/api/v1/queue/tickets/ABCD2345/finish")
    assert not decide("/m/ngawi/antrian/papan/")
