"""The claim on PostgreSQL reads a few candidates per service (mpp/queueing/domain/calls.py:
as many as counters serve the service, plus one) instead of sorting the whole line. These
tests hold rows locked from another connection, as counters claiming at the same moment do,
and check that the claim still takes the right ticket: the first unlocked one in call_next's
order, found among the candidates or, when every candidate is locked, in the full line."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from mpp.catalog.models import Service
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


def _rows_read(plan: dict, table: str) -> int:
    """Rows read from `table` (all loops; kept or removed by a filter) in an executed plan."""
    rows = 0
    if plan.get("Relation Name") == table:
        read = plan["Actual Rows"] + plan.get("Rows Removed by Filter", 0)
        rows += int(read) * int(plan["Actual Loops"])
    return rows + sum(_rows_read(child, table) for child in plan.get("Plans", []))


def _hall_with_a_busy_day():
    """A counter serving 3 services (build_hall) among 23, yesterday's tickets for 22 of them
    in the statistics and none of today's (a morning), then someone waiting for each."""
    hall = build_hall(counters=1)
    others = []
    for i in range(20):  # services of other counters
        service = ServiceFactory(agency=hall.agency, slug=f"other-{i}")
        QueueServiceFactory(service=service, prefix="C")
        others.append(service)
    services = [hall.ktp, hall.kk, *others]
    for i in range(2 * len(services)):
        domain.issue_ticket(
            service=services[i % len(services)], now=NOW - timedelta(days=1, seconds=i)
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE queueing_waitingtally")
        cursor.execute("ANALYZE queueing_ticket")
    for i, service in enumerate(services):
        domain.issue_ticket(service=service, now=NOW + timedelta(seconds=i))
    queries.clear_caches()
    return hall


@pytest.mark.usefixtures("postgres_only")
def test_claim_and_line_read_the_tally_of_the_counters_services_only():
    """The waiting tally holds a row per service of the mall's day (169 in Ngawi); a counter
    serves a few. With the morning's statistics (no row of today) PostgreSQL would start from
    the tally and read every service's row at every press; each of the counter's services
    must be looked up by its key instead."""
    hall = _hall_with_a_busy_day()
    counter, officer = hall.counters[0], hall.officers[0]
    line = calls.counter_line(counter.pk)
    assert len(line.service_ids) == 3

    with CaptureQueriesContext(connection) as captured:
        calls.line_of_counter(
            counter_id=counter.pk, mall_id=hall.mall.pk, day=NOW.date(),
            service_ids=line.service_ids, limit=4,
        )  # fmt: skip
    line_plan = _explained(captured.captured_queries[-1]["sql"])
    assert _rows_read(line_plan, "queueing_waitingtally") <= 3

    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        called = domain.call_next(counter=counter, officer=officer, now=NOW + timedelta(minutes=5))
        transaction.set_rollback(True)
    assert called is not None
    claim = next(q["sql"] for q in captured.captured_queries if "candidates" in q["sql"])
    assert _rows_read(_explained(claim), "queueing_waitingtally") <= 3


@pytest.mark.usefixtures("postgres_only")
def test_issuing_reads_the_tally_of_the_services_sharing_its_counters_only():
    """The kiosk ticket's wait estimate is read in the issuing statement from the tally of
    the services that share its counters (3 here), not from every service's row of the day."""
    hall = _hall_with_a_busy_day()
    with _executed_plans() as plans, transaction.atomic():
        ticket = domain.issue_ticket(
            service=hall.ktp,
            now=NOW + timedelta(minutes=1),
            also=queries.new_ticket_counts(hall.ktp, priority=False),
        )
        transaction.set_rollback(True)
    ahead = {int(sid): int(n) for part, sid, n in ticket.also if int(part) == 1}
    assert ahead == {hall.ktp.pk: 1, hall.kk.pk: 1}  # akta: nobody waiting
    (issuing,) = [plan for text, plan in plans if "WITH seq AS" in text]
    assert _rows_read(issuing, "queueing_waitingtally") <= 3


@contextlib.contextmanager
def _executed_plans() -> Iterator[list[tuple[str, dict]]]:
    """The statements run inside, each with its executed plan, as the server runs the hot
    statements of `prepared_cursor`: prepared, with a generic plan (PostgreSQL's choice after
    five runs on a connection), which cannot see the parameters' values. auto_explain sends
    each plan to this connection as a notice. Planned as for a mall's year of tickets, where
    reading whole tables would not win (see `_explained`)."""
    settings = {
        "auto_explain.log_min_duration": "0",
        "auto_explain.log_analyze": "on",
        "auto_explain.log_format": "json",
        "auto_explain.log_level": "notice",
        "plan_cache_mode": "force_generic_plan",
        "enable_seqscan": "off",
        "enable_bitmapscan": "off",
    }
    plans: list[tuple[str, dict]] = []

    def collect(diagnostic: Any) -> None:
        message = diagnostic.message_primary or ""
        if "plan:" in message:
            document = json.loads(message.split("plan:", 1)[1])
            plans.append((document["Query Text"], document["Plan"]))

    connection.ensure_connection()
    raw = connection.connection
    with connection.cursor() as cursor:
        try:
            cursor.execute("LOAD 'auto_explain'")  # PostgreSQL's contrib; needs a superuser
        except DatabaseError as exc:
            pytest.skip(f"auto_explain cannot be loaded here: {exc}")
        for name, value in settings.items():
            cursor.execute("SELECT set_config(%s, %s, false)", [name, value])
    raw.add_notice_handler(collect)
    try:
        yield plans
    finally:
        raw.remove_notice_handler(collect)
        with connection.cursor() as cursor:
            for name in settings:
                cursor.execute(f"RESET {name}")


@pytest.mark.usefixtures("postgres_only")
def test_a_tickets_wait_reads_the_services_sharing_its_counters_only():
    """A phone asking for its ticket's place and wait: the counts come from the tally rows
    and the waiting tickets of the services that share its counters, not from the whole
    day's (here 60 tickets waiting for 20 other services)."""
    hall = _hall_with_a_busy_day()
    others = list(Service.objects.filter(slug__startswith="other-"))
    for i in range(40):
        domain.issue_ticket(service=others[i % 20], now=NOW + timedelta(minutes=1, seconds=i))
    mine = domain.issue_ticket(service=hall.ktp, now=NOW + timedelta(minutes=2))
    with CaptureQueriesContext(connection) as captured:
        wait = queries.estimate_wait(hall.ktp, ticket=mine, now=NOW + timedelta(minutes=3))
    assert wait.ahead == 2  # the morning's ktp and kk tickets
    counting = next(q["sql"] for q in captured.captured_queries if "waitingtally" in q["sql"])
    plan = _explained(counting)
    assert _rows_read(plan, "queueing_waitingtally") <= 3
    assert _rows_read(plan, "queueing_ticket") <= 3
