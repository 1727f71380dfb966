"""Messages of the queue: a ticket followed by phone ("your number", "giliran Anda sebentar
lagi" when N are ahead, "you are called"), and bookings (confirmation, new time, cancellation,
reminders the day before and one hour before)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mpp.core.models import Booth
from mpp.notifications.models import Notification
from mpp.queueing import domain
from mpp.queueing.models import Booking, TicketContact
from mpp.queueing.notify import queue_booking_reminders
from tests.queueing.conftest import build_hall

pytestmark = pytest.mark.django_db
PHONE = "+6281234567890"
NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB
SLOT_10 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)  # 10:00 WIB


def _next(counter, officer):
    """The officer is done with the current citizen (if any) and calls the next one."""
    current = counter.tickets.filter(status="called").first()
    if current is not None:
        domain.start_service(ticket=current, officer=officer)
    return domain.call_next(counter=counter, officer=officer)


def _messages(kind: str) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind).order_by("pk"))


@pytest.fixture
def hall(db):
    hall = build_hall(counters=1)
    booth = Booth.objects.create(mall=hall.mall, code="A3", label="Dukcapil", floor=1)
    counter = hall.counters[0]
    counter.booth = booth
    counter.save()
    queue = hall.ktp.queue
    queue.notify_ahead = 2
    queue.save()
    return hall


def test_following_a_ticket_sends_its_number_and_live_link(
    hall, django_capture_on_commit_callbacks
):
    tickets = [domain.issue_ticket(service=hall.ktp) for _ in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        contact = domain.follow_ticket(ticket=tickets[3], phone="0812 3456 7890")
    assert (contact.phone, contact.channel, contact.language) == (PHONE, "whatsapp", "id")
    [issued] = _messages("ticket_issued")
    number = tickets[3].display_number
    assert issued.body == (
        f"MPP: nomor antrean Anda {number} untuk Perekaman KTP-el. Orang di depan Anda: 3. "
        f"Pantau giliran Anda di sini: http://127.0.0.1:8000/t/{tickets[3].code}"
    )
    assert (issued.channel, issued.to, issued.urgent) == ("whatsapp", PHONE, True)
    assert issued.fallback == [{"channel": "sms", "to": PHONE}]
    # Waiting for the worker (the database task backend of the test settings).
    assert issued.status == "pending"
    # Leaving the number again changes it, but "your number" is sent once.
    domain.follow_ticket(ticket=tickets[3], phone="081299998888", channel="sms")
    assert len(_messages("ticket_issued")) == 1
    assert TicketContact.objects.get(ticket=tickets[3]).channel == "sms"


def test_a_bad_number_or_a_finished_ticket_cannot_be_followed(hall):
    ticket = domain.issue_ticket(service=hall.ktp)
    with pytest.raises(domain.QueueError) as bad:
        domain.follow_ticket(ticket=ticket, phone="12345")
    assert (bad.value.field, bad.value.message) == (
        "phone",
        "Masukkan nomor ponsel seperti 0812 3456 7890.",
    )
    domain.cancel_ticket(ticket=ticket)
    with pytest.raises(domain.ConflictError):
        domain.follow_ticket(ticket=ticket, phone=PHONE)
    assert not TicketContact.objects.exists()


def test_your_turn_is_near_when_n_are_ahead_and_once(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    tickets = [domain.issue_ticket(service=hall.ktp) for _ in range(6)]
    follower = tickets[5]
    domain.follow_ticket(ticket=follower, phone=PHONE, channel="sms")

    _next(counter, officer)  # 4 ahead of the follower
    _next(counter, officer)  # 3 ahead
    assert _messages("ticket_near") == []
    _next(counter, officer)  # 2 ahead: N for this service
    [near] = _messages("ticket_near")
    assert near.body == (
        f"Giliran Anda sebentar lagi: nomor {follower.display_number} untuk Perekaman KTP-el. "
        f"Orang di depan Anda: 2. Silakan kembali ke ruang tunggu, gerai A3, lantai 1. "
        f"http://127.0.0.1:8000/t/{follower.code}"
    )
    assert (near.channel, near.fallback) == ("sms", [])
    assert near.expires_at > timezone.now()
    _next(counter, officer)  # 1 ahead: nothing new
    _next(counter, officer)  # 0 ahead
    assert len(_messages("ticket_near")) == 1


def test_the_called_citizen_hears_counter_and_place_once(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    ticket = domain.issue_ticket(service=hall.ktp)
    domain.follow_ticket(ticket=ticket, phone=PHONE)
    called = _next(counter, officer)
    assert called == ticket
    domain.recall_ticket(ticket=called, officer=officer, now=timezone.now() + timedelta(seconds=30))
    [message] = _messages("ticket_called")
    assert message.body == (
        f"Nomor {ticket.display_number} dipanggil ke loket {counter.number}, gerai A3, lantai 1. "
        "Silakan menuju loket sekarang."
    )
    assert message.template_params == [
        ticket.display_number,
        str(counter.number),
        "gerai A3, lantai 1",
    ]


def test_a_service_without_near_messages_sends_only_the_call(hall):
    queue = hall.akta.queue
    queue.notify_ahead = 0
    queue.save()
    counter, officer = hall.counters[0], hall.officers[0]
    first = domain.issue_ticket(service=hall.akta)
    second = domain.issue_ticket(service=hall.akta)
    domain.follow_ticket(ticket=second, phone=PHONE)
    _next(counter, officer)
    assert _next(counter, officer) == second
    assert _messages("ticket_near") == []
    assert [m.object_id for m in _messages("ticket_called")] == [str(second.pk)]
    assert first.pk != second.pk


def test_english_follower_gets_english(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    ticket = domain.issue_ticket(service=hall.ktp)
    domain.follow_ticket(ticket=ticket, phone=PHONE, language="en")
    _next(counter, officer)
    [message] = _messages("ticket_called")
    assert message.body.startswith(f"Number {ticket.display_number} is called to counter")
    assert message.body.endswith("booth A3, floor 1. Please go there now.")


def test_the_near_check_costs_the_same_however_long_the_queue(hall):
    counter, officer = hall.counters[0], hall.officers[0]
    for _ in range(40):
        domain.issue_ticket(service=hall.ktp)
    follower = domain.issue_ticket(service=hall.ktp)
    domain.follow_ticket(ticket=follower, phone=PHONE)
    _next(counter, officer)  # warm the caches
    with CaptureQueriesContext(connection) as short_queue:
        _next(counter, officer)
    for _ in range(300):
        domain.issue_ticket(service=hall.ktp)
    # Warm again: on a loaded machine the 300 tickets can outlast a cache's time to live.
    _next(counter, officer)
    with CaptureQueriesContext(connection) as long_queue:
        _next(counter, officer)
    assert len(long_queue) == len(short_queue)


# --- Bookings --------------------------------------------------------------------------------


@pytest.fixture
def bookable(db):
    return build_hall(counters=2, slot_capacity=2, booking=True)


def test_a_booking_is_confirmed_moved_and_cancelled(bookable):
    service = bookable.ktp
    booking = domain.book_visit(service=service, starts_at=SLOT_10, phone="081234567890", now=NOW)
    [confirmed] = _messages("booking_confirmed")
    assert confirmed.body == (
        "MPP: kunjungan Anda untuk Perekaman KTP-el sudah dipesan pada Senin 30 November 2026, "
        f"10.00 WIB. Kode pemesanan {booking.code}: lapor hadir di anjungan saat Anda tiba. "
        f"Lihat atau ubah: http://127.0.0.1:8000/antrian/pesan/kode/{booking.code}/"
    )
    assert (confirmed.to, confirmed.expires_at) == (PHONE, SLOT_10)
    later = SLOT_10 + timedelta(hours=1)
    domain.reschedule_booking(booking=booking, starts_at=later, now=NOW)
    [moved] = _messages("booking_rescheduled")
    assert "dipindahkan ke Senin 30 November 2026, 11.00 WIB" in moved.body
    domain.cancel_booking(booking=booking, now=NOW)
    [cancelled] = _messages("booking_cancelled")
    assert cancelled.body.startswith(f"MPP: pemesanan Anda {booking.code} untuk Perekaman KTP-el")
    assert cancelled.body.endswith("http://127.0.0.1:8000/antrian/pesan/")


def test_a_booking_without_a_phone_gets_no_message(bookable):
    domain.book_visit(service=bookable.ktp, starts_at=SLOT_10, nik="3521012345678901", now=NOW)
    assert Notification.objects.count() == 0


def test_reminders_an_hour_before_and_the_day_before_once_each(bookable):
    service = bookable.ktp
    two_days_before = NOW - timedelta(days=2)
    today = domain.book_visit(
        service=service, starts_at=SLOT_10, phone="081234567890", now=two_days_before
    )
    tomorrow = domain.book_visit(
        service=service,
        starts_at=SLOT_10 + timedelta(days=1),
        phone="081299998888",
        now=two_days_before,
    )
    # 09:10 WIB: today's 10:00 visit is within the hour; tomorrow's gets its day-before note.
    at = SLOT_10 - timedelta(minutes=50)
    assert queue_booking_reminders(now=at) == {"hour": 1, "day": 1}
    assert queue_booking_reminders(now=at + timedelta(minutes=5)) == {"hour": 0, "day": 0}
    [hour] = _messages("booking_reminder_hour")
    [day] = _messages("booking_reminder_day")
    assert (hour.object_id, day.object_id) == (str(today.pk), str(tomorrow.pk))
    assert hour.body == (
        "Pengingat dari MPP: kunjungan Anda untuk Perekaman KTP-el hari ini pukul 10.00 WIB. "
        f"Lapor hadir di anjungan dengan kode {today.code}. "
        f"http://127.0.0.1:8000/antrian/pesan/kode/{today.code}/"
    )
    assert day.body.startswith(
        "Pengingat dari MPP: besok, Selasa 1 Desember 2026, 10.00 WIB, kunjungan Anda"
    )


@override_settings(MPP_NOTIFY_QUIET_HOURS="21:00-07:00")
def test_no_day_before_reminder_at_night(bookable):
    domain.book_visit(
        service=bookable.ktp,
        starts_at=SLOT_10 + timedelta(days=1),
        phone="081234567890",
        now=NOW - timedelta(days=2),
    )
    night = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # 22:00 WIB
    assert queue_booking_reminders(now=night) == {"hour": 0, "day": 0}


def test_a_fresh_booking_gets_no_reminder_and_a_moved_one_is_reminded_anew(bookable):
    booking = domain.book_visit(
        service=bookable.ktp,
        starts_at=SLOT_10,
        phone="081234567890",
        now=SLOT_10 - timedelta(hours=1),
    )
    assert queue_booking_reminders(now=SLOT_10 - timedelta(minutes=30)) == {"hour": 0, "day": 0}
    Booking.objects.filter(pk=booking.pk).update(created_at=NOW - timedelta(days=1))
    assert queue_booking_reminders(now=SLOT_10 - timedelta(minutes=30))["hour"] == 1
    later = SLOT_10 + timedelta(hours=2)
    domain.reschedule_booking(booking=booking, starts_at=later, now=NOW)
    assert queue_booking_reminders(now=later - timedelta(minutes=30))["hour"] == 1
    assert len(_messages("booking_reminder_hour")) == 2


def test_cancelling_withdraws_a_reminder_not_yet_sent(bookable):
    booking = domain.book_visit(
        service=bookable.ktp, starts_at=SLOT_10, phone="081234567890", now=NOW - timedelta(days=1)
    )
    Notification.objects.update(status="sent")
    queue_booking_reminders(now=SLOT_10 - timedelta(minutes=30))
    [reminder] = _messages("booking_reminder_hour")
    Notification.objects.filter(pk=reminder.pk).update(status="pending")
    domain.cancel_booking(booking=booking, now=NOW)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.suppressed_reason) == ("suppressed", "cancelled")


def test_check_in_follows_the_ticket_on_the_booking_phone(bookable):
    booking = domain.book_visit(
        service=bookable.ktp, starts_at=SLOT_10, phone="0812-3456-7890", now=NOW
    )
    ticket = domain.check_in(booking=booking, now=SLOT_10 - timedelta(minutes=20))
    assert TicketContact.objects.get(ticket=ticket).phone == PHONE
    [issued] = _messages("ticket_issued")
    assert issued.object_id == str(ticket.pk)


# --- The ticket page ------------------------------------------------------------------------


def test_the_ticket_page_takes_a_number_to_follow(client, hall):
    ticket = domain.issue_ticket(service=hall.ktp)
    page = client.get(f"/antrian/tiket/{ticket.code}/").content.decode()
    assert "Dapatkan pesan saat giliran Anda sudah dekat" in page
    response = client.post(
        f"/antrian/tiket/{ticket.code}/ikuti/", {"phone": "0812 3456 7890", "channel": "sms"}
    )
    assert response.url == f"/antrian/tiket/{ticket.code}/"
    page = client.get(response.url).content.decode()
    assert "Pesan tentang nomor antrean ini dikirim ke +62 •••• •••• 7890 lewat SMS." in page
    assert TicketContact.objects.get(ticket=ticket).channel == "sms"


def test_the_ticket_page_explains_a_bad_number_in_indonesian(client, hall):
    ticket = domain.issue_ticket(service=hall.ktp)
    response = client.post(
        f"/antrian/tiket/{ticket.code}/ikuti/", {"phone": "0812", "channel": "whatsapp"}
    )
    assert response.status_code == 400
    assert "Masukkan nomor ponsel seperti 0812 3456 7890." in response.content.decode()
    empty = client.post(f"/antrian/tiket/{ticket.code}/ikuti/", {"phone": "", "channel": "x"})
    html = empty.content.decode()
    assert "Masukkan nomor ponsel Anda." in html
    assert "Pilih WhatsApp atau SMS." in html
    assert not TicketContact.objects.exists()


def test_the_scheduler_sends_the_reminders(bookable):
    """The job table runs `send_booking_reminders`: a visit in 40 minutes is reminded."""
    from django.core.management import call_command

    from mpp.operations.models import JobState
    from mpp.operations.schedule import job_named

    job = job_named("booking-reminders")
    assert job is not None and job.command == "send_booking_reminders"
    booking = domain.book_visit(
        service=bookable.ktp, starts_at=SLOT_10, phone="081234567890", now=NOW - timedelta(days=1)
    )
    now = timezone.now()
    Booking.objects.filter(pk=booking.pk).update(
        starts_at=now + timedelta(minutes=40), created_at=now - timedelta(days=1)
    )

    call_command("run_scheduler", "--run", "booking-reminders", "--in-process")

    [reminder] = _messages("booking_reminder_hour")
    assert reminder.object_id == str(booking.pk)
    state = JobState.objects.get(name="booking-reminders")
    assert (state.runs, state.failures) == (1, 0)
    assert job_named("complaint-reminders").command == "send_complaint_reminders"
