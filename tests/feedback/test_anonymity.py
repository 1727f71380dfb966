"""Anonymity that holds (issue 10.4): a signed-in citizen's anonymous complaint keeps no link
to the account on the complaint, its timeline or the audit trail; code + PIN still track it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from mpp.audit.models import AuditEvent
from mpp.feedback.domain.complaints import ANONYMOUS_REPORTER
from mpp.feedback.models import Complaint, ComplaintEvent

BODY = {
    "subject": "service",
    "service": "ktp-el",
    "title": "Antrean KTP lama",
    "description": "Menunggu tiga jam di loket KTP.",
}


def _signed_in_citizen() -> tuple[Client, object]:
    user = get_user_model().objects.create_user(
        username="warga-rahasia", password="x-very-long-password-1"
    )
    client = Client()
    client.force_login(user)
    return client, user


def test_anonymous_complaint_over_the_api_keeps_no_account_link(mall, ktp):
    client, user = _signed_in_citizen()
    filed = client.post(
        "/api/v1/feedback/complaints", {**BODY, "anonymous": True}, content_type="application/json"
    ).json()

    complaint = Complaint.objects.get(code=filed["code"])
    events = ComplaintEvent.objects.filter(complaint=complaint)
    audit = AuditEvent.objects.filter(action="complaint.received", object_id=str(complaint.pk))
    assert [(e.actor_id, e.actor_label) for e in events] == [(None, ANONYMOUS_REPORTER)]
    assert [(a.actor_id, a.actor_label) for a in audit] == [(None, ANONYMOUS_REPORTER)]
    assert not AuditEvent.objects.filter(actor_id=user.pk).exists()
    assert "warga-rahasia" not in str(list(audit.values()))
    tracked = Client().post(
        "/api/v1/feedback/complaints/track",
        {"code": filed["code"], "secret": filed["pin"]},
        content_type="application/json",
    )
    assert tracked.status_code == 200


def test_named_complaint_still_records_the_account(mall, ktp):
    client, user = _signed_in_citizen()
    filed = client.post(
        "/api/v1/feedback/complaints",
        {**BODY, "anonymous": False, "name": "Budi", "phone": "081234567890"},
        content_type="application/json",
    ).json()

    event = ComplaintEvent.objects.get(complaint__code=filed["code"])
    assert event.actor_id == user.pk
