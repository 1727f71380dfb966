"""Provisional engine: substring matching, to be replaced by the ranked Indonesian search."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall


@dataclass
class SearchResult:
    query: str
    total: int
    services: list[Service] = field(default_factory=list)
    suggestion: str = ""


def search_services(
    *,
    mall: Mall | None,
    query: str,
    agency: Agency | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    qs = Service.objects.filter(is_active=True, agency__is_active=True)
    if mall is not None:
        qs = qs.filter(mall=mall)
    if agency is not None:
        qs = qs.filter(agency=agency)
    for word in query.split():
        qs = qs.filter(Q(name__icontains=word) | Q(keywords__icontains=word))
    total = qs.count()
    services = list(qs.select_related("agency")[offset : offset + limit])
    return SearchResult(query=query, total=total, services=services)
