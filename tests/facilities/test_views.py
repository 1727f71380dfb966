"""Pages: the day grid (no JavaScript), booking, the booking with its QR code, cancelling,
the front-desk check-in and the staff page. Bad input gives a message, never a 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mpp.accounts.enums import StaffRole
from mpp.facilities import domain
from mpp.facilities.enums import RoomBookingStatus
from mpp.facilities.models import RoomBooking
from tests.applications.factories import CitizenFactory, login_verified, make_mall_wide
from tests.facilities.conftest import tomorrow_at
from tests.html import scripts_of_the_page

pytestmark = pytest.mark.django_db


def test_rooms_page_shows_a_grid_without_javascript(client, room):
    day = tomorrow_at(0).date()
    domain.book_room(
        room=room, user=CitizenFactory(), starts_at=tomorrow_at(10), ends_at=tomorrow_at(11)
    )
    response = client.get("/ruang/", {"date": day.isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ruang Rapat" in html
    assert "fac-cell--taken" in html and "fac-cell--free" in html
    assert f"/ruang/ruang-rapat/pesan/?date={day.isoformat()}&amp;start=09:30" in html
    assert scripts_of_the_page(html) == []  # the grid works without JavaScript


def test_rooms_page_ignores_bad_dates(client, room):
    assert client.get("/ruang/", {"date": "not-a-date"}).status_code == 200
    assert client.get("/ruang/", {"date": "1999-01-01"}).status_code == 200


def test_booking_needs_sign_in(client, room):
    response = client.get("/ruang/ruang-rapat/pesan/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_book_show_and_cancel(signed_in, room, citizen):
    day = tomorrow_at(0).date()
    response = signed_in.post(
        "/ruang/ruang-rapat/pesan/", {"day": day.isoformat(), "start": "10:00", "minutes": "60"}
    )
    booking = RoomBooking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ruang/pesanan/{booking.code}/"
    page = signed_in.get(response["Location"]).content.decode()
    assert booking.code in page and "<svg" in page
    assert signed_in.post(f"/ruang/pesanan/{booking.code}/batal/").status_code == 302
    booking.refresh_from_db()
    assert booking.status == RoomBookingStatus.CANCELLED
    assert "/ruang/pesanan/" in signed_in.get("/ruang/pesanan/").content.decode()


def test_taken_time_answers_409_with_the_message(signed_in, room):
    domain.book_room(
        room=room, user=CitizenFactory(), starts_at=tomorrow_at(10), ends_at=tomorrow_at(11)
    )
    day = tomorrow_at(0).date()
    signed_in.cookies["mpp_language"] = "en"
    response = signed_in.post(
        "/ruang/ruang-rapat/pesan/",
        {"day": day.isoformat(), "start": "10:30", "minutes": "60"},
    )
    assert response.status_code == 409
    assert "Already taken by someone else" in response.content.decode()
    assert RoomBooking.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"day": "x", "start": "10:00", "minutes": "60"},
        {"day": "2026-01-01", "start": "25:00", "minutes": "60"},
        {"day": "2020-01-01", "start": "10:00", "minutes": "60"},
        {"start": "10:00", "minutes": "999"},
        {},
    ],
)
def test_bad_input_is_a_message_not_a_500(signed_in, room, data):
    response = signed_in.post("/ruang/ruang-rapat/pesan/", data)
    assert response.status_code in {200, 400, 409}
    assert 'data-testid="error-summary"' in response.content.decode()
    assert RoomBooking.objects.count() == 0


def test_other_people_cannot_see_a_booking(room, citizen):
    booking = domain.book_room(
        room=room, user=citizen, starts_at=tomorrow_at(10), ends_at=tomorrow_at(11)
    )
    other = Client()
    other.force_login(CitizenFactory(), backend="django.contrib.auth.backends.ModelBackend")
    assert other.get(f"/ruang/pesanan/{booking.code}/").status_code == 404
    assert other.post(f"/ruang/pesanan/{booking.code}/batal/").status_code == 404


def test_front_desk_check_in(client, room, citizen):
    start = timezone.now() + timedelta(minutes=5)
    start = start.replace(second=0, microsecond=0)
    booking = RoomBooking.objects.create(
        mall=room.mall,
        room=room,
        user=citizen,
        code="KX7M2P9Q",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        created_at=timezone.now(),
        changed_at=timezone.now(),
    )
    page = client.get("/ruang/meja-depan/KX7M2P9Q/").content.decode()
    assert 'value="KX7M2P9Q"' in page
    response = client.post("/ruang/meja-depan/", {"code": "kx7m-2p9q"})
    assert response.status_code == 200
    assert "data-checked-in" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == RoomBookingStatus.CHECKED_IN
    unknown = client.post("/ruang/meja-depan/", {"code": "NOPE"})
    assert unknown.status_code == 404
    assert client.post("/ruang/meja-depan/", {}).status_code == 200  # form error, no 500


def test_staff_page_needs_a_mall_manager(client, mall, room):
    assert client.get("/ruang/staf/").status_code == 302
    citizen_client = Client()
    citizen_client.force_login(
        CitizenFactory(), backend="django.contrib.auth.backends.ModelBackend"
    )
    assert citizen_client.get("/ruang/staf/").status_code == 404
    manager = make_mall_wide(mall=mall, role=StaffRole.MALL_MANAGER)
    staff = login_verified(Client(), manager)
    assert staff.get("/ruang/staf/").status_code == 200
    day = tomorrow_at(0).date().isoformat()
    response = staff.post(
        "/ruang/staf/",
        {"room": room.pk, "day": day, "start": "13:00", "end": "15:00", "reason": "Perawatan AC"},
    )
    assert response.status_code == 302
    assert RoomBooking.objects.get().status == RoomBookingStatus.BLOCKED
    bad = staff.post(
        "/ruang/staf/",
        {"room": room.pk, "day": day, "start": "15:00", "end": "13:00", "reason": "x"},
    )
    assert bad.status_code == 200 and 'data-testid="error-summary"' in bad.content.decode()
