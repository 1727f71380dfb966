"""Fair use (issue 10.1): scripts hammer the real endpoints; budgets hold, people get through."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.test.utils import override_settings

from mpp.core import fairuse
from mpp.queueing.models import Ticket
from mpp.queueing.queries import clear_caches
from tests.queueing.conftest import build_hall


@pytest.fixture
def fair_use():
    """The shipped limits (tests/conftest.py makes them generous for everyone else)."""
    with override_settings(MPP_FAIR_USE={}):
        yield


@pytest.fixture
def hall(db):
    clear_caches()
    yield build_hall()
    clear_caches()


def _post_ticket(client, **extra):
    return client.post(
        "/api/v1/queue/tickets", {"service": "ktp-el"}, content_type="application/json", **extra
    )


def test_300_anonymous_ticket_posts_take_a_handful(hall, fair_use):
    client = Client()
    answers = [_post_ticket(client).status_code for _ in range(300)]

    limit, _window = fairuse.limit("ticket", "client")
    assert answers.count(201) == limit
    assert answers.count(429) == 300 - limit
    assert Ticket.objects.count() == limit


def test_429_has_retry_after_and_the_api_error_shape_in_indonesian(hall, fair_use):
    client = Client()
    for _ in range(fairuse.limit("ticket", "client")[0]):
        _post_ticket(client)
    refused = _post_ticket(client)
    english = _post_ticket(client, HTTP_ACCEPT_LANGUAGE="en")

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert set(refused.json()) == {"detail", "errors"}
    assert "Terlalu banyak" in refused.json()["detail"]
    assert english.status_code == 429


def test_forged_forwarded_header_does_not_reset_the_budget(hall, fair_use):
    client = Client()
    answers = [
        _post_ticket(client, HTTP_X_FORWARDED_FOR=f"10.0.{i}.1").status_code for i in range(50)
    ]

    assert answers.count(201) == fairuse.limit("ticket", "client")[0]


def test_trusted_proxy_forwards_the_client_address(hall, fair_use):
    with override_settings(MPP_TRUSTED_PROXIES=["127.0.0.0/8"]):
        client = Client()
        answers = [
            _post_ticket(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
            for i in range(20)
        ]

    assert answers.count(201) == 20


def test_registered_kiosk_gets_the_kiosk_budget(hall, fair_use):
    with override_settings(MPP_KIOSK_TOKENS={"s3cret-kiosk-token": "lantai-1"}):
        client = Client(HTTP_X_KIOSK_TOKEN="s3cret-kiosk-token")
        kiosk = [_post_ticket(client).status_code for _ in range(40)]
        stranger = Client(HTTP_X_KIOSK_TOKEN="guess")
        guessed = [_post_ticket(stranger).status_code for _ in range(40)]

    assert kiosk.count(201) == 40
    assert guessed.count(201) == fairuse.limit("ticket", "client")[0]


def test_kiosk_page_answers_429_page(hall, fair_use):
    client = Client()
    answers = [client.post("/antrian/ambil/", {"service": "ktp-el"}).status_code for _ in range(20)]

    assert 429 in answers
    assert Ticket.objects.count() == fairuse.limit("ticket", "client")[0]


def test_idempotency_keys_are_scoped_per_client(hall):
    alice = Client(REMOTE_ADDR="198.51.100.1")
    mallory = Client(REMOTE_ADDR="198.51.100.2")
    first = _post_ticket(alice, HTTP_IDEMPOTENCY_KEY="1").json()
    again = _post_ticket(alice, HTTP_IDEMPOTENCY_KEY="1").json()
    other = _post_ticket(mallory, HTTP_IDEMPOTENCY_KEY="1").json()

    assert first["code"] == again["code"]
    assert other["code"] != first["code"]
    stored = Ticket.objects.get(code=first["code"]).request_key
    assert stored and stored != "1" and len(stored) == 64


def test_client_ip_ignores_forwarded_without_trusted_proxies():
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert fairuse.client_ip(request) == "192.0.2.5"
    with override_settings(MPP_TRUSTED_PROXIES=["192.0.2.0/24"]):
        assert fairuse.client_ip(request) == "1.2.3.4"
