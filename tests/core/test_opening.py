"""The mall's hours and calendar decide when it serves (ADR 0018): tickets, slots, bookings."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import translation

from mpp.core.enums import DayKind
from mpp.core.models import CalendarDay
from mpp.core.opening import closed_message, is_open, next_opening, open_days
from mpp.queueing import domain
from mpp.queueing.domain.errors import ConflictError
from mpp.queueing.domain.schedule import bookable_days, plan_slots
from mpp.queueing.models import Slot, Ticket
from tests.queueing.conftest import build_hall

WIB = ZoneInfo("Asia/Jakarta")
NGAWI_HOURS = [
    {"days": [0, 1, 2, 3], "opens": "08:00", "closes": "15:00"},
    {"days": [4], "opens": "08:00", "closes": "14:00"},
]


def at(y, m, d, hh, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=WIB)


@pytest.fixture
def ngawi(db):
    hall = build_hall(slot_capacity=4, booking=True)
    hall.mall.opening_hours = NGAWI_HOURS
    hall.mall.save()
    return hall


# 2026-12-07 is a Monday; 2026-12-11 a Friday; 2026-12-25 Christmas; 2026-12-24 cuti bersama.


def test_weekly_hours(ngawi):
    mall = ngawi.mall
    assert is_open(mall, at(2026, 12, 7, 8))
    assert is_open(mall, at(2026, 12, 7, 14, 59))
    assert not is_open(mall, at(2026, 12, 7, 15))
    assert not is_open(mall, at(2026, 12, 11, 14, 30))  # Friday closes at 14.00
    assert not is_open(mall, at(2026, 12, 12, 10))  # Saturday
    assert next_opening(mall, at(2026, 12, 12, 10)) == at(2026, 12, 14, 8)
    assert next_opening(mall, at(2026, 12, 7, 6)) == at(2026, 12, 7, 8)
    moment = at(2026, 12, 7, 9, 30)
    assert next_opening(mall, moment) == moment


def test_holidays_collective_leave_and_closures(ngawi):
    mall = ngawi.mall
    CalendarDay.objects.create(day=date(2026, 12, 25), kind=DayKind.HOLIDAY, name="Natal")
    CalendarDay.objects.create(
        day=date(2026, 12, 24), kind=DayKind.COLLECTIVE_LEAVE, name="Cuti bersama Natal"
    )
    CalendarDay.objects.create(
        mall=mall, day=date(2026, 12, 23), kind=DayKind.LOCAL_CLOSURE, name="Pemeliharaan"
    )
    assert not is_open(mall, at(2026, 12, 25, 10))
    assert not is_open(mall, at(2026, 12, 24, 10))
    assert not is_open(mall, at(2026, 12, 23, 10))
    assert next_opening(mall, at(2026, 12, 23, 7)) == at(2026, 12, 28, 8)
    mall.open_on_collective_leave = True
    assert is_open(mall, at(2026, 12, 24, 10))
    assert not open_days(mall, date(2026, 12, 25), date(2026, 12, 25))


@override_settings(MPP_DEMO_MODE=False)
def test_no_kiosk_ticket_outside_hours_with_next_opening_in_both_languages(ngawi):
    with pytest.raises(ConflictError) as refused:
        domain.issue_ticket(service=ngawi.ktp, now=at(2026, 12, 12, 10))
    assert refused.value.status == 409
    assert not Ticket.objects.exists()
    with translation.override("id"):
        assert "Senin, 14 Desember 2026" in closed_message(ngawi.mall, at(2026, 12, 12, 10))
        assert "08.00" in closed_message(ngawi.mall, at(2026, 12, 12, 10))
    with translation.override("en"):
        assert "Monday, 14 December 2026" in closed_message(ngawi.mall, at(2026, 12, 12, 10))
    ticket = domain.issue_ticket(service=ngawi.ktp, now=at(2026, 12, 7, 9))
    assert ticket.number == 1


@override_settings(MPP_DEMO_MODE=True)
def test_demo_switch_opens_walk_ins_only(ngawi):
    assert domain.issue_ticket(service=ngawi.akta, now=at(2026, 12, 12, 22)).number == 1
    queue = ngawi.ktp.queue
    assert plan_slots(ngawi.ktp, queue, date(2026, 12, 12)) == []


@override_settings(MPP_DEMO_MODE=True)
def test_demo_switch_issues_slotted_walk_ins_on_a_closed_day_without_a_seat(ngawi):
    # KTP-el plans slots; on a Saturday night there are none, yet the demo kiosk must work.
    assert ngawi.ktp.queue.slot_capacity
    ticket = domain.issue_ticket(service=ngawi.ktp, now=at(2026, 12, 12, 22))
    assert ticket.number == 1 and ticket.slot is None
    assert not Slot.objects.filter(service=ngawi.ktp, day=date(2026, 12, 12)).exists()
    # In the hours the same service still seats walk-ins in a slot.
    assert domain.issue_ticket(service=ngawi.ktp, now=at(2026, 12, 14, 9)).slot is not None


@override_settings(MPP_DEMO_MODE=False)
def test_api_refuses_ticket_when_closed_with_409(ngawi, client, monkeypatch):
    monkeypatch.setattr("mpp.queueing.domain.tickets.now_or", lambda now: at(2026, 12, 13, 20))
    response = client.post(
        "/api/v1/queue/tickets",
        {"service": "ktp-el"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert response.status_code == 409, response.content
    assert "Senin, 14 Desember 2026" in response.content.decode()


def test_no_slots_on_holidays_and_collective_leave(ngawi):
    CalendarDay.objects.create(day=date(2026, 12, 25), kind=DayKind.HOLIDAY, name="Natal")
    CalendarDay.objects.create(
        day=date(2026, 12, 24), kind=DayKind.COLLECTIVE_LEAVE, name="Cuti bersama Natal"
    )
    queue = ngawi.ktp.queue
    assert plan_slots(ngawi.ktp, queue, date(2026, 12, 25)) == []
    assert plan_slots(ngawi.ktp, queue, date(2026, 12, 24)) == []
    assert plan_slots(ngawi.ktp, queue, date(2026, 12, 22))
    days = bookable_days(ngawi.ktp, queue, date(2026, 12, 21), limit=30)
    assert date(2026, 12, 24) not in days and date(2026, 12, 25) not in days
    assert date(2026, 12, 22) in days


def test_slots_stay_inside_the_mall_hours_even_when_counters_are_open_all_day(ngawi):
    queue = ngawi.ktp.queue
    friday = plan_slots(ngawi.ktp, queue, date(2026, 12, 11))
    assert friday
    assert min(p.starts_at for p in friday) == at(2026, 12, 11, 8)
    assert max(p.ends_at for p in friday) <= at(2026, 12, 11, 14)
    assert plan_slots(ngawi.ktp, queue, date(2026, 12, 12)) == []  # Saturday
    assert plan_slots(ngawi.ktp, queue, date(2026, 12, 13)) == []  # Sunday


@override_settings(MPP_DEMO_MODE=False)
def test_kiosk_says_closed_and_offers_no_ticket_on_a_closure_day(ngawi, client):
    from django.utils import timezone

    today = timezone.now().astimezone(WIB).date()
    CalendarDay.objects.create(
        mall=ngawi.mall, day=today, kind=DayKind.LOCAL_CLOSURE, name="Pemeliharaan gedung"
    )
    page = client.get("/antrian/", HTTP_ACCEPT_LANGUAGE="id")
    assert page.status_code == 200
    assert 'data-testid="kiosk-closed"' in page.text
    assert "Mal sedang tutup. Buka kembali" in page.text
    assert "/antrian/kios/" not in page.text
    assert 'data-testid="demo-band"' not in page.text
    issued = client.post("/antrian/ambil/", {"service": "akta", "request_key": "k1"})
    assert issued.status_code == 302
    assert not Ticket.objects.exists()


@override_settings(MPP_DEMO_MODE=True)
def test_demo_band_on_every_page(ngawi, client):
    for url in ("/", "/antrian/"):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="id")
        assert 'data-testid="demo-band"' in page.text
        assert "Mode demo" in page.text


def test_rooms_follow_the_mall_hours_and_calendar_unless_they_say_otherwise(ngawi):
    from mpp.facilities.domain import FacilityError, validate_times
    from tests.facilities.conftest import make_room

    CalendarDay.objects.create(day=date(2026, 12, 25), kind=DayKind.HOLIDAY, name="Natal")
    room = make_room(ngawi.mall, follows_mall_hours=True)
    now = at(2026, 12, 1, 9)

    def check(start, end, r=room):
        validate_times(room=r, starts_at=start, ends_at=end, now=now)

    check(at(2026, 12, 7, 9), at(2026, 12, 7, 10))
    for start, end in [
        (at(2026, 12, 13, 10), at(2026, 12, 13, 11)),  # Sunday
        (at(2026, 12, 25, 10), at(2026, 12, 25, 11)),  # Christmas
        (at(2026, 12, 11, 13, 30), at(2026, 12, 11, 14, 30)),  # Friday after 14.00
        (at(2026, 12, 7, 19), at(2026, 12, 7, 20)),  # evening
    ]:
        with pytest.raises(FacilityError):
            check(start, end)
    own = make_room(ngawi.mall, slug="aula", follows_mall_hours=False)
    check(at(2026, 12, 13, 19), at(2026, 12, 13, 20), own)


@override_settings(MPP_DEMO_MODE=True)
def test_room_api_refuses_christmas_even_in_demo_mode(ngawi, client):
    from tests.facilities.conftest import make_room

    CalendarDay.objects.create(day=date(2026, 12, 25), kind=DayKind.HOLIDAY, name="Natal")
    make_room(ngawi.mall, follows_mall_hours=True)
    grid = client.get(
        "/api/v1/facilities/rooms/ruang-rapat/availability", {"date": "2026-12-25"}
    ).json()
    assert grid["cells"] == []


def test_plan_slots_job_plans_open_days_only(ngawi):
    from django.core.management import call_command

    from mpp.operations.schedule import job_named
    from mpp.queueing.models import Slot

    assert job_named("plan-slots").command == "plan_slots"
    CalendarDay.objects.create(day=date(2026, 12, 25), kind=DayKind.HOLIDAY, name="Natal")
    call_command("plan_slots", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("plan_slots", stdout=open("/dev/null", "w"))  # noqa: SIM115 - idempotent
    days = set(Slot.objects.filter(service=ngawi.ktp).values_list("day", flat=True))
    assert days
    assert all(d.weekday() < 5 and d != date(2026, 12, 25) for d in days)


def test_a_day_open_to_midnight_closes_at_24_00_and_serves_its_last_half_hour(ngawi):
    from django.core.exceptions import ValidationError

    from mpp.catalog.spreadsheet.hours import format_hours_text, parse_hours_text
    from mpp.core.hours import validate_opening_hours

    to_midnight = [{"days": [0, 1, 2, 3, 4, 5, 6], "opens": "00:00", "closes": "24:00"}]
    validate_opening_hours(to_midnight)
    assert parse_hours_text(format_hours_text(to_midnight)) == to_midnight
    for wrong in ("24:30", "25:00"):
        with pytest.raises(ValidationError):
            validate_opening_hours([{"days": [0], "opens": "08:00", "closes": wrong}])
    with pytest.raises(ValidationError):  # 24:00 ends a day, never opens one
        validate_opening_hours([{"days": [0], "opens": "24:00", "closes": "24:00"}])

    mall = ngawi.mall
    mall.opening_hours = to_midnight
    mall.save()
    assert is_open(mall, at(2026, 12, 7, 23, 59))
    slots = plan_slots(ngawi.ktp, ngawi.ktp.queue, date(2026, 12, 7))
    assert slots[-1].ends_at == at(2026, 12, 8, 0)
    # A walk-in at 23:45 still gets a ticket (the 23:30 slot has not ended).
    ticket = domain.issue_ticket(service=ngawi.ktp, now=at(2026, 12, 7, 23, 45))
    assert ticket.day == date(2026, 12, 7)
