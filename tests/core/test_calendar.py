"""Working-day arithmetic against a calendar with holidays and collective leave."""

from datetime import date

import pytest

from mpp.core.calendar import (
    add_working_days,
    is_working_day,
    load_national_calendar,
    working_days_between,
)
from mpp.core.enums import DayKind
from mpp.core.models import CalendarDay
from tests.factories import MallFactory

pytestmark = pytest.mark.django_db


def test_weekends_are_not_working_days():
    assert is_working_day(date(2026, 11, 27)) is True  # Friday
    assert is_working_day(date(2026, 11, 28)) is False  # Saturday


def test_add_working_days_skips_the_weekend():
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert add_working_days(date(2026, 11, 27), 0) == date(2026, 11, 27)


def test_add_working_days_skips_lebaran_holidays_and_collective_leave():
    load_national_calendar([2026])
    # March 2026: 18 collective leave (Nyepi), 19 Nyepi, 20 collective leave (Idul Fitri),
    # 21–22 Idul Fitri (a weekend), 23–24 collective leave. So the first three working days
    # after Tuesday 17 March are 25, 26 and 27 March.
    assert add_working_days(date(2026, 3, 17), 3) == date(2026, 3, 27)


def test_load_national_calendar_is_idempotent_and_keeps_edits():
    first = load_national_calendar([2026])
    CalendarDay.objects.filter(day=date(2026, 12, 24)).update(name="Diubah pengelola")
    second = load_national_calendar([2026])
    assert first > 15
    assert second == 0
    assert CalendarDay.objects.get(day=date(2026, 12, 24)).name == "Diubah pengelola"


def test_mall_closure_applies_only_to_that_mall():
    ngawi, madiun = MallFactory(slug="ngawi"), MallFactory(slug="madiun")
    CalendarDay.objects.create(
        mall=ngawi, day=date(2026, 11, 30), kind=DayKind.LOCAL_CLOSURE, name="Hari jadi Ngawi"
    )
    assert is_working_day(date(2026, 11, 30), mall=ngawi) is False
    assert is_working_day(date(2026, 11, 30), mall=madiun) is True


def test_a_weekend_day_can_be_declared_a_working_day_for_a_mall():
    ngawi = MallFactory(slug="ngawi")
    CalendarDay.objects.create(
        mall=ngawi, day=date(2026, 11, 28), kind=DayKind.EXTRA_WORKING_DAY, name="Layanan Sabtu"
    )
    assert add_working_days(date(2026, 11, 27), 1, mall=ngawi) == date(2026, 11, 28)


def test_working_days_between_counts_after_the_start_day():
    assert working_days_between(date(2026, 11, 23), date(2026, 11, 27)) == 4
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 23)) == 0


def test_add_working_days_rejects_negative_counts():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2026, 11, 27), -1)
