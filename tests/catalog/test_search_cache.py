"""Search results are kept in the process for a few seconds (mpp/catalog/search/engine.py);
a catalogue change in the process must show in the next search at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mpp.catalog.search import engine, search_services
from mpp.catalog.search.indexing import reindex_services
from tests.factories import AgencyFactory, MallFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_repeated_search_is_served_from_the_cache_and_edits_show_at_once(
    django_assert_num_queries,
):
    mall = MallFactory()
    service = ServiceFactory(agency=AgencyFactory(mall=mall), name="Izin Reklame")
    reindex_services([service.pk])
    first = search_services(mall=mall, query="reklame")
    with django_assert_num_queries(0):
        again = search_services(mall=mall, query="reklame")
    assert [s.pk for s in again.services] == [s.pk for s in first.services] == [service.pk]
    assert again.services is not first.services  # callers get their own list

    service.name = "Izin Baliho"
    service.save()
    reindex_services([service.pk])

    assert search_services(mall=mall, query="reklame").total == 0
    assert [s.pk for s in search_services(mall=mall, query="baliho").services] == [service.pk]


def test_results_expire(monkeypatch):
    mall = MallFactory()
    service = ServiceFactory(agency=AgencyFactory(mall=mall), name="Izin Reklame")
    reindex_services([service.pk])
    monkeypatch.setattr(engine._cache, "seconds", -1.0)
    engine.clear_search_cache()
    search_services(mall=mall, query="reklame")  # kept, but already expired
    # The next search does not reuse it: it searches again.
    with CaptureQueriesContext(connection) as queries:
        again = search_services(mall=mall, query="reklame")
    assert len(queries) > 0
    assert [s.pk for s in again.services] == [service.pk]
