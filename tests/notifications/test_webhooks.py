"""Provider callbacks: signed delivery reports (sent, delivered, read, failed) and replies
from citizens (STOP/BERHENTI, MULAI), for WhatsApp and SMS gateways."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from mpp.notifications.domain import notify, queue_notification
from mpp.notifications.enums import DeliveryStatus, NotificationStatus, OptOutSource
from mpp.notifications.models import Contact, DeliveryEvent, Notification
from tests.notifications.conftest import APP_SECRET, PHONE, SMS_SECRET
from tests.notifications.fake_provider import FakeProvider

pytestmark = pytest.mark.django_db
WA_PATH = "/v23.0/1234/messages"


def _post_whatsapp(client, payload, *, secret=APP_SECRET, signature=None):
    body = json.dumps(payload).encode()
    return client.post(
        reverse("notifications:webhook-whatsapp"),
        data=body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature or FakeProvider.sign(body, secret)},
    )


def _post_sms(client, name, payload, *, secret=SMS_SECRET):
    body = json.dumps(payload).encode()
    return client.post(
        reverse(f"notifications:{name}"),
        data=body,
        content_type="application/json",
        headers={"X-Signature": FakeProvider.sign(body, secret)},
    )


@pytest.fixture
def sent_whatsapp(channels, deliver):
    row = queue_notification(
        channel="whatsapp",
        to=PHONE,
        body="x",
        kind="test",
        fallback=[{"channel": "sms", "to": PHONE}],
    )
    deliver(row)
    row.refresh_from_db()
    return row


def test_delivery_reports_update_the_message(client, sent_whatsapp):
    for status in ("sent", "delivered", "read"):
        payload = FakeProvider.whatsapp_callback(
            statuses=[
                FakeProvider.whatsapp_status(
                    sent_whatsapp.provider_message_id,
                    status,
                    reference=str(sent_whatsapp.reference),
                )
            ]
        )
        response = _post_whatsapp(client, payload)
        assert response.json() == {"reports": 1, "messages": 0}
    sent_whatsapp.refresh_from_db()
    assert sent_whatsapp.delivery_status == DeliveryStatus.READ
    assert list(
        DeliveryEvent.objects.filter(notification=sent_whatsapp).values_list("status", flat=True)
    ) == ["sent", "delivered", "read"]


def test_late_and_repeated_reports_never_move_a_message_backwards(client, sent_whatsapp):
    def report(status):
        return FakeProvider.whatsapp_callback(
            statuses=[FakeProvider.whatsapp_status(sent_whatsapp.provider_message_id, status)]
        )

    _post_whatsapp(client, report("read"))
    _post_whatsapp(client, report("delivered"))
    _post_whatsapp(client, report("read"))
    sent_whatsapp.refresh_from_db()
    assert sent_whatsapp.delivery_status == DeliveryStatus.READ
    assert DeliveryEvent.objects.filter(notification=sent_whatsapp).count() == 1


def test_a_failed_report_hands_the_message_to_sms(
    client, sent_whatsapp, channels, django_capture_on_commit_callbacks
):
    payload = FakeProvider.whatsapp_callback(
        statuses=[
            FakeProvider.whatsapp_status(
                sent_whatsapp.provider_message_id,
                "failed",
                errors=[{"code": 131026, "title": "Message undeliverable"}],
            )
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        _post_whatsapp(client, payload)
    sent_whatsapp.refresh_from_db()
    assert (sent_whatsapp.delivery_status, sent_whatsapp.last_error) == (
        DeliveryStatus.FAILED,
        "131026 Message undeliverable",
    )
    sms = Notification.objects.get(fallback_of=sent_whatsapp)
    assert (sms.channel, sms.status) == ("sms", NotificationStatus.SENT)
    assert len(channels.sent("/sms/send")) == 1


def test_a_callback_with_a_wrong_signature_changes_nothing(client, sent_whatsapp):
    payload = FakeProvider.whatsapp_callback(
        statuses=[FakeProvider.whatsapp_status(sent_whatsapp.provider_message_id, "failed")]
    )
    response = _post_whatsapp(client, payload, secret="someone-else")
    assert response.status_code == 403
    assert response.json() == {"detail": "Tanda tangan panggilan balik ini tidak ada atau salah."}
    missing = client.post(
        reverse("notifications:webhook-whatsapp"),
        data=json.dumps(payload),
        content_type="application/json",
    )
    assert missing.status_code == 403
    sent_whatsapp.refresh_from_db()
    assert sent_whatsapp.delivery_status == DeliveryStatus.ACCEPTED
    assert Notification.objects.count() == 1


def test_without_a_configured_secret_every_callback_is_refused(client, sent_whatsapp):
    payload = FakeProvider.whatsapp_callback(
        statuses=[FakeProvider.whatsapp_status(sent_whatsapp.provider_message_id, "read")]
    )
    with override_settings(WHATSAPP_APP_SECRET=""):
        response = _post_whatsapp(client, payload, signature="sha256=00")
    assert response.status_code == 403


def test_a_callback_that_is_not_json_is_refused(client, channels):
    body = b"not json"
    response = client.post(
        reverse("notifications:webhook-whatsapp"),
        data=body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": FakeProvider.sign(body, APP_SECRET)},
    )
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "Panggilan balik ini bukan JSON yang sah."},
    )


def test_the_subscription_check_echoes_the_challenge(client, channels):
    url = reverse("notifications:webhook-whatsapp")
    ok = client.get(
        url, {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "4711"}
    )
    wrong = client.get(
        url, {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "4711"}
    )
    assert (ok.status_code, ok.content) == (200, b"4711")
    assert wrong.status_code == 403


def test_replying_berhenti_opts_the_number_out_and_confirms(client, channels, deliver):
    payload = FakeProvider.whatsapp_callback(
        messages=[FakeProvider.whatsapp_reply("6281234567890", "Berhenti")]
    )
    response = _post_whatsapp(client, payload)
    assert response.json() == {"reports": 0, "messages": 1}
    contact = Contact.objects.get(address=PHONE)
    assert (contact.opt_out_source, contact.opted_out_at is not None) == (OptOutSource.REPLY, True)
    confirmation = Notification.objects.get(kind="opted_out")
    deliver(confirmation)
    # The citizen just wrote: the window is open, so the confirmation goes as free text.
    [request] = channels.sent(WA_PATH)
    assert request.json["type"] == "text"
    assert "MULAI" in request.json["text"]["body"]
    # From now on nothing but codes they ask for reaches the number.
    rows = notify(
        kind="ticket_near",
        mall=None,
        context={},
        dedupe_key="t:1:near",
        phone="081234567890",
    )
    assert rows == []


def test_replying_mulai_opts_the_number_in_again(client, channels):
    Contact.objects.create(
        address=PHONE, opted_out_at=timezone.now() - timedelta(days=1), opt_out_source="reply"
    )
    _post_whatsapp(
        client,
        FakeProvider.whatsapp_callback(
            messages=[FakeProvider.whatsapp_reply("6281234567890", "mulai")]
        ),
    )
    contact = Contact.objects.get(address=PHONE)
    assert contact.opted_out_at is None
    assert Notification.objects.filter(kind="opted_in").count() == 1


def test_any_message_opens_the_whatsapp_window(client, channels):
    _post_whatsapp(
        client,
        FakeProvider.whatsapp_callback(
            messages=[FakeProvider.whatsapp_reply("6281234567890", "Halo, saya antre di B")]
        ),
    )
    contact = Contact.objects.get(address=PHONE)
    assert contact.opted_out_at is None
    assert contact.last_inbound_at is not None


def test_sms_delivery_report_by_reference(client, channels, deliver):
    row = queue_notification(channel="sms", to=PHONE, body="x", kind="test")
    deliver(row)
    response = _post_sms(
        client,
        "webhook-sms-status",
        {"id": "sms-1", "reference": str(row.reference), "status": "DELIVERED"},
    )
    assert response.json() == {"reports": 1}
    row.refresh_from_db()
    assert row.delivery_status == DeliveryStatus.DELIVERED


def test_sms_reports_in_the_infobip_shape(client, channels, deliver):
    row = queue_notification(channel="sms", to=PHONE, body="x", kind="test")
    with override_settings(SMS_GATEWAY="infobip"):
        channels.answer("/sms", body={"messages": [{"messageId": "ib-9"}]})
        deliver(row)
        response = _post_sms(
            client,
            "webhook-sms-status",
            {
                "results": [
                    {
                        "messageId": "ib-9",
                        "callbackData": str(row.reference),
                        "status": {"groupName": "UNDELIVERABLE"},
                        "error": {"name": "EC_ABSENT_SUBSCRIBER"},
                    }
                ]
            },
        )
    assert response.json() == {"reports": 1}
    row.refresh_from_db()
    assert (row.delivery_status, row.last_error) == (DeliveryStatus.FAILED, "EC_ABSENT_SUBSCRIBER")


def test_sms_callbacks_need_the_gateways_signature(client, channels):
    response = _post_sms(
        client, "webhook-sms-inbound", {"from": "081234567890", "text": "STOP"}, secret="x"
    )
    assert response.status_code == 403
    assert not Contact.objects.exists()


def test_sms_stop_reply_opts_out(client, channels):
    response = _post_sms(client, "webhook-sms-inbound", {"from": "081234567890", "text": "STOP"})
    assert response.json() == {"messages": ["opted_out"]}
    assert Contact.objects.get(address=PHONE).opted_out_at is not None


def test_a_report_about_no_message_of_ours_is_ignored(client, channels):
    payload = FakeProvider.whatsapp_callback(
        statuses=[FakeProvider.whatsapp_status("wamid.UNKNOWN", "delivered", reference="junk")]
    )
    assert _post_whatsapp(client, payload).json() == {"reports": 1, "messages": 0}
    assert DeliveryEvent.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_provider_calls_back_over_http(live_server, channels):
    """End to end over real HTTP: the sender talks to the fake provider, which then posts its
    signed status callback to our webhook on the live server."""
    from mpp.notifications.domain import deliver_notification

    row = queue_notification(channel="whatsapp", to=PHONE, body="x", kind="test")
    deliver_notification(notification_id=row.pk)
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENT
    status, answer = channels.deliver_callback(
        live_server.url + reverse("notifications:webhook-whatsapp"),
        FakeProvider.whatsapp_callback(
            statuses=[
                FakeProvider.whatsapp_status(
                    row.provider_message_id, "delivered", reference=str(row.reference)
                )
            ]
        ),
        secret=APP_SECRET,
    )
    assert (status, answer) == (200, {"reports": 1, "messages": 0})
    row.refresh_from_db()
    assert row.delivery_status == DeliveryStatus.DELIVERED
