"""Burst tests of the public writes that had none (issue 10.1, "Done when"): one script sends a
few hundred requests, the answers and the rows are counted. Tickets, the kiosk page and
tracking: tests/security/test_fairuse.py; complaints and their tracking:
tests/feedback/test_fair_use.py; sign-ups: tests/accounts/test_fair_use.py.

The shipped limits apply here (tests/conftest.py makes them generous for every other test)."""

from __future__ import annotations

from collections import Counter as Tally
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from mpp.accounts.tokens import issue_api_token
from mpp.core import fairuse
from mpp.facilities.models import Room, RoomBooking
from mpp.feedback import domain as feedback
from mpp.feedback.models import SurveyResponse
from mpp.notifications.models import Notification
from mpp.queueing.models import Booking
from mpp.queueing.queries import available_slots, clear_caches
from tests.applications.factories import CitizenFactory
from tests.factories import AgencyFactory, ServiceFactory
from tests.queueing.conftest import build_hall

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
CODE_URL = "/api/v1/queue/bookings/code"


@pytest.fixture
def fair_use():
    with override_settings(MPP_FAIR_USE={}):
        yield


@pytest.fixture
def hall(db):
    clear_caches()
    with override_settings(MPP_QUEUE_BOOKING_DAY_SHARE=100):
        yield build_hall(counters=2, slot_capacity=4, booking=True)
    clear_caches()


def _tally(responses) -> Tally[int]:
    return Tally(r.status_code for r in responses)


def test_400_bookings_with_random_phones_take_only_the_client_budget(hall, fair_use):
    day = timezone.localdate() + timedelta(days=1)
    times = [s.starts_at.isoformat() for s in available_slots(hall.ktp, day)]
    client = Client()

    answers = _tally(
        client.post(
            "/api/v1/queue/bookings",
            {"service": "ktp-el", "starts_at": times[n % len(times)], "phone": f"0812{n:08d}"},
            content_type="application/json",
        )
        for n in range(400)
    )

    limit = fairuse.limit("booking", "client")[0]
    assert answers == Tally({201: limit, 429: 400 - limit})
    assert Booking.objects.count() == limit


def test_bookings_without_the_sms_code_make_no_rows(hall, fair_use):
    day = timezone.localdate() + timedelta(days=1)
    start = available_slots(hall.ktp, day)[0].starts_at.isoformat()
    with override_settings(MPP_QUEUE_BOOKING_REQUIRE_CODE=True):
        answers = _tally(
            Client(REMOTE_ADDR=f"198.51.100.{n}").post(
                "/api/v1/queue/bookings",
                {"service": "ktp-el", "starts_at": start, "phone": f"0812{n:08d}"},
                content_type="application/json",
            )
            for n in range(1, 60)
        )

    assert set(answers) <= {400, 422}, answers
    assert Booking.objects.count() == 0


def test_300_code_requests_send_only_the_budget(hall, fair_use):
    client = Client()

    answers = _tally(
        client.post(
            "/api/v1/queue/bookings/code",
            {"phone": f"0812{n:08d}"},
            content_type="application/json",
        )
        for n in range(300)
    )

    limit = fairuse.limit("otp", "client")[0]
    assert answers == Tally({202: limit, 429: 300 - limit})
    assert Notification.objects.filter(kind="otp").count() == limit


def test_code_requests_for_one_phone_from_many_addresses_stop_at_the_contact_budget(hall, fair_use):
    answers = _tally(
        Client(REMOTE_ADDR=f"203.0.113.{n}").post(
            "/api/v1/queue/bookings/code",
            {"phone": "081234567890"},
            content_type="application/json",
        )
        for n in range(1, 40)
    )

    limit = fairuse.limit("otp", "contact")[0]
    assert answers[202] == limit
    assert Notification.objects.filter(kind="otp").count() == limit


ALL_FOUR = {f"U{i}": 4 for i in range(1, 10)}


