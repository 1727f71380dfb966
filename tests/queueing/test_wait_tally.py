"""The wait estimate reads maintained figures (WaitingTally, kept by database triggers) and a
ticket's place from the short side of an index (issue 15). These tests check, after every
transition a ticket can go through, that the tally equals a count of the waiting tickets and
that "people ahead" and the estimate equal a brute-force reading of the queue in call_next's
order. They run on whichever database the suite runs on (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections import Counter as Tally
from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import Count, Q, Sum
from django.test import Client

from mpp.queueing import domain, queries
from mpp.queueing.enums import PriorityGroup, TicketStatus
from mpp.queueing.models import Ticket, WaitingTally
from tests.queueing.conftest import build_hall
from tests.queueing.hammer import hammer

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB
SLOT_10 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)  # 10:00 WIB


def _brute_counts(*, mall_id, day, pool, ticket):
    """The per-service (ahead, busy) figures by reading every ticket: the old way."""
    waiting = Ticket.objects.filter(
        mall_id=mall_id, day=day, status=TicketStatus.WAITING, service_id__in=pool.service_defaults
    )
    if ticket is not None:
        earlier = Q(queued_at__lt=ticket.queued_at) | Q(
            queued_at=ticket.queued_at, pk__lt=ticket.pk
        )
        waiting = waiting.filter(
            Q(is_priority=True) & earlier if ticket.is_priority else Q(is_priority=True) | earlier
        )
    ahead = Tally(waiting.values_list("service_id", flat=True))
    busy = Tally(
        Ticket.objects.filter(
            mall_id=mall_id,
            day=day,
            status__in=[TicketStatus.CALLED, TicketStatus.SERVING],
            service_id__in=pool.service_defaults,
            counter_id__in=pool.staffed_ids,
        ).values_list("service_id", flat=True)
    )
    return [(sid, ahead[sid], busy[sid]) for sid in set(ahead) | set(busy)]


def _check(hall, monkeypatch, now: datetime = NOW) -> None:
    """The tally equals the waiting tickets; every estimate equals the brute-force one."""
    counted = {
        (row["mall_id"], row["day"], row["service_id"]): (row["n"], row["p"])
        for row in Ticket.objects.filter(status=TicketStatus.WAITING)
        .values("mall_id", "day", "service_id")
        .annotate(n=Count("pk"), p=Count("pk", filter=Q(is_priority=True)))
    }
    counted = {key: (n, int(p)) for key, (n, p) in counted.items()}
    tallied = {
        (row.mall_id, row.day, row.service_id): (row.waiting, row.priority_waiting)
        for row in WaitingTally.objects.all()
        if row.waiting or row.priority_waiting
    }
    assert tallied == counted
    queries.clear_caches()
    subjects = [(s, None) for s in (hall.ktp, hall.kk, hall.akta)]
    subjects += [(t.service, t) for t in Ticket.objects.filter(status=TicketStatus.WAITING)]
    for service, ticket in subjects:
        fast = queries.estimate_wait(service, ticket=ticket, now=now)
        with monkeypatch.context() as patch:
            patch.setattr(queries, "_queue_counts", _brute_counts)
            slow = queries.estimate_wait(service, ticket=ticket, now=now)
        assert fast == slow, (ticket, fast, slow)


@pytest.mark.django_db
def test_tally_and_estimate_stay_right_through_every_transition(monkeypatch):
    hall = build_hall(counters=2, slot_capacity=4, booking=True)
    (c1, c2), (o1, o2) = hall.counters, hall.officers
    check = lambda: _check(hall, monkeypatch)  # noqa: E731
    at = lambda minutes: NOW + timedelta(minutes=minutes)  # noqa: E731

    a1 = domain.issue_ticket(service=hall.ktp, now=at(0))
    a2 = domain.issue_ticket(service=hall.kk, now=at(1))
    b1 = domain.issue_ticket(service=hall.akta, now=at(2))
    p1 = domain.issue_ticket(service=hall.kk, priority=PriorityGroup.ELDERLY, now=at(3))
    p2 = domain.issue_ticket(service=hall.ktp, priority=PriorityGroup.PREGNANT, now=at(3))
    check()
    assert queries.estimate_wait(hall.ktp, ticket=a1, now=at(4)).ahead == 2  # the priorities
    # A booking checked in early takes its place at the slot's start: behind later walk-ins.
    booking = domain.book_visit(
        service=hall.ktp, starts_at=SLOT_10, phone="081234567890", now=at(4)
    )
    checked = domain.check_in(booking=booking, now=SLOT_10 - timedelta(minutes=30))
    late = domain.issue_ticket(service=hall.ktp, now=SLOT_10 - timedelta(minutes=20))
    check()
    assert queries.estimate_wait(hall.ktp, ticket=checked, now=at(5)).ahead == 6
    assert queries.estimate_wait(hall.ktp, ticket=late, now=at(5)).ahead == 5

    first = domain.call_next(counter=c1, officer=o1, now=at(10))  # a priority ticket
    assert first.pk == p1.pk
    check()
    domain.recall_ticket(ticket=first, officer=o1, now=at(11))
    domain.start_service(ticket=first, officer=o1, now=at(12))
    check()
    second = domain.call_next(counter=c2, officer=o2, now=at(13))
    domain.skip_ticket(ticket=second, officer=o2, now=at(14))
    check()
    domain.requeue_ticket(ticket=second, officer=o2, now=at(15))  # back in, at the end
    check()
    domain.transfer_ticket(ticket=first, officer=o1, to_service=hall.akta, now=at(16))
    check()
    domain.finish_service(
        ticket=domain.start_service(
            ticket=domain.call_next(counter=c1, officer=o1, now=at(17)), officer=o1, now=at(18)
        ),
        officer=o1,
        now=at(19),
    )
    check()
    domain.cancel_ticket(ticket=b1, now=at(20))
    check()
    # Outside the domain code: a plain save, a field edit and a delete (the admin's ways).
    Ticket.objects.get(pk=a2.pk).save()
    Ticket.objects.filter(pk=a1.pk).update(service=hall.akta)
    check()
    Ticket.objects.filter(pk=p2.pk).update(is_priority=False)
    Ticket.objects.filter(pk=late.pk).delete()
    check()
    domain.sign_out_counter(counter=c2, officer=o2)
    check()
    while domain.call_next(counter=c1, officer=o1, now=at(30)) is not None:
        domain.finish_service(ticket=Ticket.objects.get(counter=c1, status="called"), officer=o1)
        check()
    assert queries.estimate_wait(hall.ktp, now=at(31)).ahead == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_tally_right_after_concurrent_issuing_and_calling(monkeypatch):
    hall = build_hall(counters=2)
    slugs = [hall.ktp.slug, hall.kk.slug, hall.akta.slug]

    def work(i: int) -> list[int]:
        client = Client(raise_request_exception=False)
        out = []
        for j in range(12):
            out.append(
                client.post(
                    "/api/v1/queue/tickets",
                    {"service": slugs[(i + j) % 3], **({"priority": "elderly"} if j % 5 else {})},
                    content_type="application/json",
                ).status_code
            )
            if i < 2 and j % 3 == 0:
                counter, officer = hall.counters[i], hall.officers[i]
                ticket = domain.call_next(counter=counter, officer=officer)
                if ticket is not None:
                    domain.finish_service(ticket=ticket, officer=officer)
        return out

    statuses = hammer(8, work)

    assert statuses == Tally({201: 8 * 12})
    tally = WaitingTally.objects.aggregate(n=Sum("waiting"), p=Sum("priority_waiting"))
    waiting = Ticket.objects.filter(status=TicketStatus.WAITING)
    assert (tally["n"], tally["p"]) == (waiting.count(), waiting.filter(is_priority=True).count())
    assert waiting.count() < 8 * 12  # some were called meanwhile
    _check(hall, monkeypatch, now=datetime.now(UTC))


@pytest.mark.django_db
def test_estimate_read_with_the_issuing_statement_equals_the_estimate_read_after():
    """PostgreSQL issues a walk-in ticket in one statement, which also reads the estimate's
    counts (`new_ticket_counts`); the estimate from them equals the one read afterwards."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the one-statement issue is PostgreSQL's")
    hall = build_hall(counters=2)
    at = lambda minutes: NOW + timedelta(minutes=minutes)  # noqa: E731
    for minute, service in enumerate([hall.ktp, hall.kk, hall.ktp, hall.akta, hall.kk]):
        domain.issue_ticket(service=service, now=at(minute))
    domain.issue_ticket(service=hall.kk, priority=PriorityGroup.ELDERLY, now=at(5))
    # One ticket at a staffed counter.
    domain.call_next(counter=hall.counters[0], officer=hall.officers[0], now=at(6))
    queries.clear_caches()
    aheads = []
    for minute, (service, priority) in enumerate(
        [(hall.ktp, ""), (hall.kk, PriorityGroup.PREGNANT), (hall.akta, ""), (hall.kk, "")]
    ):
        ticket = domain.issue_ticket(
            service=service,
            priority=priority,
            now=at(10 + minute),
            also=queries.new_ticket_counts(service, priority=bool(priority)),
        )
        assert ticket.also is not None
        read_with = queries.estimate_wait(service, ticket=ticket, now=at(20), counts=ticket.also)
        read_after = queries.estimate_wait(service, ticket=ticket, now=at(20))
        assert read_with == read_after, (service, priority)
        aheads.append(read_with.ahead)
    # Everyone waiting is ahead of a normal ticket; the elderly ticket was called before the
    # pregnant one came, so none is ahead of it.
    assert aheads == [5, 0, 7, 8]
