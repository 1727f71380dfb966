"""A complaint's life in working days (weekends, holidays, collective leave), escalation when
late, auto-close after the quiet period, publication without personal data, the audit trail."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from mpp.audit.domain import verify_chain
from mpp.audit.models import AuditEvent
from mpp.feedback import domain
from mpp.feedback.enums import ComplaintStatus
from mpp.feedback.errors import ConflictError, FeedbackError, IdempotencyMismatchError
from mpp.feedback.models import Complaint, ComplaintEvent
from tests.feedback.conftest import wib

pytestmark = pytest.mark.django_db


def _file(mall, service, *, now=None, **kwargs):
    values = {
        "mall": mall,
        "subject": "service",
        "service": service,
        "title": "Antrean KTP terlalu lama",
        "description": "Saya menunggu tiga jam tanpa kepastian di loket KTP.",
        "reporter_name": "Siti Aminah",
        "reporter_phone": "0812 3456 7890",
        "now": now or wib(2026, 4, 29, 10),
    }
    values.update(kwargs)
    return domain.file_complaint(**values)


def test_file_complaint_starts_the_verification_clock_across_a_holiday(calendar_2026, mall, ktp):
    # Wednesday 29 April 2026; Friday 1 May is Labour Day: Thu 30, Mon 4, Tue 5 May.
    filed = _file(mall, ktp)
    complaint = filed.complaint
    assert (complaint.status, complaint.verify_due) == (ComplaintStatus.RECEIVED, date(2026, 5, 5))
    assert complaint.agency == ktp.agency
    assert complaint.reporter_phone == "+6281234567890"
    assert len(complaint.code) == 10
    assert set(complaint.code) <= set("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    assert filed.pin and len(filed.pin) == 6
    assert filed.pin not in complaint.secret_digest


def test_complaint_whole_life_in_working_days(calendar_2026, mall, ktp, manager, officer_dukcapil):
    complaint = _file(mall, ktp).complaint

    # Verified and forwarded on Monday 4 May (normatif: 5 working days) → Monday 11 May.
    complaint = domain.disposition_complaint(
        complaint=complaint,
        actor=manager,
        agency=ktp.agency,
        category="normatif",
        now=wib(2026, 5, 4, 9),
    )
    assert (complaint.status, complaint.answer_due) == (
        ComplaintStatus.DISPOSITIONED,
        date(2026, 5, 11),
    )

    # Answered on Monday 11 May: 10 working days to respond, skipping Ascension (14 May),
    # its collective leave (15 May), Idul Adha (27 May) and its collective leave (28 May).
    complaint = domain.answer_complaint(
        complaint=complaint,
        actor=officer_dukcapil,
        answer="Kami menambah satu petugas di loket KTP mulai minggu depan.",
        now=wib(2026, 5, 11, 14),
    )
    assert (complaint.status, complaint.response_due) == (
        ComplaintStatus.ANSWERED,
        date(2026, 5, 29),
    )

    # Not satisfied on Tuesday 12 May: back to the agency, 5 new working days → 21 May.
    complaint = domain.respond_to_answer(
        complaint=complaint,
        verdict="not_satisfied",
        comment="Hari ini masih satu petugas.",
        now=wib(2026, 5, 12, 8),
    )
    assert (complaint.status, complaint.answer_due, complaint.reopen_count) == (
        ComplaintStatus.DISPOSITIONED,
        date(2026, 5, 21),
        1,
    )

    # Second answer on Wednesday 20 May; response window crosses 27, 28 May and 1 June.
    complaint = domain.answer_complaint(
        complaint=complaint,
        actor=officer_dukcapil,
        answer="Petugas kedua sudah bertugas sejak 19 Mei.",
        now=wib(2026, 5, 20, 10),
    )
    assert complaint.response_due == date(2026, 6, 8)

    # Silent reporter: still open at the end of 8 June, closed by itself on 9 June.
    assert domain.auto_close_quiet_complaints(now=wib(2026, 6, 8, 23)) == []
    closed = domain.auto_close_quiet_complaints(now=wib(2026, 6, 9, 8))
    assert [c.code for c in closed] == [complaint.code]
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.AUTO_CLOSED
    assert domain.auto_close_quiet_complaints(now=wib(2026, 6, 10, 8)) == []

    steps = list(complaint.events.order_by("created_at", "pk").values_list("to_status", flat=True))
    assert steps == [
        "received",
        "dispositioned",
        "answered",
        "dispositioned",
        "answered",
        "auto_closed",
    ]


def test_satisfied_reporter_closes_the_complaint(calendar_2026, mall, ktp, manager):
    complaint = _file(mall, ktp).complaint
    domain.disposition_complaint(complaint=complaint, actor=manager, agency=ktp.agency)
    domain.answer_complaint(complaint=complaint, actor=manager, answer="Sudah diperbaiki.")
    complaint = domain.respond_to_answer(complaint=complaint, verdict="satisfied")
    assert (complaint.status, complaint.citizen_verdict) == (ComplaintStatus.CLOSED, "satisfied")
    assert complaint.closed_at is not None


def test_not_satisfied_needs_a_comment(calendar_2026, mall, ktp, manager):
    complaint = _file(mall, ktp).complaint
    domain.disposition_complaint(complaint=complaint, actor=manager, agency=ktp.agency)
    domain.answer_complaint(complaint=complaint, actor=manager, answer="Sudah diperbaiki.")
    with pytest.raises(FeedbackError) as caught:
        domain.respond_to_answer(complaint=complaint, verdict="not_satisfied", comment=" ")
    assert caught.value.field == "comment"
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED


@pytest.mark.parametrize(
    ("category", "due"),
    [
        ("ringan", date(2026, 5, 6)),
        ("normatif", date(2026, 5, 11)),
        ("tidak_berkadar", date(2026, 5, 26)),
        ("berkadar", date(2026, 8, 4)),
    ],
)
def test_category_sets_the_agency_deadline(calendar_2026, mall, ktp, manager, category, due):  # noqa: PLR0917
    complaint = _file(mall, ktp).complaint
    complaint = domain.disposition_complaint(
        complaint=complaint,
        actor=manager,
        agency=ktp.agency,
        category=category,
        now=wib(2026, 5, 4, 9),
    )
    assert complaint.answer_due == due


def test_deadlines_follow_the_settings(calendar_2026, mall, ktp, settings):
    settings.FEEDBACK_VERIFY_WORKING_DAYS = 1
    assert _file(mall, ktp).complaint.verify_due == date(2026, 4, 30)


def test_transitions_outside_the_table_are_refused(calendar_2026, mall, ktp, manager):
    complaint = _file(mall, ktp).complaint
    with pytest.raises(ConflictError):
        domain.answer_complaint(complaint=complaint, actor=manager, answer="Terlalu cepat")
    with pytest.raises(ConflictError):
        domain.respond_to_answer(complaint=complaint, verdict="satisfied")
    domain.reject_complaint(complaint=complaint, actor=manager, reason="Bukan layanan MPP.")
    with pytest.raises(ConflictError):
        domain.disposition_complaint(complaint=complaint, actor=manager, agency=ktp.agency)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.REJECTED


def test_escalation_when_verification_is_late_happens_once(calendar_2026, mall, ktp):
    complaint = _file(mall, ktp).complaint  # verify by Tuesday 5 May
    assert domain.escalate_overdue_complaints(now=wib(2026, 5, 5, 20)) == []
    escalated = domain.escalate_overdue_complaints(now=wib(2026, 5, 6, 8))
    assert [c.code for c in escalated] == [complaint.code]
    assert domain.escalate_overdue_complaints(now=wib(2026, 5, 6, 9)) == []
    complaint.refresh_from_db()
    assert (complaint.escalation_key, complaint.escalation_count) == ("received:2026-05-05", 1)
    assert complaint.events.filter(kind=ComplaintEvent.Kind.ESCALATION).count() == 1


def test_escalation_again_when_the_agency_is_late(calendar_2026, mall, ktp, manager):
    complaint = _file(mall, ktp).complaint
    domain.escalate_overdue_complaints(now=wib(2026, 5, 6, 8))
    domain.disposition_complaint(
        complaint=complaint, actor=manager, agency=ktp.agency, now=wib(2026, 5, 6, 9)
    )  # answer by 13 May
    assert domain.escalate_overdue_complaints(now=wib(2026, 5, 13, 16)) == []
    assert len(domain.escalate_overdue_complaints(now=wib(2026, 5, 14, 8))) == 1
    complaint.refresh_from_db()
    assert (complaint.escalation_key, complaint.escalation_count) == ("dispositioned:2026-05-13", 2)


def test_escalate_command_is_idempotent(calendar_2026, mall, ktp):
    complaint = _file(mall, ktp, now=wib(2026, 1, 5, 10)).complaint
    first, second = io.StringIO(), io.StringIO()
    call_command("escalate_overdue_complaints", stdout=first)
    call_command("escalate_overdue_complaints", stdout=second)
    assert first.getvalue().startswith(f"escalated 1: {complaint.code};")
    assert second.getvalue().startswith("escalated 0: -;")
    complaint.refresh_from_db()
    assert complaint.escalation_count == 1


def test_every_state_change_is_in_the_audit_trail_without_personal_data(
    calendar_2026, mall, ktp, manager
):
    complaint = _file(mall, ktp, reporter_email="siti@contoh.id").complaint
    domain.disposition_complaint(complaint=complaint, actor=manager, agency=ktp.agency)
    domain.answer_complaint(complaint=complaint, actor=manager, answer="Sudah kami tangani.")
    domain.escalate_overdue_complaints(now=wib(2027, 1, 4, 8))
    events = AuditEvent.objects.filter(
        object_type="feedback.complaint", object_id=str(complaint.pk)
    )
    assert list(events.order_by("seq").values_list("action", flat=True)) == [
        "complaint.received",
        "complaint.dispositioned",
        "complaint.answered",
    ]
    text = str(list(events.values_list("data", flat=True)))
    for personal in ("Siti", "6281234567890", "siti@contoh.id", "Antrean KTP"):
        assert personal not in text
    assert verify_chain(f"mall:{mall.pk}").ok is True


def test_idempotency_key_returns_the_first_complaint(calendar_2026, mall, ktp):
    first = _file(mall, ktp, idempotency_key="a1b2")
    again = _file(mall, ktp, idempotency_key="a1b2")
    assert (again.created, again.pin, again.complaint.pk) == (False, None, first.complaint.pk)
    assert Complaint.objects.count() == 1
    with pytest.raises(IdempotencyMismatchError):
        _file(mall, ktp, idempotency_key="a1b2", title="Judul lain sama sekali")


def test_anonymous_complaint_keeps_no_contact_details(calendar_2026, mall, ktp):
    complaint = _file(mall, ktp, is_anonymous=True, reporter_email="x@y.id").complaint
    assert (complaint.reporter_name, complaint.reporter_phone, complaint.reporter_email) == (
        "",
        "",
        "",
    )


def test_named_complaint_needs_a_way_to_reach_the_reporter(calendar_2026, mall, ktp):
    with pytest.raises(FeedbackError) as caught:
        _file(mall, ktp, reporter_phone="")
    assert caught.value.field == "phone"
    assert Complaint.objects.count() == 0


def test_facility_complaint_is_handled_by_the_mall(calendar_2026, mall, manager):
    complaint = domain.file_complaint(
        mall=mall,
        subject="facility",
        facility="Toilet lantai 2",
        title="Toilet rusak",
        description="Kran air di toilet lantai 2 tidak berfungsi.",
        is_anonymous=True,
    ).complaint
    assert complaint.agency is None
    complaint = domain.disposition_complaint(complaint=complaint, actor=manager, agency=None)
    assert complaint.status == ComplaintStatus.DISPOSITIONED


def test_publish_refuses_personal_data_and_then_publishes(calendar_2026, mall, ktp, manager):
    complaint = _file(mall, ktp).complaint
    domain.disposition_complaint(complaint=complaint, actor=manager, agency=ktp.agency)
    with pytest.raises(ConflictError):
        domain.publish_complaint(
            complaint=complaint, actor=manager, summary="Antrean lama.", answer="Ditambah."
        )
    domain.answer_complaint(complaint=complaint, actor=manager, answer="Petugas ditambah.")
    for summary in (
        "Ibu Siti mengeluhkan antrean KTP.",
        "Pelapor (0812-3456-7890) mengeluhkan antrean.",
        "NIK 3521010101900001 mengeluhkan antrean.",
    ):
        with pytest.raises(FeedbackError):
            domain.publish_complaint(
                complaint=complaint,
                actor=manager,
                summary=summary,
                answer="Petugas loket KTP ditambah satu orang.",
            )
    complaint = domain.publish_complaint(
        complaint=complaint,
        actor=manager,
        summary="Warga mengeluhkan antrean KTP yang lama.",
        answer="Petugas loket KTP ditambah satu orang.",
    )
    assert complaint.is_published is True


def test_the_phone_migration_rewrites_stored_numbers_to_e164(calendar_2026, mall, ktp):
    import importlib

    from django.apps import apps

    complaint = _file(mall, ktp).complaint
    Complaint.objects.filter(pk=complaint.pk).update(reporter_phone="6281234567890")
    importlib.import_module("mpp.feedback.migrations.0005_phones_e164").forwards(apps, None)
    complaint.refresh_from_db()
    assert complaint.reporter_phone == "+6281234567890"


def test_the_reporter_phone_works_as_second_factor_however_it_is_written(calendar_2026, mall, ktp):
    from mpp.feedback.tracking import second_factor_matches

    complaint = _file(mall, ktp).complaint  # filed with 0812 3456 7890
    for written in ("081234567890", "+62 812-3456-7890", "6281234567890"):
        assert second_factor_matches(complaint, written)
    assert not second_factor_matches(complaint, "081234567891")
    assert not second_factor_matches(complaint, "12")
