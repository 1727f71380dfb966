"""Messages to the applicant: every state change and "hasil siap", by phone (WhatsApp, falling
back to SMS and e-mail) plus an e-mail copy, in Indonesian; a broken gateway never breaks the
officer's action."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from mpp.applications import domain
from mpp.applications.enums import ApplicationState
from mpp.notifications.enums import NotificationStatus
from mpp.notifications.models import Notification
from tests.applications.factories import login_verified

pytestmark = pytest.mark.django_db
S = ApplicationState
PHONE = "+6281234567890"


def _rows(application, **filters):
    return list(
        Notification.objects.filter(object_id=str(application.pk), **filters).order_by("pk")
    )


def test_submission_is_confirmed_by_phone_and_by_email(submitted, citizen):
    phone, email = _rows(submitted)
    assert (phone.channel, phone.to, phone.kind) == ("whatsapp", PHONE, "application_submitted")
    assert phone.fallback == [{"channel": "sms", "to": PHONE}]
    assert (email.channel, email.to) == ("email", citizen.email)
    due = submitted.due_date
    assert phone.body.startswith(
        f"MPP: permohonan Anda {submitted.tracking_code} untuk {submitted.service.name} sudah "
        "diterima. Instansi akan menyelesaikannya paling lambat "
    )
    assert str(due.year) in phone.body
    assert phone.body.endswith(f"/permohonan/{submitted.public_id}/")
    assert email.subject == f"Permohonan Anda {submitted.tracking_code}: Terkirim"


def test_every_state_change_and_the_result_are_announced(submitted, verifier, head):
    verifier.is_verified = head.is_verified = lambda: True
    mail.outbox.clear()
    domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)
    domain.transition_application(
        application=submitted, to=S.NEEDS_REVISION, actor=verifier, reason="Foto KK buram."
    )
    kinds = [r.kind for r in _rows(submitted, channel="whatsapp")]
    assert kinds == ["application_submitted", "application_state", "application_needs_revision"]
    revision = _rows(submitted, channel="whatsapp")[-1]
    assert "perlu diperbaiki. Foto KK buram. Silakan perbaiki" in revision.body


def test_result_ready_says_how_to_get_it(submitted, verifier, head):
    verifier.is_verified = head.is_verified = lambda: True
    domain.transition_application(application=submitted, to=S.IN_VERIFICATION, actor=verifier)
    domain.transition_application(application=submitted, to=S.IN_PROCESS, actor=verifier)
    domain.transition_application(application=submitted, to=S.APPROVED, actor=head)
    domain.transition_application(
        application=submitted,
        to=S.RESULT_READY,
        actor=head,
        result_kind="pickup",
        result_note="Loket 7, mulai Senin.",
    )
    [ready] = _rows(submitted, channel="whatsapp", kind="application_result_ready")
    assert (
        f"MPP: hasil permohonan Anda {submitted.tracking_code} untuk {submitted.service.name} "
        "sudah siap. Ambil di loket dengan membawa dokumen asli dan kode lacak Anda. "
        "Loket 7, mulai Senin."
    ) in ready.body


def test_a_broken_gateway_never_breaks_the_officers_action(
    client, submitted, verifier, django_capture_on_commit_callbacks
):
    from mpp.notifications import senders

    senders._load.cache_clear()
    login_verified(client, verifier)
    # WhatsApp and SMS point at a port nobody listens on.
    with (
        override_settings(
            MPP_WHATSAPP_SENDER="mpp.notifications.senders.WhatsAppCloudSender",
            MPP_SMS_SENDER="mpp.notifications.senders.HttpSmsSender",
            WHATSAPP_API_URL="http://127.0.0.1:9",
            WHATSAPP_TOKEN="t",
            WHATSAPP_PHONE_NUMBER_ID="1",
            WHATSAPP_TEMPLATES={"application_state": "mpp_status"},
            SMS_API_URL="http://127.0.0.1:9/sms",
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("applications:transition", args=[submitted.public_id]),
            {"to": S.IN_VERIFICATION},
        )
    senders._load.cache_clear()
    assert response.url == reverse("applications:case", args=[submitted.public_id])
    submitted.refresh_from_db()
    assert submitted.state == S.IN_VERIFICATION
    [whatsapp] = _rows(submitted, channel="whatsapp", kind="application_state")
    assert whatsapp.status == NotificationStatus.RETRYING
    assert whatsapp.last_error.startswith("cannot reach the gateway")
    # The e-mail copy went out all the same.
    assert _rows(submitted, channel="email", kind="application_state")[0].status == "sent"
