"""No double booking, ever (docs/reliability.md §5.4): many threads, each with its own
database
connection and its own signed-in citizen, race for overlapping times of one room through the
real API endpoint. Exactly one wins; everyone else gets a clear 409 "already taken"; the
database holds no overlapping active bookings. Runs on SQLite (file DB, IMMEDIATE) and on
PostgreSQL (exclusion constraint) alike."""

from __future__ import annotations

import itertools
from collections import Counter as Tally
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone

from mpp.accounts.tokens import issue_api_token
from mpp.facilities.enums import RoomBookingStatus
from mpp.facilities.models import RoomBooking
from tests.applications.factories import CitizenFactory
from tests.facilities.conftest import make_room, tomorrow_at
from tests.queueing.hammer import hammer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

THREADS = 16
PER_THREAD = 3


def _assert_no_overlaps() -> None:
    active = list(
        RoomBooking.objects.exclude(
            status__in=[RoomBookingStatus.CANCELLED, RoomBookingStatus.RELEASED]
        )
        .order_by("room_id", "starts_at")
        .values_list("room_id", "starts_at", "ends_at")
    )
    for (r1, _s1, e1), (r2, s2, _e2) in itertools.pairwise(active):
        assert r1 != r2 or e1 <= s2, (r1, e1, s2)


def test_overlapping_bookings_race_gives_exactly_one_booking(mall):
    room = make_room(mall, weekly_limit=50)
    tokens = [issue_api_token(user=CitizenFactory()) for _ in range(THREADS)]
    base = tomorrow_at(10)
    # Every request overlaps every other: starts between 09:30 and 10:30, 90-120 minutes long,
    # all covering 10:30–11:00.
    spans = [
        (base + timedelta(minutes=-30 + 10 * (k % 7)), 90 + 30 * (k % 2))
        for k in range(THREADS * PER_THREAD)
    ]

    def work(i: int) -> list[int]:
        client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {tokens[i]}")
        got = []
        for j in range(PER_THREAD):
            start, minutes = spans[i * PER_THREAD + j]
            response = client.post(
                "/api/v1/facilities/bookings",
                {
                    "room": room.slug,
                    "starts_at": start.isoformat(),
                    "ends_at": (start + timedelta(minutes=minutes)).isoformat(),
                },
                content_type="application/json",
                headers={"accept-language": "en"},
            )
            got.append(response.status_code)
            if response.status_code == 409:
                assert "already taken" in response.json()["detail"].lower()
        return got

    statuses = hammer(THREADS, work)

    assert statuses == Tally({201: 1, 409: THREADS * PER_THREAD - 1}), statuses
    assert RoomBooking.objects.filter(status=RoomBookingStatus.BOOKED).count() == 1
    _assert_no_overlaps()


def test_separate_slots_race_all_succeed_without_overlap(mall):
    """Half-hour slots, two threads per slot: one booking per slot, never two."""
    room = make_room(mall, weekly_limit=50)
    tokens = [issue_api_token(user=CitizenFactory()) for _ in range(THREADS)]
    base = tomorrow_at(8)

    def work(i: int) -> list[int]:
        client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {tokens[i]}")
        start = base + timedelta(minutes=30 * (i // 2))
        return [
            client.post(
                "/api/v1/facilities/bookings",
                {
                    "room": room.slug,
                    "starts_at": start.isoformat(),
                    "ends_at": (start + timedelta(minutes=30)).isoformat(),
                },
                content_type="application/json",
            ).status_code
        ]

    statuses = hammer(THREADS, work)

    assert statuses == Tally({201: THREADS // 2, 409: THREADS // 2}), statuses
    _assert_no_overlaps()


def test_postgresql_exclusion_constraint_refuses_overlap_even_without_the_code(mall):
    """The database itself refuses an overlapping row written past the domain."""
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only")
    room = make_room(mall)
    now = timezone.now()
    common = {"mall": mall, "room": room, "created_at": now, "changed_at": now}
    RoomBooking.objects.create(
        code="AAAA2222", starts_at=tomorrow_at(10), ends_at=tomorrow_at(11), **common
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        RoomBooking.objects.create(
            code="BBBB3333", starts_at=tomorrow_at(10, 30), ends_at=tomorrow_at(12), **common
        )
    # A cancelled booking does not hold the room.
    RoomBooking.objects.create(
        code="CCCC4444",
        starts_at=tomorrow_at(10, 30),
        ends_at=tomorrow_at(12),
        status=RoomBookingStatus.CANCELLED,
        **common,
    )
