"""The facilities API: operationIds, rooms, availability, book / cancel / check in, MSMEs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from mpp.accounts.tokens import issue_api_token
from mpp.facilities.enums import MsmeStatus, RoomBookingStatus
from mpp.facilities.models import RoomBooking
from mpp.facilities.msme import ProductIn, generate_rotation, register_msme
from tests.applications.factories import CitizenFactory
from tests.facilities.conftest import msme_booths, tomorrow_at

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "list_rooms",
    "room_availability",
    "book_room",
    "cancel_room_booking",
    "check_in_room",
    "list_msme_tenants",
    "get_msme",
}


def _client(user):  # type: ignore[no-untyped-def]
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_api_token(user=user)}")


def test_operation_ids_are_published(client, mall):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert ids >= OPERATIONS


def test_rooms_and_availability(client, room):
    rooms = client.get("/api/v1/facilities/rooms").json()
    assert [r["slug"] for r in rooms] == ["ruang-rapat"]
    day = tomorrow_at(0).date().isoformat()
    grid = client.get("/api/v1/facilities/rooms/ruang-rapat/availability", {"date": day}).json()
    assert grid["date"] == day and grid["cells"][0]["state"] == "free"
    assert client.get("/api/v1/facilities/rooms/nope/availability").status_code == 404
    assert (
        client.get("/api/v1/facilities/rooms/ruang-rapat/availability", {"date": "x"}).status_code
        == 422
    )


def test_book_cancel_and_check_in(room, citizen):
    api = _client(citizen)
    body = {
        "room": "ruang-rapat",
        "starts_at": tomorrow_at(10).isoformat(),
        "ends_at": tomorrow_at(11).isoformat(),
    }
    made = api.post("/api/v1/facilities/bookings", body, content_type="application/json")
    assert made.status_code == 201, made.content
    code = made.json()["code"]
    again = _client(CitizenFactory()).post(
        "/api/v1/facilities/bookings", body, content_type="application/json"
    )
    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "starts_at"
    early = api.post(f"/api/v1/facilities/bookings/{code}/check-in")
    assert early.status_code == 400
    assert api.post(f"/api/v1/facilities/bookings/{code}/cancel").json()["status"] == "cancelled"
    # Check in on time.
    start = (timezone.now() + timedelta(minutes=5)).replace(second=0, microsecond=0)
    RoomBooking.objects.create(
        mall=room.mall,
        room=room,
        user=citizen,
        code="QW3RTY78",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        created_at=start,
        changed_at=start,
    )
    done = Client().post("/api/v1/facilities/bookings/qw3rty78/check-in")
    assert done.status_code == 200 and done.json()["status"] == RoomBookingStatus.CHECKED_IN


def test_booking_needs_auth_and_valid_input(client, room, citizen):
    body = {"room": "ruang-rapat", "starts_at": "x", "ends_at": "y"}
    assert (
        client.post(
            "/api/v1/facilities/bookings", body, content_type="application/json"
        ).status_code
        == 401
    )
    api = _client(citizen)
    assert (
        api.post("/api/v1/facilities/bookings", body, content_type="application/json").status_code
        == 422
    )
    naive = {"room": "ruang-rapat", "starts_at": "2030-01-01T10:00", "ends_at": "2030-01-01T11:00"}
    assert (
        api.post("/api/v1/facilities/bookings", naive, content_type="application/json").status_code
        == 400
    )
    assert api.post("/api/v1/facilities/bookings/NOPE/cancel").status_code == 404
    assert RoomBooking.objects.count() == 0


def test_msme_tenants_and_detail(client, mall):
    msme_booths(mall, 2)
    msme = register_msme(
        mall=mall,
        owner=None,
        business_name="Keripik Bu Sri",
        owner_name="Sri",
        nib="1234567890123",
        category="food",
        whatsapp="0812 3456 7890",
        products=[ProductIn("Keripik", 15000)],
    )
    assert client.get(f"/api/v1/facilities/msmes/{msme.slug}").status_code == 404  # pending
    msme.status = MsmeStatus.APPROVED
    msme.save()
    today = timezone.localdate()
    generate_rotation(mall=mall, start=today, end=today + timedelta(days=13), period_days=14)
    tenants = client.get("/api/v1/facilities/msme-tenants").json()
    assert tenants[0]["booth"] == "U01"
    assert tenants[0]["msme"]["products"] == [{"name": "Keripik", "price": 15000}]
    assert (
        client.get(f"/api/v1/facilities/msmes/{msme.slug}").json()["whatsapp"] == "+6281234567890"
    )
    msme.refresh_from_db()
    assert msme.whatsapp_link == "https://wa.me/6281234567890"
    past = client.get("/api/v1/facilities/msme-tenants", {"date": date(2020, 1, 1).isoformat()})
    assert past.json() == []
