"""HTML pages: kiosk, ticket and phone page, print view, booking, board, console."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mpp.queueing import domain
from mpp.queueing.enums import TicketStatus
from mpp.queueing.models import Booking, Ticket
from tests.factories import login_verified
from tests.queueing.conftest import build_hall


@pytest.fixture
def site(db):
    return build_hall(counters=2, slot_capacity=4, booking=True)


def test_kiosk_lists_agencies_with_bounded_queries(site, client, django_assert_max_num_queries):
    for _ in range(3):
        domain.issue_ticket(service=site.ktp)

    with django_assert_max_num_queries(8):
        response = client.get("/antrian/kios/semua/")

    assert response.status_code == 200
    assert "Dukcapil" in response.text or site.agency.name in response.text


def test_kiosk_issue_redirects_to_ticket_with_qr(site, client):
    page = client.get(f"/antrian/kios/{site.agency.slug}/")
    key = page.context["request_key"]

    response = client.post(
        "/antrian/ambil/", {"service": "ktp-el", "priority": "elderly", "request_key": key}
    )
    again = client.post(
        "/antrian/ambil/", {"service": "ktp-el", "priority": "elderly", "request_key": key}
    )
    ticket = Ticket.objects.get()
    ticket_page = client.get(response["Location"])

    assert response["Location"] == f"/antrian/tiket/{ticket.code}/?kios=1"
    assert again["Location"] == response["Location"]  # double tap: same ticket
    assert ticket.priority == "elderly"
    assert "A-001" in ticket_page.text
    assert "<svg" in ticket_page.text and f"/t/{ticket.code}" in ticket_page.text


def test_kiosk_issue_bad_input_shows_message(site, client):
    response = client.post("/antrian/ambil/", {"service": "no-such-service"}, follow=True)

    assert response.status_code == 200
    assert list(response.context["messages"])


def test_short_link_and_state_json(site, client):
    ticket = domain.issue_ticket(service=site.ktp)

    short = client.get(f"/t/{ticket.code.lower()}")
    state = client.get(f"/antrian/tiket/{ticket.code}/status.json").json()

    assert short["Location"] == f"/antrian/tiket/{ticket.code}/"
    assert (state["number"], state["status"], state["wait"]["people_ahead"]) == (
        "A-001",
        "waiting",
        0,
    )


def test_unknown_ticket_is_friendly_404(site, client):
    response = client.get("/antrian/tiket/NOPE2345/")

    assert response.status_code == 404


def test_print_view_sizes(site, client):
    ticket = domain.issue_ticket(service=site.ktp)

    narrow = client.get(f"/antrian/tiket/{ticket.code}/cetak/")
    wide = client.get(f"/antrian/tiket/{ticket.code}/cetak/?lebar=80")

    assert 'class="receipt receipt--58"' in narrow.text
    assert 'class="receipt receipt--80"' in wide.text


def test_citizen_cancels_waiting_ticket(site, client):
    ticket = domain.issue_ticket(service=site.ktp)

    client.post(f"/antrian/tiket/{ticket.code}/batal/")

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CANCELLED


def test_board_page_and_state(site, client):
    domain.issue_ticket(service=site.ktp)
    domain.call_next(counter=site.counters[0], officer=site.officers[0])

    page = client.get("/antrian/papan/")
    state = client.get("/antrian/papan/state.json").json()

    assert "A-001" in page.text
    assert page["Content-Security-Policy"]
    assert "<script>" not in page.text  # no inline scripts (CSP)
    assert state["calls"][0]["number"] == "A-001"


def test_public_board_has_no_sound_button_only_the_set_up_url_does(site, client):
    public = client.get("/antrian/papan/")
    set_up = client.get("/antrian/papan/?siapkan=1")
    assert "data-sound" not in public.text
    assert "data-sound " in set_up.text and "board-sound" in set_up.text


def test_voice_segment_is_served_as_wav(site, client):
    response = client.get("/antrian/suara/chime.wav")
    unknown = client.get("/antrian/suara/not-a-word.wav")

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    assert unknown.status_code == 404


def test_console_requires_login(site, client):
    response = client.get(f"/antrian/loket/{site.counters[0].number}/")

    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_console_call_and_finish(site, client, django_assert_max_num_queries):
    counter, officer = site.counters[0], site.officers[0]
    login_verified(client, officer)
    for _ in range(5):
        domain.issue_ticket(service=site.ktp)
    url = f"/antrian/loket/{counter.number}/"

    client.post(url + "aksi/", {"action": "call"})
    ticket = Ticket.objects.get(status="called")
    client.post(url + "aksi/", {"action": "start", "ticket": ticket.code})
    client.post(url + "aksi/", {"action": "note", "ticket": ticket.code, "note": "berkas lengkap"})
    client.post(url + "aksi/", {"action": "finish", "ticket": ticket.code})
    with django_assert_max_num_queries(20):
        page = client.get(url)

    ticket.refresh_from_db()
    assert ticket.status == "done"
    assert list(ticket.events.values_list("kind", flat=True)) == [
        "issued",
        "called",
        "started",
        "note",
        "finished",
    ]
    assert page.context["counts"] == {"served": 1, "skipped": 0, "waiting": 4}


def test_console_live_fragment_reads_a_long_line_in_fixed_statements(site, client):
    # Every open console fetches this fragment when a ticket of its services changes: its
    # statements must not grow with the day (the count of the waiting line is a window over
    # the listed rows; served and skipped one aggregate over the counter's events).
    counter, other = site.counters
    login_verified(client, site.officers[0])
    tickets = [domain.issue_ticket(service=site.ktp) for _ in range(40)]
    domain.call_next(counter=counter, officer=site.officers[0])
    domain.skip_ticket(ticket=tickets[0], officer=site.officers[0])
    domain.call_next(counter=counter, officer=site.officers[0], finish="")
    domain.finish_service(ticket=tickets[1], officer=site.officers[0])
    domain.call_next(counter=other, officer=site.officers[1])  # another counter's call
    domain.finish_service(ticket=tickets[2], officer=site.officers[1])
    domain.call_next(counter=counter, officer=site.officers[0])
    url = f"/antrian/loket/{counter.number}/daftar/"
    client.get(url)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)

    # session, user, second factor, staff role; the counter, its services; the ticket at the
    # counter and its events; the waiting line with its length; the counter's counts
    assert len(captured.captured_queries) == 10, "\n".join(
        q["sql"] for q in captured.captured_queries
    )
    assert response.context["counts"] == {"served": 1, "skipped": 1, "waiting": 36}
    assert len(response.context["waiting"]) == 30
    assert response.context["waiting"][0].number == 5


def test_console_finish_and_call_next_in_one_press(site, client):
    counter, officer = site.counters[0], site.officers[0]
    login_verified(client, officer)
    first, second = (domain.issue_ticket(service=site.ktp) for _ in range(2))
    action = f"/antrian/loket/{counter.number}/aksi/"
    client.post(action, {"action": "call"})

    client.post(action, {"action": "next", "ticket": first.code})
    # The same page pressed again (or a second tab): names the ticket already finished.
    client.post(action, {"action": "next", "ticket": first.code})
    states = [Ticket.objects.get(pk=t.pk).status for t in (first, second)]
    last = client.post(action, {"action": "next", "ticket": second.code}, follow=True)

    assert states == ["done", "called"]
    assert Ticket.objects.get(pk=second.pk).status == "done"
    assert [str(m) for m in last.context["messages"]] == [
        "Tidak ada yang menunggu untuk loket ini."
    ]
    assert Ticket.objects.get(pk=first.pk).events.filter(kind="finished").count() == 1


def test_console_other_officer_cannot_act(site, client):
    login_verified(client, site.officers[1])
    domain.issue_ticket(service=site.ktp)

    response = client.post(
        f"/antrian/loket/{site.counters[0].number}/aksi/", {"action": "call"}, follow=True
    )

    assert Ticket.objects.filter(status="called").count() == 0
    assert any(
        "not signed in" in str(m) or "belum" in str(m).lower() for m in response.context["messages"]
    )


def test_booking_pages_book_and_cancel(site, client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = client.get(f"/antrian/pesan/layanan/ktp-el/?tanggal={tomorrow.isoformat()}")
    slot = page.context["slots"][0]

    bad = client.post(
        f"/antrian/pesan/layanan/ktp-el/?tanggal={tomorrow.isoformat()}",
        {"starts_at": slot.starts_at.isoformat()},
    )
    good = client.post(
        f"/antrian/pesan/layanan/ktp-el/?tanggal={tomorrow.isoformat()}",
        {"starts_at": slot.starts_at.isoformat(), "phone": "0812 3456 7890", "name": "Sri"},
    )
    booking = Booking.objects.get()
    client.post(f"/antrian/pesan/kode/{booking.code}/aksi/", {"action": "cancel"})

    assert bad.status_code == 400
    assert good["Location"] == f"/antrian/pesan/kode/{booking.code}/"
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_kiosk_check_in_with_code(site, client):
    now = timezone.now()
    slot_start = now + timedelta(minutes=20)
    domain.local_day(site.mall, now)
    from mpp.queueing.models import Slot

    domain.issue_ticket(service=site.ktp, now=now)  # materialise today's slots
    slot = Slot.objects.filter(service=site.ktp, starts_at__gt=now).order_by("starts_at").first()
    if slot is None or slot.starts_at > slot_start + timedelta(minutes=40):
        pytest.skip("no slot soon enough today")
    booking = domain.book_visit(service=site.ktp, starts_at=slot.starts_at, phone="081234567890")

    wrong = client.post("/antrian/check-in/", {"code": "XXXX2222"})
    right = client.post("/antrian/check-in/", {"code": booking.code.lower()})

    assert wrong.status_code == 400
    assert right.status_code == 302 and "/antrian/tiket/" in right["Location"]


def test_served_ticket_page_offers_one_satisfaction_survey(site, client):
    from mpp.feedback.models import SurveyInvitation

    counter, officer = site.counters[0], site.officers[0]
    domain.issue_ticket(service=site.ktp)
    login_verified(client, officer)
    url = f"/antrian/loket/{counter.number}/aksi/"
    client.post(url, {"action": "call"})
    ticket = Ticket.objects.get(status="called")
    client.post(url, {"action": "start", "ticket": ticket.code})
    waiting_page = client.get(f"/antrian/tiket/{ticket.code}/").content.decode()
    client.post(url, {"action": "finish", "ticket": ticket.code})
    client.logout()
    # Issued when the service finished (TicketFinished), before any page view.
    issued = SurveyInvitation.objects.get(reference=ticket.code)

    first = client.get(f"/antrian/tiket/{ticket.code}/").content.decode()
    second = client.get(f"/antrian/tiket/{ticket.code}/").content.decode()

    invitation = SurveyInvitation.objects.get(reference=ticket.code)
    assert "survey-title" not in waiting_page
    assert f"/survei/{invitation.token}/" in first
    assert f"/survei/{invitation.token}/" in second
    assert SurveyInvitation.objects.filter(reference=ticket.code).count() == 1
    assert invitation.service == site.ktp
    assert invitation.pk == issued.pk
    assert invitation.created_at == Ticket.objects.get(pk=ticket.pk).finished_at


def test_ticket_page_never_writes_a_survey_invitation(site, client):
    """A done ticket without an invitation (e.g. finished before this rule) gets none on GET."""
    from mpp.feedback.models import SurveyInvitation

    ticket = domain.issue_ticket(service=site.ktp)
    Ticket.objects.filter(pk=ticket.pk).update(status="done")

    page = client.get(f"/antrian/tiket/{ticket.code}/").content.decode()

    assert "survey-title" not in page
    assert not SurveyInvitation.objects.exists()
