"""Priority: served first, but never starving the normal line (ADR 0004)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mpp.queueing import domain
from mpp.queueing.enums import PriorityGroup

T0 = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def _call_order(hall, n):
    counter, officer = hall.counters[0], hall.officers[0]
    order = []
    for i in range(n):
        ticket = domain.call_next(
            counter=counter, officer=officer, now=T0 + timedelta(hours=1, minutes=i)
        )
        if ticket is None:
            break
        order.append(ticket.display_number)
        domain.finish_service(
            ticket=ticket, officer=officer, now=T0 + timedelta(hours=1, minutes=i)
        )
    return order


def test_priority_first_but_every_third_call_serves_normal_line(hall):
    for i in range(3):
        domain.issue_ticket(service=hall.ktp, now=T0 + timedelta(minutes=i))  # A-001..003 normal
    for i in range(5):
        domain.issue_ticket(
            service=hall.ktp, priority=PriorityGroup.ELDERLY, now=T0 + timedelta(minutes=10 + i)
        )  # A-004..008 priority

    order = _call_order(hall, 10)

    assert order == [
        "A-004", "A-005", "A-001",
        "A-006", "A-007", "A-002",
        "A-008", "A-003",
    ]  # fmt: skip


def test_priority_only_queue_keeps_calling_priority(hall):
    for i in range(4):
        domain.issue_ticket(
            service=hall.ktp, priority=PriorityGroup.PREGNANT, now=T0 + timedelta(minutes=i)
        )

    assert _call_order(hall, 10) == ["A-001", "A-002", "A-003", "A-004"]
