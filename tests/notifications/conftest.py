"""Fixtures of the notification tests: the fake provider server and the settings that point
the real senders at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

from tests.applications.conftest import (  # noqa: F401 - fixtures
    _private_media,
    agency,
    citizen,
    draft,
    head,
    service,
    submitted,
    verifier,
)
from tests.notifications.fake_provider import FakeProvider

APP_SECRET = "test-app-secret"
SMS_SECRET = "test-sms-secret"
PHONE = "+6281234567890"


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    fake = FakeProvider()
    yield fake
    fake.close()


@pytest.fixture
def channels(provider: FakeProvider) -> Iterator[FakeProvider]:
    """WhatsApp Cloud API and an HTTP SMS gateway (plain JSON shape), both on the fake
    provider; a template for every ticket message; no quiet hours unless a test sets them."""
    from mpp.notifications import senders

    senders._load.cache_clear()
    with override_settings(
        MPP_WHATSAPP_SENDER="mpp.notifications.senders.WhatsAppCloudSender",
        MPP_SMS_SENDER="mpp.notifications.senders.HttpSmsSender",
        WHATSAPP_API_URL=f"{provider.url}/v23.0",
        WHATSAPP_TOKEN="test-token",
        WHATSAPP_PHONE_NUMBER_ID="1234",
        WHATSAPP_APP_SECRET=APP_SECRET,
        WHATSAPP_VERIFY_TOKEN="verify-me",
        WHATSAPP_TEMPLATES={
            "test": "mpp_test",
            "ticket_issued": "mpp_nomor_antrean",
            "ticket_near": "mpp_giliran_dekat",
            "ticket_called": "mpp_dipanggil",
            "booking_confirmed": "mpp_pesanan",
        },
        SMS_GATEWAY="json",
        SMS_API_URL=f"{provider.url}/sms/send",
        SMS_API_KEY="sms-key",
        SMS_API_USER="mpp",
        SMS_SENDER_ID="MPPNGAWI",
        SMS_WEBHOOK_SECRET=SMS_SECRET,
        MPP_NOTIFY_HTTP_TIMEOUT=1,
        MPP_NOTIFY_QUIET_HOURS="",
    ):
        yield provider
    senders._load.cache_clear()


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Deliver a row as the worker does, and run what its outcome enqueues after commit (a
    fallback message's delivery task; the immediate backend runs it in-process)."""
    from mpp.notifications.domain import deliver_notification

    def run(row_or_pk) -> str:
        pk = getattr(row_or_pk, "pk", row_or_pk)
        with django_capture_on_commit_callbacks(execute=True):
            return deliver_notification(notification_id=pk)

    return run
