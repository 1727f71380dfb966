"""Fixtures of the queue tests: a mall with one agency, services on prefixes A and B, and
counters with officers signed in."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.core.cache import cache

from mpp.accounts.models import User
from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall
from mpp.queueing.models import Counter
from mpp.queueing.queries import clear_caches
from tests.factories import AgencyFactory, MallFactory, ServiceFactory
from tests.queueing.factories import ALL_DAY, CounterFactory, QueueServiceFactory, officer_for


@dataclass
class Hall:
    mall: Mall
    agency: Agency
    ktp: Service
    kk: Service
    akta: Service
    counters: list[Counter] = field(default_factory=list)
    officers: list[User] = field(default_factory=list)


def build_hall(
    *, counters: int = 2, slot_capacity: int | None = None, booking: bool = False
) -> Hall:
    # Open all day, every day: the suite runs at any hour (real hours: tests/core/test_opening.py).
    mall = MallFactory(slug="ngawi", opening_hours=list(ALL_DAY))
    agency = AgencyFactory(mall=mall, slug="dukcapil", short_name="Dukcapil")
    ktp = ServiceFactory(agency=agency, slug="ktp-el", name="Perekaman KTP-el")
    kk = ServiceFactory(agency=agency, slug="kk", name="Kartu Keluarga")
    akta = ServiceFactory(agency=agency, slug="akta", name="Akta Kelahiran")
    QueueServiceFactory(
        service=ktp, prefix="A", slot_capacity=slot_capacity, booking_enabled=booking
    )
    QueueServiceFactory(service=kk, prefix="A")
    QueueServiceFactory(service=akta, prefix="B")
    hall = Hall(mall=mall, agency=agency, ktp=ktp, kk=kk, akta=akta)
    for _ in range(counters):
        counter = CounterFactory(mall=mall, agency=agency, services=[ktp, kk, akta])
        hall.counters.append(counter)
        hall.officers.append(officer_for(counter))
    return hall


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    clear_caches()
    yield
    cache.clear()
    clear_caches()


@pytest.fixture
def hall(db) -> Hall:
    return build_hall()
