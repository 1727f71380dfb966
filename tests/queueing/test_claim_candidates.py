"""The claim on PostgreSQL reads a few candidates per service (mpp/queueing/domain/calls.py:
as many as counters serve the service, plus one) instead of sorting the whole line. These
tests hold rows locked from another connection, as counters claiming at the same moment do,
and check that the claim still takes the right ticket: the first unlocked one in call_next's
order, found among the candidates or, when every candidate is locked, in the full line."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from mpp.queueing import domain, queries
from mpp.queueing.domain import calls
from mpp.queueing.enums import PriorityGroup
from mpp.queueing.models import Ticket
from tests.factories import ServiceFactory
from tests.queueing.conftest import build_hall
from tests.queueing.factories import QueueServiceFactory

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB

pytestmark = pytest.mark.django_db(transaction=True)


class Holder:
    """Another connection holding `FOR UPDATE` locks on some tickets until released."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids
        self.held = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        try:
            with transaction.atomic():
                list(Ticket.objects.select_for_update().filter(pk__in=self.ids))
                self.held.set()
                self.release.wait(10)
        finally:
            connections.close_all()

    def __enter__(self) -> Holder:
        self.thread.start()
        assert self.held.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.thread.join(10)


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the candidate claim is PostgreSQL's (SQLite serialises its writers)")


@pytest.mark.usefixtures("postgres_only")
def test_claim_skips_locked_candidates_and_falls_back_to_the_full_line():
    hall = build_hall(counters=1)  # one counter: 2 candidates per service and class
    counter, officer = hall.counters[0], hall.officers[0]
    at = lambda minutes: NOW + timedelta(minutes=minutes)  # noqa: E731
    tickets = [domain.issue_ticket(service=hall.ktp, now=at(i)) for i in range(4)]
    queries.clear_caches()

    with Holder([tickets[0].pk]):  # one candidate locked: the next in line is taken
        assert domain.call_next(counter=counter, officer=officer, now=at(10)).pk == tickets[1].pk
    domain.finish_service(ticket=tickets[1], officer=officer, now=at(11))

    # Both candidates of the service locked: the claim looks down the whole line.
    with Holder([tickets[0].pk, tickets[2].pk]):
        assert domain.call_next(counter=counter, officer=officer, now=at(12)).pk == tickets[3].pk
    domain.finish_service(ticket=tickets[3], officer=officer, now=at(13))

    # Nothing locked: the first in line again.
    assert domain.call_next(counter=counter, officer=officer, now=at(14)).pk == tickets[0].pk


@pytest.mark.usefixtures("postgres_only")
def test_claim_order_across_services_and_priority_classes():
    hall = build_hall(counters=2)
    counter, officer = hall.counters[0], hall.officers[0]
    at = lambda minutes: NOW + timedelta(minutes=minutes)  # noqa: E731
    normal_kk = domain.issue_ticket(service=hall.kk, now=at(0))
    normal_ktp = domain.issue_ticket(service=hall.ktp, now=at(1))
    elderly = domain.issue_ticket(service=hall.akta, priority=PriorityGroup.ELDERLY, now=at(2))
    late_kk = domain.issue_ticket(service=hall.kk, now=at(3))
    queries.clear_caches()

    called = []
    for minute in range(4):
        ticket = domain.call_next(counter=counter, officer=officer, now=at(10 + 2 * minute))
        called.append(ticket.pk)
        domain.finish_service(ticket=ticket, officer=officer, now=at(11 + 2 * minute))
    # Priority first, then by place in line across the counter's services.
    assert called == [elderly.pk, normal_kk.pk, normal_ktp.pk, late_kk.pk]
    assert domain.call_next(counter=counter, officer=officer, now=at(30)) is None


def _line_reads(plan: dict) -> list[int]:
    """Rows each read of one service's line (ticket_queue_idx down to the service) returned
    per loop, anywhere in an `EXPLAIN (ANALYZE, FORMAT JSON)` plan."""
    reads = []
    if plan.get("Index Name") == "ticket_queue_idx" and "service_id = s.sid" in plan.get(
        "Index Cond", ""
    ):
        reads.append(int(plan["Actual Rows"]))
    for child in plan.get("Plans", []):
        reads.extend(_line_reads(child))
    return reads


