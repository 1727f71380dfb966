"""The public dashboard, its open data downloads and the `public_stats` API."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mpp.feedback.models import SurveyResponse
from mpp.transparency.domain import refresh_daily_stats
from mpp.transparency.queries import SCHEMAS
from tests.factories import AgencyFactory, ServiceFactory
from tests.html import scripts_of_the_page
from tests.transparency.conftest import DAY, make_ticket, wib

pytestmark = pytest.mark.django_db

MONDAY_WEEK = {"from": "2026-11-01", "to": "2026-11-07"}


@pytest.fixture
def rolled_up(mall, monday):
    refresh_daily_stats(mall=mall, day=DAY)
    return mall


@pytest.fixture
def surveyed(rolled_up, ktp):
    for answer in (4, 3):
        SurveyResponse.objects.create(
            mall=rolled_up,
            agency=ktp.agency,
            service=ktp,
            channel="kiosk",
            submitted_at=wib(2026, 11, 2, 12),
            survey_date=DAY,
            **{f"u{i}": answer for i in range(1, 10)},
        )
    return rolled_up


def test_dashboard_shows_charts_tables_and_figures(client, surveyed):
    response = client.get("/transparansi/", MONDAY_WEEK)

    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<svg") == 6  # no complaints yet: that chart is left out
    assert response.context["total_visitors"] == 6
    assert response.context["t"]["satisfaction"] == [
        {
            "agency": "dukcapil",
            "agency_name": "Dinas Kependudukan",
            "respondents": 2,
            "ikm": 87.5,
            "grade": "B",
            "grade_label": "Baik",
        },
    ]
    assert "Dinas Kependudukan" in body
    assert 'href="/transparansi/data/times.csv?from=2026-11-01&amp;to=2026-11-07"' in body
    assert scripts_of_the_page(body) == []


def test_dashboard_in_english(client, rolled_up):
    client.cookies["mpp_language"] = "en"

    response = client.get("/transparansi/", MONDAY_WEEK, HTTP_ACCEPT_LANGUAGE="en")

    assert "Transparency dashboard" in response.content.decode()


def test_dashboard_default_period_is_the_last_30_days(client, rolled_up):
    response = client.get("/transparansi/")

    period = response.context["period"]
    assert (period.end - period.start).days == 29
    assert len(response.context["t"]["visitors"]) == 30


def test_dashboard_filter_by_agency(client, rolled_up):
    response = client.get("/transparansi/", {**MONDAY_WEEK, "agency": "dpmptsp"})

    assert response.context["total_visitors"] == 1
    assert [r["agency"] for r in response.context["t"]["times"]] == ["dpmptsp"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2026-13-01"}, "YYYY-MM-DD"),
        ({"to": "kemarin"}, "YYYY-MM-DD"),
        ({"from": "2026-11-07", "to": "2026-11-01"}, "on or before"),
        ({"from": "2024-01-01", "to": "2026-11-01"}, "366"),
        ({"agency": "tidak-ada"}, "no agency"),
    ],
)
def test_dashboard_bad_filters_say_what_to_fix(client, rolled_up, params, message):
    client.cookies["mpp_language"] = "en"

    response = client.get("/transparansi/", params, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert message in response.content.decode()


def test_dashboard_query_count_does_not_grow_with_data(client, rolled_up, ktp):
    client.get("/transparansi/", MONDAY_WEEK)  # the mall is then kept (mpp/core/tenancy.py)
    with CaptureQueriesContext(connection) as small:
        client.get("/transparansi/", MONDAY_WEEK)
    for n in range(3):
        agency = AgencyFactory(mall=rolled_up)
        service = ServiceFactory(agency=agency)
        for day in range(3):
            make_ticket(service, wib(2026, 11, 3 + day, 9, n), wait=60, service_minutes=2)
            refresh_daily_stats(mall=rolled_up, day=date(2026, 11, 3 + day))

    client.get("/transparansi/", MONDAY_WEEK)  # the changed catalogue is read again once
    with CaptureQueriesContext(connection) as large:
        response = client.get("/transparansi/", MONDAY_WEEK)

    assert response.context["total_visitors"] == 15
    assert len(large.captured_queries) == len(small.captured_queries)
    # With the mall and the catalogue kept in the process: 6 for the service figures (rollup
    # state + rows, IKM ×2, …), 10 for the facilities (rooms, 2 per week × 4 weeks, MSME
    # participation) and 1 for the survey's follow-up plans.
    assert len(large.captured_queries) == 17


def test_dashboard_shows_facility_usage(client, rolled_up):
    from mpp.facilities.demo import load_facilities_demo

    load_facilities_demo(rolled_up)
    html = client.get("/transparansi/", MONDAY_WEEK).content.decode()
    assert "Ruang kerja bersama dan gerai UMKM" in html
    assert "Keterisian ruang per minggu" in html


EXPECTED_HEADERS = {
    "visitors": "date,visitors",
    "busiest-hours": "weekday,hour,tickets",
    "times": "agency,agency_name,waits,wait_avg_minutes,wait_p90_minutes,services,"
    "service_avg_minutes,service_p90_minutes",
    "applications": "agency,agency_name,submitted,finished,finished_in_time,in_time_percent",
    "satisfaction": "agency,agency_name,respondents,ikm,grade,grade_label",
    "complaints": "agency,agency_name,received,answered,answered_late,overdue",
    "fees": "agency,agency_name,service,service_name,fee_kind,fee_amount,fee_max,fee",
}


@pytest.mark.parametrize("figure", sorted(EXPECTED_HEADERS))
def test_open_data_csv_has_the_documented_columns(client, surveyed, figure):
    response = client.get(f"/transparansi/data/{figure}.csv", MONDAY_WEEK)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header = response.content.decode().splitlines()[0]
    assert header == EXPECTED_HEADERS[figure]
    assert ",".join(SCHEMAS[figure]) == EXPECTED_HEADERS[figure]


def test_open_data_csv_rows(client, rolled_up):
    response = client.get("/transparansi/data/applications.csv", MONDAY_WEEK)

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == [
        {
            "agency": "dukcapil",
            "agency_name": "Dinas Kependudukan",
            "submitted": "2",
            "finished": "3",
            "finished_in_time": "2",
            "in_time_percent": "66.7",
        }
    ]


@pytest.mark.parametrize("figure", sorted(EXPECTED_HEADERS))
def test_open_data_json_schema(client, surveyed, figure):
    response = client.get(f"/transparansi/data/{figure}.json", MONDAY_WEEK)

    data = json.loads(response.content)
    assert sorted(data) == [
        "agency",
        "columns",
        "figure",
        "from",
        "mall",
        "rows",
        "schema_version",
        "to",
    ]
    assert (data["schema_version"], data["mall"], data["from"], data["to"], data["figure"]) == (
        1,
        "ngawi",
        "2026-11-01",
        "2026-11-07",
        figure,
    )
    assert data["columns"] == EXPECTED_HEADERS[figure].split(",")
    assert all(list(row) == data["columns"] for row in data["rows"])


def test_open_data_json_visitors(client, rolled_up):
    response = client.get(
        "/transparansi/data/visitors.json", {"from": "2026-11-02", "to": "2026-11-03"}
    )

    assert json.loads(response.content)["rows"] == [
        {"date": "2026-11-02", "visitors": 6},
        {"date": "2026-11-03", "visitors": 0},
    ]


def test_open_data_unknown_figure_or_format_is_404(client, rolled_up):
    assert client.get("/transparansi/data/salaries.csv").status_code == 404
    assert client.get("/transparansi/data/times.xlsx").status_code == 404


def test_open_data_bad_filter_is_400_json(client, rolled_up):
    response = client.get("/transparansi/data/times.json", {"agency": "tidak-ada"})

    assert response.status_code == 400
    assert [e["field"] for e in json.loads(response.content)["errors"]] == ["agency"]


def test_public_stats_returns_the_dashboard_figures(client, surveyed):
    response = client.get("/api/v1/stats", MONDAY_WEEK)

    data = response.json()
    assert response.status_code == 200
    assert (data["from"], data["to"], data["agency"], data["mall"]) == (
        "2026-11-01",
        "2026-11-07",
        None,
        "ngawi",
    )
    assert sum(r["visitors"] for r in data["visitors"]) == 6
    assert data["times"][0]["wait_p90_minutes"] == 30
    assert data["applications"][0]["in_time_percent"] == 66.7
    assert data["mall_satisfaction"]["ikm"] == 87.5
    assert [r["service"] for r in data["fees"]] == ["ktp", "izin"]
    assert len(data["busiest_hours"]) == 168


def test_public_stats_filter_by_agency(client, rolled_up):
    data = client.get("/api/v1/stats", {**MONDAY_WEEK, "agency": "dpmptsp"}).json()

    assert data["agency"] == "dpmptsp"
    assert [r["agency"] for r in data["times"]] == ["dpmptsp"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-02-30"}, "from"),
        ({"to": "x"}, "to"),
        ({"from": "2026-11-07", "to": "2026-11-01"}, "from"),
        ({"agency": "tidak-ada"}, "agency"),
    ],
)
def test_public_stats_bad_input_is_400_with_the_field(client, rolled_up, params, field):
    response = client.get("/api/v1/stats", params)

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert response.json()["detail"]


def test_public_stats_is_in_the_openapi_document(client, db):
    spec = client.get("/api/v1/openapi.json").json()

    operations = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert "public_stats" in operations


def test_refresh_then_one_more_day(client, rolled_up, ktp):
    make_ticket(ktp, wib(2026, 11, 4, 9), wait=120, service_minutes=3)
    refresh_daily_stats(mall=rolled_up, day=DAY + timedelta(days=2))

    data = client.get("/api/v1/stats", MONDAY_WEEK).json()

    assert [r["visitors"] for r in data["visitors"]] == [0, 6, 0, 1, 0, 0, 0]


def test_monthly_report_of_the_mall_has_every_table_open(client, rolled_up):
    response = client.get("/transparansi/laporan/2026-11/")

    body = response.content.decode()
    assert response.status_code == 200
    assert (response.context["period"].start, response.context["period"].end) == (
        date(2026, 11, 1),
        date(2026, 11, 30),
    )
    assert response.context["total_visitors"] == 6
    assert "<details" not in body.replace('<details class="tp-table" open>', "")
    assert "/transparansi/data/" not in body


def test_monthly_report_of_one_agency(client, rolled_up):
    response = client.get("/transparansi/laporan/2026-12/", {"agency": "dpmptsp"})

    assert response.context["period"].end == date(2026, 12, 31)
    assert response.context["period"].agency.slug == "dpmptsp"


@pytest.mark.parametrize(
    "url", ["/transparansi/laporan/2026-13/", "/transparansi/laporan/2026-11/?agency=nope"]
)
def test_monthly_report_bad_month_or_agency_is_404(client, rolled_up, url):
    assert client.get(url).status_code == 404


def test_cached_figures_change_after_a_refresh(client, rolled_up, ktp):
    before = client.get("/api/v1/stats", MONDAY_WEEK).json()
    make_ticket(ktp, wib(2026, 11, 2, 15), wait=60, service_minutes=3)

    still = client.get("/api/v1/stats", MONDAY_WEEK).json()
    refresh_daily_stats(mall=rolled_up, day=DAY)
    after = client.get("/api/v1/stats", MONDAY_WEEK).json()

    assert [sum(r["visitors"] for r in d["visitors"]) for d in (before, still, after)] == [
        6,
        6,
        7,
    ]
