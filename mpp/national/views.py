"""The national portal (issue 14 item 2): find a mall, search a service across malls, compare
malls side by side, with the comparison as CSV/JSON open data. Pages for citizens: no sign-in,
Indonesian first, usable at 360 px."""

from __future__ import annotations

import re
import secrets
from datetime import date
from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mpp.core.opendata import bad_filters, table_download
from mpp.national import queries
from mpp.national.regions import PROVINCES
from mpp.transparency.filters import FilterError, parse_period

#: Longest search text accepted (longer is refused with a message, never searched).
MAX_QUERY = 200


class BadFilterError(Exception):
    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(m for _f, m in errors))
        self.errors = errors


def _province(request: HttpRequest) -> str:
    code = (request.GET.get("provinsi") or "").strip()
    if code and code not in PROVINCES:
        raise BadFilterError(
            [("provinsi", _("There is no province with that code; pick one from the list."))]
        )
    return code


def _provinces() -> list[tuple[str, str]]:
    return sorted(PROVINCES.items())


def portal(request: HttpRequest) -> HttpResponse:
    regency = (request.GET.get("kabupaten") or "").strip()[:120]
    errors: list[tuple[str, str]] = []
    try:
        province = _province(request)
    except BadFilterError as exc:
        province, errors = "", exc.errors
    everything = queries.directory()
    entries = queries.directory(province=province, regency=regency) if not errors else everything
    points = queries.map_points(entries)
    view_box = queries.map_view_box(points)
    context = {
        "entries": entries,
        "provinces": _provinces(),
        "provinces_with_malls": queries.provinces_with_malls(everything),
        "province": province,
        "regency": regency,
        "regencies": sorted(
            {
                (e.mall.region_code, e.mall.regency)
                for e in everything
                if not province or e.province == province
            }
        ),
        "points": points,
        "grid": queries.map_grid(),
        "view_box": view_box,
        "map_sizes": queries.map_sizes(view_box),
        "map_width": queries.MAP_WIDTH,
        "map_height": queries.MAP_HEIGHT,
        "errors": errors,
        "mall_total": len(everything),
    }
    return render(request, "national/portal.html", context, status=400 if errors else 200)


#: How long one rendering of a search page's malls is reused (it changes with its content).
SEARCH_RESULTS_SECONDS = 300


def _search_results(found: queries.NationalSearch) -> SafeString:
    """The malls found, as HTML. The list is rendered once for what it shows apart from the
    people waiting (`found.cards_key`: malls, services, fees, hours today, language) and
    cached; the live counts replace the markers left in it on every request, so a page of
    twenty malls costs about what a page of one does and the counts are never stale."""
    key = f"national:search:html:1:{translation.get_language()}:{found.cards_key}"
    cached = cache.get(key)
    if cached is None:
        marker = f"@@{secrets.token_hex(8)}@@"
        html = render_to_string("national/_search_results.html", {"found": found, "marker": marker})
        cached = (marker, str(html))
        cache.set(key, cached, SEARCH_RESULTS_SECONDS)
    marker, html = cached
    waiting = {s.service.pk: s.waiting_today for hit in found.malls for s in hit.services}
    texts: dict[int, str] = {}

    def people(match: re.Match[str]) -> str:
        n = waiting.get(int(match.group(1)), 0)
        if n not in texts:
            texts[n] = ngettext("%(n)s person", "%(n)s people", n) % {"n": n}
        return texts[n]

    pattern = re.escape(marker) + r"(\d+)" + re.escape(marker)
    # The template escaped everything it printed; only numbers and our own texts go in.
    return mark_safe(re.sub(pattern, people, html))  # noqa: S308


