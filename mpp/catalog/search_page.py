"""What the search page (`/cari/`) shows, prepared in Python and kept for a few seconds.

Issue 15: on the embedded server the page cost more than the search behind it. Two thirds of
its time went to the template: a `{% url %}`, five translations and three display helpers per
result card, twenty cards a page. So:

- `service_cards` prepares each card's link and labels in Python, once per page: one
  `reverse()` for all links, the fee, time and channel texts in the active language;
- `results_html` renders the results part of the page (count, "did you mean", cards,
  pagination) and keeps the HTML in the process for the life of a kept search result
  (`engine.SEARCH_CACHE_SECONDS`), keyed by mall, agency, query, page, language and script
  prefix, and by `engine.catalogue_version()`: any catalogue change that empties the search
  cache makes every kept fragment unreachable at once. Nothing in the fragment depends on the
  visitor (no session, no CSRF token), so it can be shared by everybody asking the same; one
  thread renders a missing fragment while the others wait for it (core.caching).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from mpp.catalog.models import Agency, Service
from mpp.catalog.search import engine, search_services
from mpp.core.caching import TTLCache
from mpp.core.models import Mall

#: Slugs that `reverse()` puts into a path unchanged (its `slug` converter, nothing to quote).
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_MARKER = "service-slug-marker"
#: How many rendered result pages a process keeps at most.
FRAGMENT_CACHE_SIZE = 1024


@dataclass(frozen=True, slots=True)
class ServiceCard:
    """One service in a list of services (catalog/_service_card.html), in the active language."""

    url: str
    name: str
    agency: str
    confirmed: bool
    fee: str
    time: str
    where: str


def service_cards(services: Iterable[Service]) -> list[ServiceCard]:
    """Cards for `services` (with their agency loaded), in the active language."""
    english = get_language() == "en"
    head, _marker, tail = reverse("catalog:service-detail", args=[_MARKER]).rpartition(_MARKER)
    cards = []
    for service in services:
        slug = service.slug
        if _PLAIN_SLUG.fullmatch(slug):
            url = f"{head}{slug}{tail}"
        else:  # never for a valid slug; reverse() decides what happens
            url = reverse("catalog:service-detail", args=[slug])
        cards.append(
            ServiceCard(
                url=url,
                name=(english and service.name_en) or service.name,
                agency=service.agency.short_name,
                confirmed=service.confirmed_at is not None,
                fee=service.fee_display,
                time=service.turnaround_display,
                where=str(service.get_channel_display()),
            )
        )
    return cards


_fragments = TTLCache(engine.SEARCH_CACHE_SECONDS, max_entries=FRAGMENT_CACHE_SIZE)
_fragments_version = [engine.catalogue_version()]


def results_html(*, mall: Mall, query: str, agency: Agency | None, page_number: int) -> SafeString:
    """The results part of the search page for `query` (already cleaned by the form)."""
    page_size = settings.MPP_SEARCH_PAGE_SIZE
    version = engine.catalogue_version()
    if _fragments_version[0] != version:
        # Fragments of an older catalogue can never be asked for again: drop them.
        _fragments_version[0] = version
        _fragments.clear()
    key = (
        version,
        mall.pk,
        agency.pk if agency is not None else None,
        query,
        page_number,
        page_size,
        get_language(),
        get_script_prefix(),
    )

    def render() -> SafeString:
        result = search_services(
            mall=mall,
            query=query,
            agency=agency,
            limit=page_size,
            offset=(page_number - 1) * page_size,
        )
        page = Paginator(range(result.total), page_size).get_page(page_number)
        context = {
            "query": query,
            "result": result,
            "cards": service_cards(result.services),
            "page": page,
        }
        return render_to_string("catalog/_search_results.html", context)

    return _fragments.get_or_compute(key, render)


def clear_fragments() -> None:
    """Forget every kept results fragment (tests)."""
    _fragments.clear()
