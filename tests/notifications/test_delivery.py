"""Delivery through the real senders against the fake provider server: WhatsApp template and
text messages, SMS requests, retries on 5xx and time-outs, permanent errors, fallback, the
24-hour window, exactly-once delivery after a dead worker, expiry and secrets."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from mpp.notifications.domain import (
    REDACTED,
    deliver_notification,
    queue_notification,
    record_delivery_report,
    send_due_notifications,
)
from mpp.notifications.enums import DeliveryStatus, NotificationStatus
from mpp.notifications.models import Contact, Notification
from tests.notifications.conftest import PHONE

pytestmark = pytest.mark.django_db
WA_PATH = "/v23.0/1234/messages"


def _due(row: Notification) -> None:
    Notification.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_email_is_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = queue_notification(
            channel="email", to="A@Example.ID", subject="Halo", body="Isi", kind="test"
        )
        assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.to) == (NotificationStatus.SENT, 1, "A@example.id")
    message = mail.outbox[0]
    assert (message.to, message.subject) == (["A@example.id"], "Halo")
    assert message.body.startswith("Isi\n\n-- \n")


def test_whatsapp_template_message_outside_the_window(channels):
    row = queue_notification(
        channel="whatsapp", to="0812-3456-7890", body="Tes", kind="test", template_params=["09.30"]
    )
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.SENT
    [request] = channels.sent(WA_PATH)
    assert request.headers["Authorization"] == "Bearer test-token"
    assert request.json == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "6281234567890",
        "biz_opaque_callback_data": str(row.reference),
        "type": "template",
        "template": {
            "name": "mpp_test",
            "language": {"policy": "deterministic", "code": "id"},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": "09.30"}]}],
        },
    }
    row.refresh_from_db()
    assert (row.status, row.provider_message_id, row.delivery_status) == (
        NotificationStatus.SENT,
        "wamid.FAKE1",
        DeliveryStatus.ACCEPTED,
    )


def test_whatsapp_free_text_inside_the_24_hour_window(channels):
    Contact.objects.create(address=PHONE, last_inbound_at=timezone.now() - timedelta(hours=2))
    row = queue_notification(
        channel="whatsapp", to=PHONE, body="Halo, nomor Anda B-012", kind="test"
    )
    deliver_notification(notification_id=row.pk)
    [request] = channels.sent(WA_PATH)
    assert (request.json["type"], request.json["text"]) == (
        "text",
        {"preview_url": True, "body": "Halo, nomor Anda B-012"},
    )


def test_whatsapp_window_closed_at_meta_falls_back_to_the_template(channels):
    Contact.objects.create(address=PHONE, last_inbound_at=timezone.now() - timedelta(hours=1))
    channels.answer(
        WA_PATH,
        status=400,
        body={"error": {"code": 131047, "message": "Re-engagement message"}},
    )
    row = queue_notification(channel="whatsapp", to=PHONE, body="x", kind="test")
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.SENT
    assert [r.json["type"] for r in channels.sent(WA_PATH)] == ["text", "template"]


def test_whatsapp_without_a_template_hands_over_to_sms(channels, deliver):
    row = queue_notification(
        channel="whatsapp",
        to=PHONE,
        body="Kode Anda 123456",
        kind="otp",
        fallback=[{"channel": "sms", "to": PHONE}],
    )
    assert deliver(row) == NotificationStatus.FAILED
    row.refresh_from_db()
    assert "no approved WhatsApp template" in row.last_error
    assert channels.sent(WA_PATH) == []
    sms = Notification.objects.get(fallback_of=row)
    assert (sms.channel, sms.status) == ("sms", NotificationStatus.SENT)
    [request] = channels.sent("/sms/send")
    assert request.headers["Authorization"] == "Bearer sms-key"
    assert request.json == {
        "to": PHONE,
        "text": "Kode Anda 123456",
        "sender": "MPPNGAWI",
        "reference": str(sms.reference),
    }
    # The secret is gone from both rows once they are done.
    row.refresh_from_db()
    sms.refresh_from_db()
    assert (row.body, sms.body) == (REDACTED, REDACTED)


def test_sms_5xx_is_retried_with_backoff_then_sent(channels):
    channels.answer("/sms", status=503, body={"error": "busy"}, times=2)
    row = queue_notification(channel="sms", to=PHONE, body="Status berubah", kind="test")
    before = timezone.now()
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.RETRYING
    row.refresh_from_db()
    assert row.attempts == 1
    assert row.last_error.startswith("SMS gateway answered 503")
    assert before + timedelta(seconds=59) < row.next_attempt_at < before + timedelta(seconds=70)
    assert send_due_notifications() == {}  # not due yet
    _due(row)
    assert send_due_notifications() == {NotificationStatus.RETRYING: 1}
    row.refresh_from_db()
    assert row.next_attempt_at > timezone.now() + timedelta(minutes=4)  # second wait: 5 min
    _due(row)
    assert send_due_notifications() == {NotificationStatus.SENT: 1}
    row.refresh_from_db()
    assert (row.status, row.attempts, row.provider_message_id) == (
        NotificationStatus.SENT,
        3,
        "sms-1",
    )
    assert len(channels.sent("/sms/send")) == 3


def test_a_gateway_time_out_is_retried(channels):
    channels.answer("/sms", delay=2.5)  # longer than MPP_NOTIFY_HTTP_TIMEOUT (1 s)
    row = queue_notification(channel="sms", to=PHONE, body="x", kind="test")
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.RETRYING
    row.refresh_from_db()
    assert row.last_error == "time-out after 1 s"
    _due(row)
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.SENT


def test_retry_after_of_the_provider_is_respected(channels):
    channels.answer(
        WA_PATH, status=429, body={"error": {"code": 130429}}, headers={"Retry-After": "900"}
    )
    row = queue_notification(channel="whatsapp", to=PHONE, body="x", kind="test")
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.RETRYING
    row.refresh_from_db()
    assert row.next_attempt_at > timezone.now() + timedelta(seconds=890)


def test_a_refused_request_is_not_retried_and_falls_back_to_email(channels, deliver):
    channels.answer("/sms", status=400, body={"error": "invalid destination"})
    row = queue_notification(
        channel="sms",
        to=PHONE,
        body="Permohonan Anda disetujui",
        subject="Permohonan",
        kind="test",
        fallback=[{"channel": "email", "to": "warga@example.id"}],
    )
    assert deliver(row) == NotificationStatus.FAILED
    assert len(channels.sent("/sms/send")) == 1
    email = Notification.objects.get(fallback_of=row)
    assert (email.channel, email.status) == ("email", NotificationStatus.SENT)
    assert [m.to for m in mail.outbox] == [["warga@example.id"]]


@override_settings(MPP_NOTIFY_MAX_ATTEMPTS=2)
def test_gives_up_after_the_last_attempt_and_forgets_secrets(channels):
    channels.answer("/sms", status=500, times=5)
    row = queue_notification(channel="sms", to=PHONE, body="Kode 123456", kind="otp")
    deliver_notification(notification_id=row.pk)
    _due(row)
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.FAILED
    row.refresh_from_db()
    assert (row.status, row.body, row.sensitive) == (NotificationStatus.FAILED, REDACTED, True)


def test_a_sent_notification_is_not_sent_twice(channels):
    row = queue_notification(channel="sms", to=PHONE, body="x", kind="test")
    deliver_notification(notification_id=row.pk)
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.SENT
    assert send_due_notifications() == {}
    assert len(channels.sent("/sms/send")) == 1


def test_a_dedupe_key_queues_one_message(channels):
    first = queue_notification(channel="sms", to=PHONE, body="x", kind="test", dedupe_key="k:1")
    second = queue_notification(channel="sms", to=PHONE, body="y", kind="test", dedupe_key="k:1")
    assert first.pk == second.pk
    assert Notification.objects.count() == 1


def test_a_dead_workers_message_confirmed_by_the_provider_is_not_sent_again(channels):
    """The worker was killed after the provider accepted the message and before the outcome
    was recorded: the provider's callback (with our reference) tells the sweep it left."""
    row = queue_notification(channel="whatsapp", to=PHONE, body="x", kind="test")
    Notification.objects.filter(pk=row.pk).update(
        status=NotificationStatus.SENDING,
        attempts=1,
        counted=True,
        claimed_at=timezone.now() - timedelta(minutes=11),
    )
    record_delivery_report(
        status=DeliveryStatus.DELIVERED, reference=str(row.reference), provider_id="wamid.X"
    )
    assert send_due_notifications() == {NotificationStatus.SENT: 1}
    row.refresh_from_db()
    assert (row.status, row.provider_message_id) == (NotificationStatus.SENT, "wamid.X")
    assert channels.sent(WA_PATH) == []


