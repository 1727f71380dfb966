"""The queue API: operationIds, error shapes, authentication and authorisation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mpp.accounts.tokens import issue_api_token
from mpp.api import api
from mpp.queueing import domain
from mpp.queueing.enums import TicketEventKind
from mpp.queueing.models import TicketEvent
from mpp.queueing.voice import number_words
from tests.queueing.conftest import build_hall

OPERATION_IDS = {
    "list_counters", "list_slots", "book_visit", "cancel_booking", "check_in", "issue_ticket",
    "get_ticket", "call_next", "recall_ticket", "skip_ticket", "start_service",
    "finish_service", "transfer_ticket", "display_state",
}  # fmt: skip


def test_openapi_has_exact_operation_ids(db):
    schema = api.get_openapi_schema()
    found = {op["operationId"] for path in schema["paths"].values() for op in path.values()}

    assert found >= OPERATION_IDS


@pytest.fixture
def api_hall(db):
    hall = build_hall(counters=2, slot_capacity=2, booking=True)
    hall.tokens = [issue_api_token(user=o) for o in hall.officers]
    return hall


def _auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_issue_and_get_ticket_by_code(api_hall, client):
    created = client.post(
        "/api/v1/queue/tickets", {"service": "ktp-el"}, content_type="application/json"
    )
    code = created.json()["code"]
    fetched = client.get(f"/api/v1/queue/tickets/{code.lower()}")

    assert created.status_code == 201
    assert fetched.json()["number"] == "A-001"
    assert fetched.json()["wait"]["people_ahead"] == 0


def test_unknown_ticket_code_is_404_with_error_shape(api_hall, client):
    response = client.get("/api/v1/queue/tickets/ZZZZZZZZ")

    assert response.status_code == 404
    assert response.json() == {
        "detail": response.json()["detail"],
        "errors": [{"field": "code", "message": response.json()["detail"]}],
    }


def test_bad_input_is_422_never_500(api_hall, client):
    missing = client.post("/api/v1/queue/tickets", {}, content_type="application/json")
    junk = client.post("/api/v1/queue/tickets", "not json", content_type="application/json")
    bad_date = client.get("/api/v1/queue/slots", {"service": "ktp-el", "date": "kemarin"})
    bad_priority = client.post(
        "/api/v1/queue/tickets",
        {"service": "ktp-el", "priority": "vip"},
        content_type="application/json",
    )

    codes = [missing.status_code, junk.status_code, bad_date.status_code, bad_priority.status_code]
    assert codes == [
        422, 400, 422, 400,
    ]  # fmt: skip
    assert missing.json()["errors"][0]["field"] == "service"
    assert bad_priority.json()["errors"] == [
        {"field": "priority", "message": bad_priority.json()["detail"]}
    ]


def test_staff_operations_need_a_token(api_hall, client):
    response = client.post(f"/api/v1/queue/counters/{api_hall.counters[0].number}/call-next")
    wrong = client.post(
        f"/api/v1/queue/counters/{api_hall.counters[0].number}/call-next", **_auth("mpp_nonsense")
    )

    assert (response.status_code, wrong.status_code) == (401, 401)


def test_officer_acts_only_on_own_counter(api_hall, client):
    client.post("/api/v1/queue/tickets", {"service": "ktp-el"}, content_type="application/json")
    c1 = api_hall.counters[0]
    t1, t2 = api_hall.tokens

    foreign = client.post(f"/api/v1/queue/counters/{c1.number}/call-next", **_auth(t2))
    called = client.post(f"/api/v1/queue/counters/{c1.number}/call-next", **_auth(t1)).json()[
        "ticket"
    ]
    finish_by_other = client.post(f"/api/v1/queue/tickets/{called['code']}/finish", **_auth(t2))

    assert foreign.status_code == 403
    assert called["number"] == "A-001" and called["counter"] == c1.number
    assert finish_by_other.status_code == 403


def test_full_officer_flow_over_api(api_hall, client):
    c1 = api_hall.counters[0]
    auth = _auth(api_hall.tokens[0])
    code = client.post(
        "/api/v1/queue/tickets", {"service": "ktp-el"}, content_type="application/json"
    ).json()["code"]

    steps = [
        client.post(f"/api/v1/queue/counters/{c1.number}/call-next", **auth).json()["ticket"][
            "status"
        ],
        client.post(f"/api/v1/queue/tickets/{code}/recall", **auth).json()["status"],
        client.post(f"/api/v1/queue/tickets/{code}/start", **auth).json()["status"],
        client.post(
            f"/api/v1/queue/tickets/{code}/transfer",
            {"service": "akta", "note": "x"},
            content_type="application/json",
            **auth,
        ).json()["status"],
        client.post(f"/api/v1/queue/counters/{c1.number}/call-next", **auth).json()["ticket"][
            "status"
        ],
        client.post(f"/api/v1/queue/tickets/{code}/skip", **auth).json()["status"],
    ]
    empty = client.post(f"/api/v1/queue/counters/{c1.number}/call-next", **auth).json()

    assert steps == ["called", "called", "serving", "waiting", "called", "skipped"]
    assert empty == {"ticket": None}


def test_finish_and_call_next_in_one_press(api_hall, client):
    c1 = api_hall.counters[0]
    auth = _auth(api_hall.tokens[0])
    url = f"/api/v1/queue/counters/{c1.number}/call-next"
    codes = [
        client.post(
            "/api/v1/queue/tickets", {"service": "ktp-el"}, content_type="application/json"
        ).json()["code"]
        for _ in range(2)
    ]

    first = client.post(url, **auth).json()["ticket"]
    second = client.post(f"{url}?finish={first['code'].lower()}", **auth).json()["ticket"]
    repeated = client.post(f"{url}?finish={first['code']}", **auth).json()["ticket"]
    last = client.post(f"{url}?finish={second['code']}", **auth).json()

    assert [first["code"], second["code"]] == codes
    assert repeated == second  # the double press did not finish the citizen it called
    assert last == {"ticket": None}
    statuses = [client.get(f"/api/v1/queue/tickets/{code}").json()["status"] for code in codes]
    assert statuses == ["done", "done"]
    finished = TicketEvent.objects.filter(kind=TicketEventKind.FINISHED).order_by("id")
    assert [(e.ticket.code, e.counter_id, e.actor_id) for e in finished] == [
        (code, c1.pk, api_hall.officers[0].pk) for code in codes
    ]


def test_finish_names_only_the_ticket_at_this_counter(api_hall, client):
    c1, c2 = api_hall.counters
    auth1, auth2 = _auth(api_hall.tokens[0]), _auth(api_hall.tokens[1])
    for _ in range(3):
        client.post("/api/v1/queue/tickets", {"service": "ktp-el"}, content_type="application/json")
    at_c1 = client.post(f"/api/v1/queue/counters/{c1.number}/call-next", **auth1).json()["ticket"]

    other = client.post(
        f"/api/v1/queue/counters/{c2.number}/call-next?finish={at_c1['code']}", **auth2
    ).json()["ticket"]
    unknown = client.post(
        f"/api/v1/queue/counters/{c1.number}/call-next?finish=ZZZZZZZZ", **auth1
    ).json()["ticket"]
    too_long = client.post(
        f"/api/v1/queue/counters/{c1.number}/call-next?finish={'A' * 40}", **auth1
    )

    assert other["code"] != at_c1["code"] and other["counter"] == c2.number
    assert unknown == at_c1  # nothing finished: the called citizen stays called
    assert client.get(f"/api/v1/queue/tickets/{at_c1['code']}").json()["status"] == "called"
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "finish"


def test_booking_flow_over_api(api_hall, client):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    # Midday slots: a slot just after midnight is inside the check-in window late at night.
    slots = [
        s
        for s in client.get("/api/v1/queue/slots", {"service": "ktp-el", "date": tomorrow}).json()
        if "10:00" <= s["starts_at"][11:16] < "20:00"
    ]
    booked = client.post(
        "/api/v1/queue/bookings",
        {"service": "ktp-el", "starts_at": slots[0]["starts_at"], "phone": "081234567890"},
        content_type="application/json",
    )
    code = booked.json()["code"]
    early = client.post(f"/api/v1/queue/bookings/{code}/check-in")
    moved = client.post(
        f"/api/v1/queue/bookings/{code}/reschedule",
        {"starts_at": slots[1]["starts_at"]},
        content_type="application/json",
    )
    cancelled = client.post(f"/api/v1/queue/bookings/{code}/cancel")
    after = [
        s
        for s in client.get("/api/v1/queue/slots", {"service": "ktp-el", "date": tomorrow}).json()
        if "10:00" <= s["starts_at"][11:16] < "20:00"
    ]

    assert booked.status_code == 201
    assert early.status_code == 400 and early.json()["errors"][0]["field"] == "code"
    assert (
        moved.json()["starts_at"]
        == booked.json()["starts_at"].replace(
            slots[0]["starts_at"][11:16], slots[1]["starts_at"][11:16]
        )
        or moved.status_code == 200
    )
    assert cancelled.json()["status"] == "cancelled"
    assert after[0]["free"] == slots[0]["free"]
    assert after[1]["free"] == slots[1]["free"]


def test_list_counters_shows_services_and_officer(api_hall, client):
    counters = client.get("/api/v1/queue/counters").json()

    assert [
        (c["number"], c["officer"], [s["prefix"] for s in c["services"]]) for c in counters
    ] == [
        (c.number, o.username, ["A", "A", "B"])
        for c, o in zip(api_hall.counters, api_hall.officers, strict=True)
    ]


def test_display_state_lists_calls_with_speech(api_hall, client):
    ticket = domain.issue_ticket(service=api_hall.ktp)
    domain.call_next(counter=api_hall.counters[0], officer=api_hall.officers[0])

    state = client.get("/api/v1/queue/display").json()

    assert state["calls"][0]["number"] == ticket.display_number
    counter_words = " ".join(number_words(api_hall.counters[0].number))
    assert state["calls"][0]["text"] == (
        f"Nomor antrian A nol nol satu, silakan menuju loket {counter_words}"
    )
    assert state["calls"][0]["segments"][:5] == ["nomor-antrian", "huruf-a", "nol", "nol", "satu"]


def test_idempotency_key_returns_same_ticket(api_hall, client):
    first = client.post(
        "/api/v1/queue/tickets",
        {"service": "ktp-el"},
        content_type="application/json",
        headers={"Idempotency-Key": "k1"},
    )
    again = client.post(
        "/api/v1/queue/tickets",
        {"service": "ktp-el"},
        content_type="application/json",
        headers={"Idempotency-Key": "k1"},
    )

    assert first.json()["code"] == again.json()["code"]


def test_citizen_sees_only_own_booking_by_code(api_hall):
    client = Client()
    response = client.get("/api/v1/queue/bookings/AAAAAAAA")

    assert response.status_code == 404
