"""Keeps the search index in step with the catalogue.

Called by mpp.catalog.domain inside the transaction that changes a service.
"""

from __future__ import annotations

from collections.abc import Iterable


def reindex_services(service_ids: Iterable[int]) -> int:
    """Refresh the index rows of these services; returns how many were indexed.

    The provisional engine searches the service table directly and keeps no index, so
    there is nothing to refresh yet.
    """
    return len(list(service_ids))
