"""Which mall a request belongs to.

Today an installation serves its default mall (MPP_DEFAULT_MALL); a national operator can map
host names to malls here later without touching views, which all call `current_mall`.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from mpp.core.models import Mall


def current_mall(request: HttpRequest) -> Mall | None:
    cached = getattr(request, "_mpp_mall", None)
    if cached is not None:
        return cached
    mall = Mall.objects.filter(slug=settings.MPP_DEFAULT_MALL, is_active=True).first()
    if mall is None:
        mall = Mall.objects.filter(is_active=True).order_by("pk").first()
    request._mpp_mall = mall  # type: ignore[attr-defined]
    return mall
