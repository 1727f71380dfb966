"""Messages to the reporter of a complaint: verification (forwarded or not processed), the
answer with the request to respond, and the reminder when the time to respond runs out."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from mpp.feedback import domain
from mpp.feedback.notify import queue_response_requests
from mpp.notifications.models import Notification
from tests.feedback.conftest import wib

pytestmark = pytest.mark.django_db
PHONE = "+6281234567890"


def _file(mall, service, **kwargs):
    values = {
        "mall": mall,
        "subject": "service",
        "service": service,
        "title": "Antrean KTP terlalu lama",
        "description": "Saya menunggu tiga jam tanpa kepastian di loket KTP.",
        "reporter_name": "Siti Aminah",
        "reporter_phone": "0812 3456 7890",
        "reporter_email": "siti@example.id",
        "now": wib(2026, 4, 29, 10),
    }
    values.update(kwargs)
    return domain.file_complaint(**values).complaint


def _rows(complaint, kind):
    return list(Notification.objects.filter(object_id=str(complaint.pk), kind=kind).order_by("pk"))


def test_verification_answer_and_response_request(
    calendar_2026, mall, ktp, manager, officer_dukcapil
):
    complaint = _file(mall, ktp)
    complaint = domain.disposition_complaint(
        complaint=complaint, actor=manager, agency=ktp.agency, now=wib(2026, 5, 4, 9)
    )
    phone, email = _rows(complaint, "complaint_verified")
    assert (phone.channel, phone.to, email.channel, email.to) == (
        "whatsapp",
        PHONE,
        "email",
        "siti@example.id",
    )
    assert phone.body == (
        f"MPP: pengaduan Anda {complaint.code} sudah diverifikasi dan diteruskan ke "
        f"{ktp.agency.short_name}, yang akan menjawabnya paling lambat 11 Mei 2026. "
        "Pantau dengan kode dan PIN Anda: http://127.0.0.1:8000/pengaduan/lacak/"
    )
    complaint = domain.answer_complaint(
        complaint=complaint,
        actor=officer_dukcapil,
        answer="Kami menambah satu petugas.",
        now=wib(2026, 5, 11, 14),
    )
    answered, _copy = _rows(complaint, "complaint_answered")
    assert "paling lambat 29 Mei 2026" in answered.body
    # The reporter stays silent: on the day before the deadline they are asked to respond.
    assert queue_response_requests(now=wib(2026, 5, 26, 9)) == 0
    assert queue_response_requests(now=wib(2026, 5, 28, 9)) == 1
    assert queue_response_requests(now=wib(2026, 5, 28, 15)) == 0
    request, _copy = _rows(complaint, "complaint_response_requested")
    assert request.body.startswith(
        f"MPP: kami menunggu tanggapan Anda atas jawaban pengaduan {complaint.code}."
    )


def test_a_complaint_not_processed_tells_the_reason(calendar_2026, mall, ktp, manager):
    complaint = _file(mall, ktp)
    domain.reject_complaint(complaint=complaint, actor=manager, reason="Sama dengan ADU-123.")
    phone, _copy = _rows(complaint, "complaint_rejected")
    assert phone.body == (
        f"MPP: pengaduan Anda {complaint.code} tidak dapat diproses. Alasan: Sama dengan "
        "ADU-123. http://127.0.0.1:8000/pengaduan/lacak/"
    )


def test_an_anonymous_complaint_gets_no_message(calendar_2026, mall, ktp, manager):
    complaint = _file(
        mall, ktp, is_anonymous=True, reporter_name="", reporter_phone="", reporter_email=""
    )
    domain.disposition_complaint(complaint=complaint, actor=manager, agency=ktp.agency)
    assert Notification.objects.count() == 0


def test_the_reminder_command(calendar_2026, mall, ktp):
    out = io.StringIO()
    call_command("send_complaint_reminders", stdout=out)
    assert out.getvalue() == "response reminders queued: 0\n"
