"""Usage figures for the transparency dashboard, and the demo loader."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mpp.facilities import domain
from mpp.facilities.demo import load_facilities_demo
from mpp.facilities.models import BoothPeriod, Room
from mpp.facilities.queries import msme_participation, usage_figures
from tests.applications.factories import CitizenFactory
from tests.facilities.conftest import msme_booths, tomorrow_at

pytestmark = pytest.mark.django_db


def test_usage_figures_count_bookings_no_shows_and_occupancy(mall, room):
    a, b = CitizenFactory(), CitizenFactory()
    kept = domain.book_room(room=room, user=a, starts_at=tomorrow_at(10), ends_at=tomorrow_at(12))
    domain.book_room(room=room, user=b, starts_at=tomorrow_at(13), ends_at=tomorrow_at(14))
    domain.check_in_room(booking=kept, now=tomorrow_at(10))
    domain.release_no_shows(now=tomorrow_at(15))
    day = tomorrow_at(0).date()
    figures = usage_figures(mall, today=day, weeks=1)
    week = figures["weeks"][0]
    assert (figures["bookings"], figures["no_shows"]) == (2, 1)
    assert week["used_hours"] == 2.0
    assert week["open_hours"] == 23.5 * 7
    assert week["occupancy_percent"] == round(100 * 2 / (23.5 * 7), 1)


def test_demo_loads_rooms_msmes_and_a_quarter_rotation(mall):
    msme_booths(mall, 12)
    counts = load_facilities_demo(mall)
    assert counts["rooms"] == 4 and counts["msmes"] == 15
    assert counts["booth_periods"] >= 12 * 6
    assert load_facilities_demo(mall) == counts  # idempotent
    assert Room.objects.get(slug="ruang-rapat").capacity == 8
    today = timezone.localdate()
    assert msme_participation(mall, today.year) == 15
    assert BoothPeriod.objects.filter(starts_on__lte=today, ends_on__gte=today).count() == 12
    assert BoothPeriod.objects.filter(starts_on__gt=today + timedelta(days=400)).count() == 0


def test_demo_on_the_real_ngawi_catalogue_fills_its_twelve_msme_booths(db):
    from django.core.management import call_command

    from mpp.core.models import Mall
    from mpp.demo.catalog import load_demo_catalog as load_demo

    load_demo()
    mall = Mall.objects.get(slug="ngawi")
    counts = load_facilities_demo(mall)
    today = timezone.localdate()
    current = BoothPeriod.objects.filter(mall=mall, starts_on__lte=today, ends_on__gte=today)
    assert sorted(p.booth.code for p in current) == [f"U{i:02d}" for i in range(1, 13)]
    assert counts["msmes"] == 15
    call_command(
        "generate_msme_rotation",
        "--mall",
        "ngawi",
        "--start",
        today.isoformat(),
        "--end",
        today.isoformat(),
        "--period-days",
        "7",
    )  # nothing new: already full
    assert BoothPeriod.objects.filter(mall=mall).count() == counts["booth_periods"]
