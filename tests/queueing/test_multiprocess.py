"""The same proofs across processes: several worker processes of the application server
serve the real HTTP stack while many client threads hammer it; then the database is
checked."""

from __future__ import annotations

import http.client
from collections import Counter as Tally

import pytest

from mpp.accounts.tokens import issue_api_token
from mpp.queueing import domain
from mpp.queueing.enums import TicketEventKind, TicketStatus
from mpp.queueing.models import Ticket, TicketEvent
from tests.queueing.conftest import build_hall
from tests.queueing.hammer import hammer
from tests.queueing.server import app_server, request
from tests.queueing.test_concurrency import _assert_numbers_contiguous

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_issue_and_call_across_worker_processes():
    hall = build_hall(counters=4)
    tokens = [issue_api_token(user=o) for o in hall.officers]
    slugs = [hall.ktp.slug, hall.kk.slug, hall.akta.slug]
    for i in range(30):
        domain.issue_ticket(service=[hall.ktp, hall.akta][i % 2])
    issuers, per_issuer = 12, 20

    with app_server(workers=3) as port:

        def work(i: int) -> list[int]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            got = []
            if i < issuers:
                for j in range(per_issuer):
                    status, _ = request(
                        port,
                        "POST",
                        "/api/v1/queue/tickets",
                        {"service": slugs[(i + j) % 3]},
                        conn=conn,
                    )
                    got.append(status)
                return got
            # Officers: two threads per counter call and finish as fast as they can.
            k = i - issuers
            counter, auth = hall.counters[k % 4], {"Authorization": f"Bearer {tokens[k % 4]}"}
            for _ in range(60):
                status, body = request(
                    port,
                    "POST",
                    f"/api/v1/queue/counters/{counter.number}/call-next",
                    headers=auth,
                    conn=conn,
                )
                got.append(status)
                ticket = body.get("ticket") if status == 200 else None
                if ticket:
                    status, _ = request(
                        port,
                        "POST",
                        f"/api/v1/queue/tickets/{ticket['code']}/finish",
                        headers=auth,
                        conn=conn,
                    )
                    got.append(status)
            return got

        statuses = hammer(issuers + 8, work)

    assert 500 not in statuses and set(statuses) <= {200, 201, 409}, statuses
    assert statuses[201] == issuers * per_issuer
    assert Ticket.objects.count() == 30 + issuers * per_issuer
    _assert_numbers_contiguous()
    called = Tally(
        TicketEvent.objects.filter(kind=TicketEventKind.CALLED).values_list("ticket_id", flat=True)
    )
    assert set(called.values()) <= {1}
    assert Ticket.objects.filter(status__in=["called", "serving"]).count() <= 4
    done = Ticket.objects.filter(status=TicketStatus.DONE).count()
    assert (
        done + Ticket.objects.filter(status__in=["called", "waiting"]).count()
        == Ticket.objects.count()
    )
    assert len(called) == Ticket.objects.exclude(status=TicketStatus.WAITING).count()
