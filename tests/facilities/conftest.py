"""Fixtures of the facilities tests: a room open every day, a verified citizen, a time
tomorrow in the mall's zone."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from mpp.core.enums import BoothKind
from mpp.facilities.models import Room
from tests.applications.factories import CitizenFactory
from tests.factories import BoothFactory

WIB = ZoneInfo("Asia/Jakarta")


def make_room(mall, **kw):  # type: ignore[no-untyped-def]
    defaults = {
        "slug": "ruang-rapat",
        "name": "Ruang Rapat",
        "capacity": 8,
        "opens_at": time(0, 0),
        "closes_at": time(23, 30),
        "open_weekdays": [0, 1, 2, 3, 4, 5, 6],
        "min_minutes": 30,
        "max_minutes": 180,
        "horizon_days": 14,
        "weekly_limit": 3,
        "grace_minutes": 15,
        # Its own hours, every day: the suite runs on any day (the mall's hours and calendar
        # for rooms are tested in tests/core/test_opening.py).
        "follows_mall_hours": False,
    }
    defaults.update(kw)
    return Room.objects.create(mall=mall, **defaults)


def tomorrow_at(hour: int, minute: int = 0) -> datetime:
    day = timezone.now().astimezone(WIB).date() + timedelta(days=1)
    return datetime.combine(day, time(hour, minute), tzinfo=WIB)


def msme_booths(mall, n: int = 3):  # type: ignore[no-untyped-def]
    return [BoothFactory(mall=mall, code=f"U{i:02d}", kind=BoothKind.MSME) for i in range(1, n + 1)]


@pytest.fixture
def room(mall):  # type: ignore[no-untyped-def]
    return make_room(mall)


@pytest.fixture
def citizen(db):  # type: ignore[no-untyped-def]
    return CitizenFactory()


@pytest.fixture
def signed_in(client, citizen):  # type: ignore[no-untyped-def]
    client.force_login(citizen, backend="django.contrib.auth.backends.ModelBackend")
    return client