def search(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()
    errors: list[tuple[str, str]] = []
    province = ""
    try:
        province = _province(request)
    except BadFilterError as exc:
        errors = exc.errors
    if len(q) > MAX_QUERY:
        errors.append(("q", _("Search with at most %(n)s characters.") % {"n": MAX_QUERY}))
    try:
        page = int(request.GET.get("halaman") or 1)
    except ValueError:
        page = 1
    found = None
    results = ""
    if q and not errors:
        found = queries.national_search(query=q, province=province, page=page)
        results = _search_results(found)
    context = {
        "results": results,
        "q": q,
        "province": province,
        "provinces": _provinces(),
        "found": found,
        "errors": errors,
    }
    return render(request, "national/search.html", context, status=400 if errors else 200)


def _period(request: HttpRequest) -> tuple[date, date]:
    period = parse_period(
        start=request.GET.get("from"),
        end=request.GET.get("to"),
        agency=None,
        agencies=[],
        today=queries.local_today(),
    )
    return period.start, period.end


#: Malls per page of the comparison (the open data files hold every mall).
COMPARE_PAGE_MALLS = 50


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("halaman", None)
    return params.urlencode()


SORTS = {
    "nama": ("mall_name", False),
    "ikm": ("ikm", True),
    "tunggu": ("wait_avg_minutes", False),
    "p90": ("wait_p90_minutes", False),
    "tepat": ("applications_in_time_percent", True),
    "aduan": ("complaints_in_time_percent", True),
}


def _sorted(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    if sort not in SORTS:
        return rows
    key, descending = SORTS[sort]
    present = [r for r in rows if r[key] is not None]
    missing = [r for r in rows if r[key] is None]
    present.sort(key=lambda r: r[key], reverse=descending)
    return present + missing


def _comparison_cards(
    *, start: date, end: date, province: str, sort: str, page: str | None
) -> dict[str, Any]:
    """One page of the comparison: its cards as HTML, the page number and the totals. The
    rendered cards are cached beside the figures and under the same key (so a refresh of the
    rollups retires both): a page of 50 malls then costs a cache read, not 50 renderings."""
    key = queries.comparison_key(start=start, end=end)
    total_key = f"{key}:total:{province}"
    total = cache.get(total_key)
    rows: list[dict[str, Any]] | None = None
    if total is None:
        rows = queries.compare_malls(start=start, end=end, province=province, key=key)
        total = len(rows)
        cache.set(total_key, total, queries.COMPARISON_CACHE_SECONDS)
    pages = max(1, -(-total // COMPARE_PAGE_MALLS))
    try:
        number = min(max(1, int(page or 1)), pages)
    except ValueError:
        number = 1
    cards_key = f"{key}:cards:{province}:{sort}:{number}"
    cards = cache.get(cards_key)
    if cards is None:
        if rows is None:
            rows = queries.compare_malls(start=start, end=end, province=province, key=key)
        shown = _sorted(rows, sort)[(number - 1) * COMPARE_PAGE_MALLS : number * COMPARE_PAGE_MALLS]
        cards = render_to_string("national/_compare_cards.html", {"rows": shown})
        cache.set(cards_key, cards, queries.COMPARISON_CACHE_SECONDS)
    # Rendered (and escaped) by our own template above; the cache gives back plain text.
    html = mark_safe(cards)  # noqa: S308
    return {"cards": html, "page": number, "pages": pages, "total": total}


def compare(request: HttpRequest) -> HttpResponse:
    errors: list[tuple[str, str]] = []
    start = end = None
    province = ""
    try:
        province = _province(request)
        start, end = _period(request)
    except (BadFilterError, FilterError) as exc:
        errors = exc.errors
    sort = request.GET.get("urut") or "nama"
    if sort not in SORTS:
        sort = "nama"
    shown: dict[str, Any] = {"cards": "", "page": 1, "pages": 1, "total": 0}
    if not errors and start and end:
        shown = _comparison_cards(
            start=start, end=end, province=province, sort=sort, page=request.GET.get("halaman")
        )
    context = {
        **shown,
        "start": start,
        "end": end,
        "province": province,
        "provinces": _provinces(),
        "sort": sort,
        "sorts": SORTS,
        "errors": errors,
        "values": {"from": request.GET.get("from", ""), "to": request.GET.get("to", "")},
        "query": request.GET.urlencode(),
        "page_query": _without_page(request),
    }
    return render(request, "national/compare.html", context, status=400 if errors else 200)


def compare_data(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "json"):
        raise Http404
    try:
        province = _province(request)
        start, end = _period(request)
    except (BadFilterError, FilterError) as exc:
        return bad_filters(exc.errors)
    rows = queries.compare_malls(start=start, end=end, province=province)
    meta = {
        "schema_version": 1,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "province": province or None,
    }
    name = f"mpp-nasional-perbandingan-{start}-{end}.{fmt}"
    return table_download(rows, queries.COMPARISON_COLUMNS, meta, name, fmt)
