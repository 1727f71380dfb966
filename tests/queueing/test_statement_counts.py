"""The statements the two hot operations send to the database (issue 11): a kiosk ticket and an
officer's call-next (with the finish that precedes the next call, or both in one press), through
the real API stack.

The figures are the steady state (the process caches of the mall, its services and counter
pools are warm and the day's number sequence exists), on SQLite and PostgreSQL alike.
Transaction control (BEGIN, COMMIT, SAVEPOINT …) is not counted: inside a test it is a
savepoint, in production a transaction. A change that adds a statement to either path makes
these fail: look at the listed SQL and decide whether the hot path should pay for it.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mpp.accounts.tokens import issue_api_token
from tests.queueing.conftest import build_hall

CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO")

# Issue: sequence UPDATE … RETURNING, ticket INSERT, event INSERT; then the wait estimate in
# one statement (waiting tally, the new ticket's side of the line, tickets at counters).
# PostgreSQL runs all four as one statement (data-modifying CTEs, no transaction round trips;
# the estimate's counts as a sub-select of the same statement); SQLite has no such statement
# and keeps the first three in one transaction.
ISSUE_STATEMENTS = {"postgresql": 1, "sqlite": 4}
# Call-next (mpp/queueing/domain/calls.py): the counter locked with its zone and whether a ticket
# is at it; the claim (one UPDATE … RETURNING over the locked sub-select of the next ticket, with
# its service's name and whether it has a contact) with its call event (PostgreSQL: the event's
# INSERT in the same statement; SQLite: a second one); the "your turn is near" check (the
# counter's first tickets as id, has a contact, notify_ahead). The API token comes from the
# process's cache (mpp/accounts/tokens.py), the counter number from a cached map.
CALL_NEXT_STATEMENTS = {"postgresql": 3, "sqlite": 4}
# Finish: the ticket's counter locked, found by the ticket's code; the ticket's UPDATE (only while
# it is at that counter and called or being served) with its event (one statement on
# PostgreSQL, two on SQLite); the survey invitation (one INSERT ignoring a repeat: no contact,
# so no message and no contact read).
FINISH_STATEMENTS = {"postgresql": 3, "sqlite": 4}
# Finish & call next in one press (`call-next?finish=<code>`): the counter locked as for a call;
# the finish's UPDATE, only of the ticket with that code at this counter, with its event; the
# survey invitation; then the call's claim with its event and the "your turn is near" check.
# One statement fewer than the two presses (the ticket's counter is the one locked), and one
# request and transaction instead of two.
FINISH_AND_CALL_STATEMENTS = {"postgresql": 5, "sqlite": 7}


def _assert_pinned(captured: CaptureQueriesContext, pinned: dict[str, int]) -> None:
    """As many statements (transaction control aside) as `pinned` says for this database;
    the SQL listed when not."""
    statements = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(CONTROL)]
    assert len(statements) == pinned[connection.vendor], "\n".join(statements)


@pytest.fixture
def hall_with_tokens(db):
    hall = build_hall(counters=2)
    hall.tokens = [issue_api_token(user=o) for o in hall.officers]
    return hall


def _issue(client, slug: str = "ktp-el") -> dict:
    response = client.post(
        "/api/v1/queue/tickets", {"service": slug}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_issue_ticket_statement_count_is_pinned(hall_with_tokens, client):
    _issue(client)  # warm: caches, the day's sequence row

    with CaptureQueriesContext(connection) as captured:
        ticket = _issue(client, "kk")

    assert ticket["wait"]["people_ahead"] == 1
    _assert_pinned(captured, ISSUE_STATEMENTS)


def _officer_with_a_line(hall, client):  # type: ignore[no-untyped-def]
    """The first counter, its call-next URL and officer's credentials; three tickets waiting."""
    counter = hall.counters[0]
    for _ in range(3):
        _issue(client)
    url = f"/api/v1/queue/counters/{counter.number}/call-next"
    return counter, url, {"HTTP_AUTHORIZATION": f"Bearer {hall.tokens[0]}"}


def test_call_next_and_finish_statement_counts_are_pinned(hall_with_tokens, client):
    counter, url, auth = _officer_with_a_line(hall_with_tokens, client)
    first = client.post(url, **auth).json()["ticket"]  # warm
    client.post(f"/api/v1/queue/tickets/{first['code']}/finish", **auth)

    with CaptureQueriesContext(connection) as calling:
        called = client.post(url, **auth).json()["ticket"]
    with CaptureQueriesContext(connection) as finishing:
        finished = client.post(f"/api/v1/queue/tickets/{called['code']}/finish", **auth).json()

    assert (called["status"], called["counter"]) == ("called", counter.number)
    assert (finished["code"], finished["status"]) == (called["code"], "done")
    _assert_pinned(calling, CALL_NEXT_STATEMENTS)
    _assert_pinned(finishing, FINISH_STATEMENTS)


def test_finish_and_call_next_statement_count_is_pinned(hall_with_tokens, client):
    counter, url, auth = _officer_with_a_line(hall_with_tokens, client)
    first = client.post(url, **auth).json()["ticket"]
    second = client.post(f"{url}?finish={first['code']}", **auth).json()["ticket"]  # warm

    with CaptureQueriesContext(connection) as pressing:
        third = client.post(f"{url}?finish={second['code']}", **auth).json()["ticket"]

    assert (third["status"], third["counter"]) == ("called", counter.number)
    assert third["code"] not in (first["code"], second["code"])
    _assert_pinned(pressing, FINISH_AND_CALL_STATEMENTS)


def test_call_next_on_an_unknown_counter_number_is_404(hall_with_tokens, client):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {hall_with_tokens.tokens[0]}"}

    response = client.post("/api/v1/queue/counters/999/call-next", **auth)

    assert response.status_code == 404
    assert response.json() == {
        "detail": "Tidak ada loket dengan nomor itu.",
        "errors": [{"field": "counter", "message": "Tidak ada loket dengan nomor itu."}],
    }


def test_call_next_twice_returns_the_same_ticket_at_the_same_counter(hall_with_tokens, client):
    counter = hall_with_tokens.counters[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {hall_with_tokens.tokens[1]}"}
    url = f"/api/v1/queue/counters/{counter.number}/call-next"
    issued = _issue(client)

    first = client.post(url, **auth).json()["ticket"]
    again = client.post(url, **auth).json()["ticket"]

    assert (first["code"], first["counter"]) == (issued["code"], counter.number)
    assert again == first
