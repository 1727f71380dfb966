"""Notifications: queued in the caller's transaction, sent by the background task after
commit (immediate backend in tests), retried with backoff, never raising into the request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from mpp.applications import domain
from mpp.applications.enums import ApplicationState
from mpp.notifications.domain import (
    REDACTED,
    deliver_notification,
    queue_notification,
    send_due_notifications,
)
from mpp.notifications.enums import NotificationStatus
from mpp.notifications.models import Notification

pytestmark = pytest.mark.django_db
S = ApplicationState


class FlakyGateway:
    """Stands in for an SMS gateway (what leaves the machine is the only thing mocked)."""

    failures_left = 0
    sent: list[tuple[str, str]] = []

    def send(self, *, to: str, subject: str, body: str) -> None:
        if FlakyGateway.failures_left > 0:
            FlakyGateway.failures_left -= 1
            raise ConnectionError("gateway timeout")
        FlakyGateway.sent.append((to, body))


@pytest.fixture
def gateway():
    FlakyGateway.failures_left = 0
    FlakyGateway.sent = []
    from mpp.notifications import senders

    senders._load.cache_clear()
    with override_settings(MPP_SMS_SENDER="tests.notifications.test_delivery.FlakyGateway"):
        yield FlakyGateway
    senders._load.cache_clear()


def test_email_is_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = queue_notification(
            channel="email", to="a@example.id", subject="Halo", body="Isi", kind="test"
        )
        assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert (row.status, row.attempts) == (NotificationStatus.SENT, 1)
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [(["a@example.id"], "Halo", "Isi")]


def test_failed_sms_is_retried_with_backoff_then_sent(gateway):
    gateway.failures_left = 2
    row = queue_notification(channel="sms", to="+6281234567890", body="Status berubah", kind="test")
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.RETRYING
    row.refresh_from_db()
    assert row.attempts == 1
    assert row.last_error == "ConnectionError: gateway timeout"
    assert row.next_attempt_at > timezone.now()
    # Not due yet: the sweep leaves it alone.
    assert send_due_notifications() == {}
    Notification.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    assert send_due_notifications() == {NotificationStatus.RETRYING: 1}
    Notification.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    assert send_due_notifications() == {NotificationStatus.SENT: 1}
    row.refresh_from_db()
    assert (row.status, row.attempts) == (NotificationStatus.SENT, 3)
    assert gateway.sent == [("+6281234567890", "Status berubah")]


@override_settings(MPP_NOTIFY_MAX_ATTEMPTS=2)
def test_gives_up_after_the_last_attempt_and_forgets_secrets(gateway):
    gateway.failures_left = 10
    row = queue_notification(
        channel="sms", to="+6281234567890", body="Kode 123456", kind="otp", sensitive=True
    )
    deliver_notification(notification_id=row.pk)
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.FAILED
    row.refresh_from_db()
    assert (row.status, row.body) == (NotificationStatus.FAILED, REDACTED)


def test_sent_secret_is_not_kept():
    row = queue_notification(
        channel="email", to="a@example.id", body="Kode 654321", kind="otp", sensitive=True
    )
    deliver_notification(notification_id=row.pk)
    row.refresh_from_db()
    assert row.body == REDACTED
    assert "654321" in mail.outbox[0].body


def test_a_sent_notification_is_not_sent_twice():
    row = queue_notification(channel="email", to="a@example.id", body="x", kind="test")
    deliver_notification(notification_id=row.pk)
    assert deliver_notification(notification_id=row.pk) == NotificationStatus.SENT
    assert len(mail.outbox) == 1


def test_a_stale_claim_is_delivered_again():
    row = queue_notification(channel="email", to="a@example.id", body="x", kind="test")
    Notification.objects.filter(pk=row.pk).update(
        status=NotificationStatus.SENDING, claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert send_due_notifications() == {NotificationStatus.SENT: 1}


def test_a_broken_gateway_never_breaks_the_request(
    client, submitted, verifier, gateway, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.applications.factories import login_verified

    gateway.failures_left = 100
    login_verified(client, verifier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:transition", args=[submitted.public_id]),
            {"to": S.IN_VERIFICATION},
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == S.IN_VERIFICATION
    sms = Notification.objects.filter(channel="sms", object_id=str(submitted.pk)).latest("pk")
    assert sms.status == NotificationStatus.RETRYING


def test_every_state_change_notifies_the_applicant_in_indonesian(
    submitted, citizen, verifier, head, django_capture_on_commit_callbacks
):
    verifier.is_verified = head.is_verified = lambda: True
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)
        domain.transition_application(application=submitted, to=S.IN_PROCESS, actor=verifier)
        domain.transition_application(application=submitted, to=S.APPROVED, actor=head)
    assert len(mail.outbox) == 3
    last = mail.outbox[-1]
    assert last.subject == f"Permohonan Anda {submitted.tracking_code}: Disetujui"
    assert f"/permohonan/{submitted.public_id}/" in last.body
    kinds = set(
        Notification.objects.filter(object_id=str(submitted.pk)).values_list("channel", flat=True)
    )
    assert kinds == {"email", "sms"}