def test_a_dead_workers_unconfirmed_message_is_sent_again_once(channels):
    row = queue_notification(channel="whatsapp", to=PHONE, body="x", kind="test")
    Notification.objects.filter(pk=row.pk).update(
        status=NotificationStatus.SENDING,
        attempts=1,
        counted=True,
        claimed_at=timezone.now() - timedelta(minutes=11),
    )
    assert send_due_notifications() == {NotificationStatus.SENT: 1}
    assert send_due_notifications() == {}
    assert len(channels.sent(WA_PATH)) == 1


def test_a_fresh_claim_is_left_to_its_worker(channels):
    row = queue_notification(channel="sms", to=PHONE, body="x", kind="test")
    Notification.objects.filter(pk=row.pk).update(
        status=NotificationStatus.SENDING, claimed_at=timezone.now()
    )
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.SENDING
    assert channels.sent("/sms/send") == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_the_same_message_send_it_once(channels):
    channels.answer("/sms", delay=0.5)
    # Written as the outbox does, but not yet handed to any worker: two now race for it.
    row = Notification.objects.create(channel="sms", to=PHONE, body="x", kind="test")
    results: list[str] = []

    def work() -> None:
        try:
            results.append(deliver_notification(notification_id=row.pk))
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(results) == [NotificationStatus.SENDING, NotificationStatus.SENT]
    assert len(channels.sent("/sms/send")) == 1