def _explained(sql: str) -> dict:
    """The executed plan of `sql`, in a transaction rolled back (the claim writes). The test's
    tables hold a few dozen rows, where reading the whole table beats any index: the planner
    is asked to plan as for a mall's year of tickets, where it would not."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        (document,) = cursor.fetchone()
        transaction.set_rollback(True)
    return (document if isinstance(document, list) else json.loads(document))[0]["Plan"]


@pytest.mark.usefixtures("postgres_only")
def test_claim_and_line_read_only_the_head_of_each_line_with_the_mornings_statistics():
    """The statistics of a morning describe yesterday: none of today's tickets is in them, so
    PostgreSQL expects one waiting ticket per service. The claim and the "your turn is near"
    line must still read only the first few tickets of each service from ticket_queue_idx
    (its order is theirs, to the id), not the whole line and sort it."""
    hall = build_hall(counters=1)
    counter, officer = hall.counters[0], hall.officers[0]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE queueing_ticket")  # no ticket of today in the statistics
    for i in range(60):
        domain.issue_ticket(service=(hall.ktp, hall.kk)[i % 2], now=NOW + timedelta(seconds=i))
    queries.clear_caches()
    line = calls.counter_line(counter.pk)

    with CaptureQueriesContext(connection) as captured:
        calls.line_of_counter(
            counter_id=counter.pk, mall_id=hall.mall.pk, day=NOW.date(),
            service_ids=line.service_ids, limit=4,
        )  # fmt: skip
    reads = _line_reads(_explained(captured.captured_queries[-1]["sql"]))
    assert reads and max(reads) <= 4, reads  # not the 30 waiting for each service

    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        domain.call_next(counter=counter, officer=officer, now=NOW + timedelta(minutes=5))
        transaction.set_rollback(True)
    claim = next(q["sql"] for q in captured.captured_queries if "candidates" in q["sql"])
    reads = _line_reads(_explained(claim))
    assert reads and max(reads) <= max(line.depths) + 1, reads  # as many as counters, plus one


def _tally_reads(plan: dict) -> int:
    """Rows read from the waiting tally (all loops), anywhere in an executed plan."""
    rows = 0
    if plan.get("Relation Name") == "queueing_waitingtally":
        rows += int(plan["Actual Rows"]) * int(plan["Actual Loops"])
    return rows + sum(_tally_reads(child) for child in plan.get("Plans", []))


@pytest.mark.usefixtures("postgres_only")
def test_claim_and_line_read_the_tally_of_the_counters_services_only():
    """The waiting tally holds a row per service of the mall's day (169 in Ngawi); a counter
    serves a few. With the morning's statistics (no row of today) PostgreSQL would start from
    the tally and read every service's row at every press; each of the counter's services
    must be looked up by its key instead."""
    hall = build_hall(counters=1)
    counter, officer = hall.counters[0], hall.officers[0]
    others = []
    for i in range(20):  # services of other counters, each with someone waiting
        service = ServiceFactory(agency=hall.agency, slug=f"other-{i}")
        QueueServiceFactory(service=service, prefix="C")
        others.append(service)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE queueing_waitingtally")  # no tally row of today in the statistics
        cursor.execute("ANALYZE queueing_ticket")
    for i, service in enumerate([hall.ktp, hall.kk, *others]):
        domain.issue_ticket(service=service, now=NOW + timedelta(seconds=i))
    queries.clear_caches()
    line = calls.counter_line(counter.pk)
    assert len(line.service_ids) == 3

    with CaptureQueriesContext(connection) as captured:
        calls.line_of_counter(
            counter_id=counter.pk, mall_id=hall.mall.pk, day=NOW.date(),
            service_ids=line.service_ids, limit=4,
        )  # fmt: skip
    assert _tally_reads(_explained(captured.captured_queries[-1]["sql"])) <= 3

    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        called = domain.call_next(counter=counter, officer=officer, now=NOW + timedelta(minutes=5))
        transaction.set_rollback(True)
    assert called is not None
    claim = next(q["sql"] for q in captured.captured_queries if "candidates" in q["sql"])
    assert _tally_reads(_explained(claim)) <= 3
