"""Concurrency proofs (docs/reliability.md §5.4): many threads hammer the real API
endpoints, each
with its own database connection; then the database is checked. Runs on whichever database
the suite runs on (SQLite file DB with IMMEDIATE transactions, or PostgreSQL)."""

from __future__ import annotations

from collections import Counter as Tally
from datetime import datetime, time, timedelta

import pytest
from django.db.models import Count, Max
from django.test import Client
from django.utils import timezone

from mpp.accounts.tokens import issue_api_token
from mpp.queueing import domain
from mpp.queueing.domain.common import mall_zone
from mpp.queueing.enums import BookingStatus, TicketEventKind, TicketStatus
from mpp.queueing.models import Booking, Slot, Ticket, TicketEvent
from tests.queueing.conftest import build_hall
from tests.queueing.hammer import hammer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

THREADS = 16
PER_THREAD = 25


def _assert_numbers_contiguous() -> dict[str, int]:
    per_prefix = {}
    for row in Ticket.objects.values("mall_id", "prefix", "day").annotate(
        n=Count("pk"), distinct=Count("number", distinct=True), top=Max("number")
    ):
        # No duplicates (n == distinct) and no gaps (max == count).
        assert (row["n"], row["top"]) == (row["distinct"], row["n"]), row
        per_prefix[row["prefix"]] = row["n"]
    return per_prefix


def test_issue_ticket_hammer_gives_unique_contiguous_numbers():
    hall = build_hall(counters=1)
    slugs = [hall.ktp.slug, hall.kk.slug, hall.akta.slug]

    def work(i: int) -> list[int]:
        client = Client(raise_request_exception=False)
        return [
            client.post(
                "/api/v1/queue/tickets",
                {"service": slugs[(i + j) % 3]},
                content_type="application/json",
            ).status_code
            for j in range(PER_THREAD)
        ]

    statuses = hammer(THREADS, work)

    assert statuses == Tally({201: THREADS * PER_THREAD})
    assert Ticket.objects.count() == THREADS * PER_THREAD
    per_prefix = _assert_numbers_contiguous()
    assert sum(per_prefix.values()) == THREADS * PER_THREAD
    assert TicketEvent.objects.filter(kind=TicketEventKind.ISSUED).count() == THREADS * PER_THREAD


def _line_at_four_counters(total: int = 80):  # type: ignore[no-untyped-def]
    """Four staffed counters (officers' API tokens) and `total` waiting tickets."""
    hall = build_hall(counters=4)
    tokens = [issue_api_token(user=o) for o in hall.officers]
    for i in range(total):
        domain.issue_ticket(service=[hall.ktp, hall.kk, hall.akta][i % 3])
    return hall, tokens, total


def _assert_each_ticket_called_and_finished_once(total: int) -> None:
    assert Ticket.objects.filter(status=TicketStatus.DONE).count() == total
    for kind in (TicketEventKind.CALLED, TicketEventKind.FINISHED):
        per_ticket = Tally(
            TicketEvent.objects.filter(kind=kind).values_list("ticket_id", flat=True)
        )
        assert (len(per_ticket), set(per_ticket.values())) == (total, {1}), kind


def test_call_next_hammer_never_calls_a_ticket_twice():
    hall, tokens, total = _line_at_four_counters()

    def work(i: int) -> list[int]:
        # Two threads per counter: the same officer pressing in two tabs at once.
        counter = hall.counters[i % 4]
        client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {tokens[i % 4]}")
        got, empty = [], 0
        for _ in range(200):
            response = client.post(f"/api/v1/queue/counters/{counter.number}/call-next")
            got.append(response.status_code)
            ticket = response.json().get("ticket") if response.status_code == 200 else None
            if ticket is None:
                empty += 1
                if empty >= 2:
                    break
                continue
            got.append(client.post(f"/api/v1/queue/tickets/{ticket['code']}/finish").status_code)
        return got

    statuses = hammer(8, work)

    assert set(statuses) <= {200, 409}, statuses
    _assert_each_ticket_called_and_finished_once(total)


