"""Keeps the search index in step with the catalogue.

`reindex_services` is called by mpp.catalog.domain inside the transaction that changes a
service, so the index never disagrees with a committed catalogue. `rebuild_index` recreates
everything (management command ``rebuild_search_index``).

What is indexed, per public service (active, of an active agency), as analysed text
(`normalize.document_text`), in five fields ranked from strongest to weakest:

``name``    the service name
``alt``     search keywords and the English name
``text``    summary (both languages) and the product
``agency``  the agency's name, short name and English name
``body``    requirements and procedure steps

A service that is inactive, whose agency is inactive, or that no longer exists is removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import Prefetch

from mpp.catalog.models import ProcedureStep, Requirement, Service
from mpp.catalog.search.backends import IndexRow, backend_for
from mpp.catalog.search.engine import clear_search_cache
from mpp.catalog.search.normalize import document_text, stem, surface_words

#: Services analysed and written per round trip when rebuilding.
BATCH_SIZE = 500


def _services(ids: list[int]) -> Iterator[Service]:
    return iter(
        Service.objects.filter(pk__in=ids)
        .select_related("agency")
        .prefetch_related(
            Prefetch("requirements", queryset=Requirement.objects.order_by("position", "pk")),
            Prefetch("steps", queryset=ProcedureStep.objects.order_by("position", "pk")),
        )
    )


def _row_and_words(service: Service) -> tuple[IndexRow, set[str]]:
    agency = service.agency
    requirements = [r.text for r in service.requirements.all()]
    steps = [s.text for s in service.steps.all()]
    parts = {
        "name": (service.name,),
        "alt": (service.keywords, service.name_en),
        "text": (service.summary, service.summary_en, service.product),
        "agency": (agency.name, agency.short_name, agency.name_en),
        "body": (*requirements, *steps),
    }
    row = IndexRow(
        service_id=service.pk,
        mall_id=service.mall_id,
        agency_id=service.agency_id,
        **{field: document_text(*texts) for field, texts in parts.items()},
    )
    words = surface_words(*(text for texts in parts.values() for text in texts))
    words |= {stem(word) for word in words}
    return row, {w for w in words if len(w) >= 3}


def _index_batch(ids: list[int]) -> int:
    backend = backend_for(connection)
    # Kept search results are stale now, and again once the new index is committed.
    clear_search_cache()
    transaction.on_commit(clear_search_cache)
    rows: list[IndexRow] = []
    words: set[str] = set()
    for service in _services(ids):
        if service.is_active and service.agency.is_active:
            row, service_words = _row_and_words(service)
            rows.append(row)
            words |= service_words
    indexed = {row.service_id for row in rows}
    with connection.cursor() as cursor:
        backend.delete(cursor, [pk for pk in ids if pk not in indexed])
        if rows:
            backend.write(cursor, rows)
        if words:
            backend.add_words(cursor, words)
    return len(rows)


def reindex_services(service_ids: Iterable[int]) -> int:
    """Refresh the index rows of these services; returns how many are now indexed.

    Runs in the caller's transaction (its own atomic block when there is none). Services that
    are inactive, belong to an inactive agency or no longer exist are removed from the index.
    """
    ids = sorted({int(pk) for pk in service_ids})
    indexed = 0
    with transaction.atomic():
        for start in range(0, len(ids), BATCH_SIZE):
            indexed += _index_batch(ids[start : start + BATCH_SIZE])
    return indexed


def rebuild_index(*, batch_size: int = BATCH_SIZE) -> int:
    """Empty the index and the vocabulary, then index every service again.

    One transaction: searches keep seeing the old index until the new one is committed.
    """
    backend = backend_for(connection)
    indexed = 0
    with transaction.atomic():
        with connection.cursor() as cursor:
            backend.clear(cursor)
        ids = list(Service.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            indexed += _index_batch(ids[start : start + batch_size])
    return indexed
