"""The daily rollups against figures counted by hand from the `monday` fixture."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from mpp.transparency.domain import minute_bucket, refresh_daily_stats
from mpp.transparency.models import DailyAgencyStats
from mpp.transparency.queries import dashboard_figures, percentile_from_histogram
from tests.transparency.conftest import DAY, WIB, make_ticket, wib

pytestmark = pytest.mark.django_db

_FIELDS = (
    "agency__slug",
    "day",
    "visitors",
    "tickets_by_hour",
    "wait_count",
    "wait_seconds",
    "wait_histogram",
    "service_count",
    "service_seconds",
    "service_histogram",
    "applications_submitted",
    "applications_finished",
    "applications_in_time",
)


def _rows():
    return list(DailyAgencyStats.objects.order_by("agency__slug").values_list(*_FIELDS))


def _hours(**counts):
    hours = [0] * 24
    for hour, count in counts.items():
        hours[int(hour[1:])] = count
    return hours


def test_refresh_daily_stats_counts_by_hand(mall, monday):
    written = refresh_daily_stats(mall=mall, day=DAY)

    assert written == 2
    assert _rows() == [
        ("dpmptsp", DAY, 1, _hours(h8=1), 1, 60, {"1": 1}, 1, 600, {"10": 1}, 0, 0, 0),
        (
            "dukcapil",
            DAY,
            5,
            _hours(h8=2, h9=1, h10=2),
            4,
            300 + 600 + 1800 + 150,
            {"5": 1, "10": 1, "30": 1, "3": 1},
            3,
            600 + 300 + 1200,
            {"10": 1, "5": 1, "20": 1},
            2,
            3,
            2,
        ),
    ]


def test_refresh_daily_stats_is_idempotent(mall, monday):
    refresh_daily_stats(mall=mall, day=DAY)
    first = _rows()

    refresh_daily_stats(mall=mall, day=DAY)

    assert _rows() == first
    assert DailyAgencyStats.objects.count() == 2


def test_refresh_daily_stats_replaces_a_changed_day(mall, monday, ktp):
    refresh_daily_stats(mall=mall, day=DAY)
    make_ticket(ktp, wib(2026, 11, 2, 13, 0), wait=60, service_minutes=1)

    refresh_daily_stats(mall=mall, day=DAY)

    row = DailyAgencyStats.objects.get(agency__slug="dukcapil")
    assert (row.visitors, row.tickets_by_hour[13], row.wait_count) == (6, 1, 5)


def test_refresh_daily_stats_of_an_empty_day_removes_rows(mall, monday):
    refresh_daily_stats(mall=mall, day=DAY)
    DailyAgencyStats.objects.filter(day=DAY).update(day=DAY + timedelta(days=1))

    assert refresh_daily_stats(mall=mall, day=DAY + timedelta(days=1)) == 1  # the 03:00 app
    assert list(DailyAgencyStats.objects.values_list("agency__slug", "visitors")) == [
        ("dukcapil", 0)
    ]


def test_figures_averages_percentiles_and_in_time_share(mall, monday):
    refresh_daily_stats(mall=mall, day=DAY)

    figures = dashboard_figures(mall=mall, start=DAY, end=DAY)

    assert figures.tables["times"] == [
        {
            "agency": "dukcapil",
            "agency_name": "Dinas Kependudukan",
            "waits": 4,
            "wait_avg_minutes": 11.9,
            "wait_p90_minutes": 30,
            "services": 3,
            "service_avg_minutes": 11.7,
            "service_p90_minutes": 20,
        },
        {
            "agency": "dpmptsp",
            "agency_name": "DPMPTSP",
            "waits": 1,
            "wait_avg_minutes": 1.0,
            "wait_p90_minutes": 1,
            "services": 1,
            "service_avg_minutes": 10.0,
            "service_p90_minutes": 10,
        },
    ]
    assert figures.tables["applications"] == [
        {
            "agency": "dukcapil",
            "agency_name": "Dinas Kependudukan",
            "submitted": 2,
            "finished": 3,
            "finished_in_time": 2,
            "in_time_percent": 66.7,
        }
    ]
    assert figures.tables["visitors"] == [{"date": "2026-11-02", "visitors": 6}]


def test_figures_busiest_hours_by_weekday(mall, monday):
    refresh_daily_stats(mall=mall, day=DAY)

    figures = dashboard_figures(mall=mall, start=DAY, end=DAY + timedelta(days=6))

    busy = [r for r in figures.tables["busiest-hours"] if r["tickets"]]
    assert busy == [
        {"weekday": 1, "hour": 8, "tickets": 3},
        {"weekday": 1, "hour": 9, "tickets": 1},
        {"weekday": 1, "hour": 10, "tickets": 2},
    ]
    assert len(figures.tables["busiest-hours"]) == 7 * 24


def test_figures_filtered_by_agency(mall, monday, dpmptsp):
    refresh_daily_stats(mall=mall, day=DAY)

    figures = dashboard_figures(mall=mall, start=DAY, end=DAY, agency=dpmptsp)

    assert [r["agency"] for r in figures.tables["times"]] == ["dpmptsp"]
    assert figures.tables["applications"] == []
    assert figures.tables["visitors"] == [{"date": "2026-11-02", "visitors": 1}]
    assert [r["service"] for r in figures.tables["fees"]] == ["izin"]


@pytest.mark.parametrize(
    ("histogram", "expected"),
    [
        ({}, None),
        ({str(m): 1 for m in range(1, 11)}, 9),
        ({str(m): 1 for m in range(1, 21)}, 18),
        ({"2": 9, "60": 1}, 2),
        ({"2": 8, "60": 2}, 60),
    ],
)
def test_percentile_from_histogram_nearest_rank(histogram, expected):
    assert percentile_from_histogram(histogram) == expected


@pytest.mark.parametrize(
    ("seconds", "bucket"), [(0, 0), (1, 1), (60, 1), (61, 2), (-5, 0), (10**6, 240)]
)
def test_minute_bucket_rounds_up_and_caps(seconds, bucket):
    assert minute_bucket(seconds) == bucket


def test_refresh_command_is_idempotent(mall, ktp):
    today = timezone.now().astimezone(WIB)
    make_ticket(ktp, today.replace(hour=0, minute=5), wait=60, service_minutes=3)
    out = io.StringIO()

    call_command("refresh_transparency_stats", "--days", "3", stdout=out)
    call_command("refresh_transparency_stats", "--days", "3", stdout=out)

    assert list(DailyAgencyStats.objects.values_list("day", "visitors")) == [(today.date(), 1)]
    assert out.getvalue().splitlines() == ["1 rows refreshed.", "1 rows refreshed."]