def test_finish_and_call_next_hammer_finishes_and_calls_each_ticket_once():
    """One press per citizen (`call-next?finish=<code>`), pressed in two tabs per counter at
    once (each tab names the ticket it last saw, often one the other tab already finished):
    every ticket is called once and finished once, and the line is served to its end. That a
    repeated press finishes nobody is shown step by step in test_api.py."""
    hall, tokens, total = _line_at_four_counters()

    def work(i: int) -> list[int]:
        counter = hall.counters[i % 4]
        client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {tokens[i % 4]}")
        url = f"/api/v1/queue/counters/{counter.number}/call-next"
        got, last, empty = [], "", 0
        while empty < 2 and len(got) < 400:
            response = client.post(f"{url}?finish={last}") if last else client.post(url)
            got.append(response.status_code)
            ticket = response.json().get("ticket") if response.status_code == 200 else None
            if ticket is None:
                empty += 1
            else:
                last = ticket["code"]
        return got

    statuses = hammer(8, work)

    assert set(statuses) <= {200, 409}, statuses
    _assert_each_ticket_called_and_finished_once(total)


def test_booking_hammer_never_overbooks_a_slot():
    hall = build_hall(counters=2, slot_capacity=3, booking=True)  # 6 seats per slot
    tomorrow = timezone.localdate() + timedelta(days=1)
    client = Client()
    slots = client.get(
        "/api/v1/queue/slots", {"service": hall.ktp.slug, "date": tomorrow.isoformat()}
    ).json()
    target = slots[0]["starts_at"]

    def work(i: int) -> list[int]:
        c = Client(raise_request_exception=False)
        return [
            c.post(
                "/api/v1/queue/bookings",
                {"service": hall.ktp.slug, "starts_at": target, "phone": f"0812{i:04d}{j:04d}"},
                content_type="application/json",
            ).status_code
            for j in range(4)
        ]

    statuses = hammer(THREADS, work)

    slot = Slot.objects.get(service=hall.ktp, starts_at=target)
    assert statuses == Tally({201: 6, 409: THREADS * 4 - 6})
    assert (slot.booked_count, slot.walk_in_count, slot.capacity) == (6, 0, 6)
    assert Booking.objects.filter(status=BookingStatus.BOOKED).count() == 6


def test_booking_and_walk_in_race_share_seats_honestly():
    hall = build_hall(counters=2, slot_capacity=5, booking=True)  # 10 seats
    service = hall.ktp
    # 09:00 today in the mall's zone, whatever the hour the suite runs at (late in the evening
    # today's last slots are gone and the first ticket would find the service closed).
    day = domain.local_day(hall.mall, timezone.now())
    now = datetime.combine(day, time(9), tzinfo=mall_zone(hall.mall))
    domain.issue_ticket(service=service, now=now)  # materialises today's slots
    target = (
        Slot.objects.filter(service=service, day=day, starts_at__gt=now + timedelta(minutes=1))
        .order_by("starts_at")
        .first()
    )
    assert target is not None
    # Only the target slot has seats, and it is inside its release window: walk-ins and
    # bookings compete for the same 10 seats.
    Slot.objects.exclude(pk=target.pk).update(capacity=0, booking_reserved=0, walk_in_count=0)
    Slot.objects.filter(pk=target.pk).update(walk_in_count=0)
    results: list[str] = []

    def work(i: int) -> list[int]:
        out = []
        for j in range(3):
            try:
                if i % 2:
                    domain.book_visit(
                        service=service,
                        starts_at=target.starts_at,
                        phone=f"0813{i:04d}{j:04d}",
                        now=now,
                    )
                    results.append("booked")
                else:
                    domain.issue_ticket(service=service, now=now)
                    results.append("walk-in")
                out.append(201)
            except domain.FullError:
                out.append(409)
        return out

    statuses = hammer(THREADS, work)

    target.refresh_from_db()
    assert statuses[201] == 10
    assert target.booked_count + target.walk_in_count == 10
    assert target.booked_count == results.count("booked")
    assert target.walk_in_count == results.count("walk-in")


def test_issue_ticket_double_tap_with_same_key_gives_one_ticket():
    hall = build_hall(counters=1)

    def work(i: int) -> list[int]:
        c = Client(raise_request_exception=False)
        return [
            c.post(
                "/api/v1/queue/tickets",
                {"service": hall.ktp.slug},
                content_type="application/json",
                headers={"Idempotency-Key": f"tap-{j}"},
            ).status_code
            for j in range(5)
        ]

    statuses = hammer(8, work)

    assert statuses == Tally({201: 40})
    assert Ticket.objects.count() == 5
