"""Reads for the public audit page and API."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.cache import cache

from mpp.audit.domain import ChainReport, verify_all
from mpp.audit.models import AuditCheckpoint

# Verification reads every event; the public page and API reuse a result for a short while so
# that reloading the page cannot be used to load the server.
VERIFY_CACHE_SECONDS = 300


def cached_reports(*, fresh: bool = False) -> list[dict[str, Any]]:
    key = "audit:verify:v1"
    if not fresh:
        hit = cache.get(key)
        if hit is not None:
            return list(hit)
    reports: list[ChainReport] = verify_all()
    data = [asdict(report) for report in reports]
    cache.set(key, data, VERIFY_CACHE_SECONDS)
    return data


def recent_checkpoints(limit: int = 30) -> list[AuditCheckpoint]:
    return list(AuditCheckpoint.objects.order_by("-day", "chain")[:limit])
