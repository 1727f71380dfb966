"""Facilities API. operationIds: list_rooms, room_availability, book_room, cancel_room_booking,
check_in_room, list_msme_tenants, get_msme.

Booking and cancelling need a signed-in person (session with CSRF, or a bearer token). Check-in
takes the booking code, which is the credential printed as the QR code."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from mpp.accounts.tokens import TokenAuth
from mpp.core import fairuse
from mpp.core.clock import local_day
from mpp.core.dates import SaneDate, SaneDateTime
from mpp.core.schemas import ERRORS, SIGNED_IN_ERRORS
from mpp.core.tenancy import mall_or_404
from mpp.facilities import domain, queries
from mpp.facilities import msme as msme_domain
from mpp.facilities.enums import MsmeStatus
from mpp.facilities.models import Msme, Room, RoomBooking

router = Router(tags=["facilities"])
AUTH = [TokenAuth(), django_auth]


class RoomOut(Schema):
    slug: str
    name: str
    kind: str
    capacity: int
    equipment: list[str]
    house_rules: list[str]
    opens_at: str
    closes_at: str
    min_minutes: int
    max_minutes: int
    horizon_days: int
    weekly_limit: int


class CellOut(Schema):
    starts_at: datetime
    ends_at: datetime
    state: str


class AvailabilityOut(Schema):
    room: str
    date: dt.date
    cells: list[CellOut]


class RoomBookIn(Schema):
    room: str
    starts_at: SaneDateTime
    ends_at: SaneDateTime


class RoomBookingOut(Schema):
    code: str
    room: str
    starts_at: datetime
    ends_at: datetime
    status: str


class ProductOut(Schema):
    name: str
    price: int


class MsmeOut(Schema):
    slug: str
    business_name: str
    category: str
    description: str
    whatsapp: str
    products: list[ProductOut]


class TenantOut(Schema):
    booth: str
    starts_on: date
    ends_on: date
    msme: MsmeOut


def _room(request: HttpRequest, slug: str) -> Room:
    room = Room.objects.filter(mall=mall_or_404(request), slug=slug, is_active=True).first()
    if room is None:
        raise domain.NotFoundError(_("There is no room with that name."), field="room")
    return room


def _room_out(room: Room) -> dict[str, Any]:
    return {
        "slug": room.slug,
        "name": room.name,
        "kind": room.kind,
        "capacity": room.capacity,
        "equipment": room.equipment_list,
        "house_rules": room.rule_list,
        "opens_at": room.opens_at.strftime("%H:%M"),
        "closes_at": room.closes_at.strftime("%H:%M"),
        "min_minutes": room.min_minutes,
        "max_minutes": room.max_minutes,
        "horizon_days": room.horizon_days,
        "weekly_limit": room.weekly_limit,
    }


def _booking_out(b: RoomBooking) -> dict[str, Any]:
    return {
        "code": b.code,
        "room": b.room.slug,
        "starts_at": b.starts_at,
        "ends_at": b.ends_at,
        "status": b.status,
    }


def _msme_out(m: Msme) -> dict[str, Any]:
    return {
        "slug": m.slug,
        "business_name": m.business_name,
        "category": m.category,
        "description": m.description,
        "whatsapp": m.whatsapp,
        "products": [{"name": p.name, "price": p.price} for p in m.products.all()],
    }


@router.get("/facilities/rooms", response={200: list[RoomOut], **ERRORS}, operation_id="list_rooms")
def list_rooms(request: HttpRequest) -> Any:
    return [_room_out(r) for r in Room.objects.filter(mall=mall_or_404(request), is_active=True)]


class DayQuery(Schema):
    date: SaneDate | None = None


@router.get(
    "/facilities/rooms/{slug}/availability",
    response={200: AvailabilityOut, **ERRORS},
    operation_id="room_availability",
)
def room_availability(request: HttpRequest, slug: str, q: Query[DayQuery]) -> Any:
    room = _room(request, slug)
    day = q.date or local_day(room.mall, timezone.now())
    cells = queries.day_cells(room, day, timezone.now())
    return {
        "room": room.slug,
        "date": day,
        "cells": [
            {"starts_at": c.starts_at, "ends_at": c.ends_at, "state": c.state} for c in cells
        ],
    }


@router.post(
    "/facilities/bookings",
    response={201: RoomBookingOut, **SIGNED_IN_ERRORS},
    auth=AUTH,
    operation_id="book_room",
)
def book_room(request: HttpRequest, payload: RoomBookIn) -> Any:
    room = _room(request, payload.room)
    fairuse.check(request, "room", contact=f"user:{request.user.pk}")
    booking = domain.book_room(
        room=room, user=request.user, starts_at=payload.starts_at, ends_at=payload.ends_at
    )
    return Status(201, _booking_out(booking))


@router.post(
    "/facilities/bookings/{code}/cancel",
    response={200: RoomBookingOut, **SIGNED_IN_ERRORS},
    auth=AUTH,
    operation_id="cancel_room_booking",
)
def cancel_room_booking(request: HttpRequest, code: str) -> Any:
    booking = domain.find_booking(code)
    return _booking_out(domain.cancel_room_booking(booking=booking, user=request.user))


@router.post(
    "/facilities/bookings/{code}/check-in",
    response={200: RoomBookingOut, **ERRORS},
    operation_id="check_in_room",
)
def check_in_room(request: HttpRequest, code: str) -> Any:
    booking = domain.find_booking(code)
    return _booking_out(domain.check_in_room(booking=booking, actor=request.user))


@router.get(
    "/facilities/msme-tenants",
    response={200: list[TenantOut], **ERRORS},
    operation_id="list_msme_tenants",
)
def list_msme_tenants(request: HttpRequest, q: Query[DayQuery]) -> Any:
    mall = mall_or_404(request)
    day = q.date or local_day(mall, timezone.now())
    return [
        {
            "booth": p.booth.code,
            "starts_on": p.starts_on,
            "ends_on": p.ends_on,
            "msme": _msme_out(p.msme),
        }
        for p in msme_domain.tenants_on(mall, day)
    ]


@router.get("/facilities/msmes/{slug}", response={200: MsmeOut, **ERRORS}, operation_id="get_msme")
def get_msme(request: HttpRequest, slug: str) -> Any:
    msme = Msme.objects.filter(
        mall=mall_or_404(request), slug=slug, status=MsmeStatus.APPROVED
    ).first()
    if msme is None:
        raise domain.NotFoundError(_("There is no MSME with that name."), field="slug")
    return _msme_out(msme)