def test_300_survey_answers_from_one_client_store_only_the_budget(mall, fair_use):
    service = ServiceFactory(agency=AgencyFactory(mall=mall))
    tokens = [
        feedback.create_survey_invitation(
            service=service, reference=f"T{n}", channel="ticket"
        ).token
        for n in range(300)
    ]
    client = Client()

    answers = _tally(
        client.post(
            "/api/v1/feedback/surveys",
            {"token": token, "answers": ALL_FOUR},
            content_type="application/json",
        )
        for token in tokens
    )

    limit = fairuse.limit("survey", "client")[0]
    assert answers == Tally({201: limit, 429: 300 - limit})
    assert SurveyResponse.objects.count() == limit


@pytest.fixture
def room(mall):
    return Room.objects.create(
        mall=mall,
        slug="ruang-rapat",
        name="Ruang Rapat",
        capacity=8,
        opens_at=time(0, 0),
        closes_at=time(23, 30),
        open_weekdays=[0, 1, 2, 3, 4, 5, 6],
        min_minutes=30,
        max_minutes=180,
        horizon_days=14,
        weekly_limit=1000,  # the fair-use budget, not the weekly limit, is what this tests
        grace_minutes=15,
        follows_mall_hours=False,
    )


def _half_hours(n: int) -> list[tuple[str, str]]:
    """n different half hours over the coming days, all within the room's horizon."""
    today = timezone.now().astimezone(WIB).date()
    out = []
    for k in range(n):
        day = today + timedelta(days=1 + k // 40)
        start = datetime.combine(day, time(1, 0), tzinfo=WIB) + timedelta(minutes=30 * (k % 40))
        out.append((start.isoformat(), (start + timedelta(minutes=30)).isoformat()))
    return out


def test_room_bookings_through_the_api_stop_at_the_budget(room, fair_use):
    citizen = CitizenFactory()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {issue_api_token(user=citizen)}")

    answers = _tally(
        api.post(
            "/api/v1/facilities/bookings",
            {"room": room.slug, "starts_at": start, "ends_at": end},
            content_type="application/json",
        )
        for start, end in _half_hours(100)
    )

    limit = min(fairuse.limit("room", "client")[0], fairuse.limit("room", "contact")[0])
    assert answers == Tally({201: limit, 429: 100 - limit})
    assert RoomBooking.objects.count() == limit


def test_room_bookings_through_the_page_stop_at_the_budget(room, fair_use):
    citizen = CitizenFactory()
    client = Client()
    client.force_login(citizen, backend="django.contrib.auth.backends.ModelBackend")

    answers = []
    for start, _end in _half_hours(60):
        moment = datetime.fromisoformat(start)
        answers.append(
            client.post(
                f"/ruang/{room.slug}/pesan/",
                {
                    "day": moment.date().isoformat(),
                    "start": moment.strftime("%H:%M"),
                    "minutes": 30,
                },
            ).status_code
        )

    limit = min(fairuse.limit("room", "client")[0], fairuse.limit("room", "contact")[0])
    assert Tally(answers) == Tally({302: limit, 429: 60 - limit})
    assert RoomBooking.objects.count() == limit


def test_account_code_resends_stop_at_the_budget(mall, fair_use, settings):
    from mpp.accounts.models import OneTimeCode

    settings.MPP_OTP_MAX_PER_HOUR = 1000  # the fair-use budget, not the domain cap, is tested
    citizen = CitizenFactory(email_verified_at=None)
    client = Client()
    client.force_login(citizen, backend="django.contrib.auth.backends.ModelBackend")

    answers = _tally(client.post("/akun/verifikasi/", {"resend": "1"}) for _ in range(40))

    limit = min(fairuse.limit("otp", "client")[0], fairuse.limit("otp", "contact")[0])
    assert answers == Tally({302: limit, 429: 40 - limit})
    assert OneTimeCode.objects.filter(user=citizen).count() == limit