def test_a_same_day_message_expires_unsent(channels):
    row = queue_notification(
        channel="sms",
        to=PHONE,
        body="Giliran Anda sebentar lagi",
        kind="test",
        expires_at=timezone.now() - timedelta(seconds=1),
    )
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.EXPIRED
    assert channels.sent("/sms/send") == []


def test_an_unusable_address_queues_nothing():
    assert queue_notification(channel="sms", to="12345", body="x", kind="test") is None
    assert queue_notification(channel="email", to="not-an-address", body="x", kind="test") is None
    assert Notification.objects.count() == 0


def test_gateway_presets_shape_the_request(channels):
    with override_settings(SMS_GATEWAY="zenziva"):
        channels.answer("/sms", body={"messageId": "z-77", "to": "081234567890", "status": "1"})
        row = queue_notification(channel="sms", to=PHONE, body="Halo", kind="test")
        deliver_notification(notification_id=row.pk)
    with override_settings(SMS_GATEWAY="infobip"):
        channels.answer("/sms", body={"messages": [{"messageId": "ib-1"}]})
        row2 = queue_notification(channel="sms", to=PHONE, body="Halo", kind="test")
        deliver_notification(notification_id=row2.pk)
    zenziva, infobip = channels.sent("/sms/send")
    assert zenziva.form == {
        "userkey": "mpp",
        "passkey": "sms-key",
        "to": "081234567890",
        "message": "Halo",
    }
    assert infobip.headers["Authorization"] == "App sms-key"
    assert infobip.json["messages"][0]["destinations"] == [
        {"to": "6281234567890", "messageId": str(row2.reference)}
    ]
    row.refresh_from_db()
    row2.refresh_from_db()
    assert (row.provider_message_id, row2.provider_message_id) == ("z-77", "ib-1")


def test_a_gateway_that_answers_200_with_a_refusal_fails(channels):
    with override_settings(SMS_GATEWAY="zenziva"):
        channels.answer("/sms", body={"status": "0", "text": "Nomor tidak valid"})
        row = queue_notification(channel="sms", to=PHONE, body="Halo", kind="test")
        assert deliver_notification(notification_id=row.pk) == NotificationStatus.FAILED
    row.refresh_from_db()
    assert "refused the message (0)" in row.last_error
