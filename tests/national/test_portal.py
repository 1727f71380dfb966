"""Issue 14 item 2: the national portal (find a mall, search every mall, compare malls)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mpp.feedback.models import SurveyResponse
from mpp.national.regions import PROVINCES, province_name
from mpp.transparency.models import DailyAgencyStats

pytestmark = pytest.mark.django_db


def test_provinces_follow_the_kemendagri_codes():
    assert len(PROVINCES) == 38
    assert province_name("35.21") == "Jawa Timur"
    assert province_name("") == ""


def test_portal_lists_malls_by_province_with_a_map(client, network):
    response = client.get("/nasional/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jawa Timur" in html and "Daerah Istimewa Yogyakarta" in html
    assert 'href="/m/magetan/"' in html
    assert "<svg" in html and "<circle" in html
    filtered = client.get("/nasional/", {"provinsi": "34"}).content.decode()
    assert "/m/sleman/" in filtered and "/m/magetan/" not in filtered
    by_regency = client.get("/nasional/", {"kabupaten": "35.20"}).content.decode()
    assert "/m/magetan/" in by_regency and 'href="/m/sleman/"' not in by_regency


def test_portal_refuses_an_unknown_province_with_a_message(client, network):
    response = client.get("/nasional/", {"provinsi": "99"})
    assert response.status_code == 400
    assert (
        "Tidak ada provinsi" in response.content.decode() or "province" in response.content.decode()
    )


def test_search_finds_the_malls_offering_a_service_with_fee_hours_and_queue(client, network):
    response = client.get("/nasional/cari/", {"q": "paspor"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="result-ngawi"' in html and 'data-testid="result-magetan"' in html
    assert 'data-testid="result-sleman"' not in html
    assert "350.000" in html and "650.000" in html
    only_yogya = client.get("/nasional/cari/", {"q": "paspor", "provinsi": "34"}).content.decode()
    assert "result-magetan" not in only_yogya


def test_search_refuses_overlong_text(client, network):
    assert client.get("/nasional/cari/", {"q": "x" * 201}).status_code == 400


def test_api_national_search(client, network):
    response = client.get("/api/v1/national/search", {"q": "paspor"})
    assert response.status_code == 200
    body = response.json()
    assert {m["slug"] for m in body["malls"]} == {"ngawi", "magetan"}
    service = body["malls"][0]["services"][0]
    assert {"fee", "turnaround", "waiting_today", "url"} <= set(service)
    assert body["malls"][0]["url"].startswith("/m/")
    assert client.get("/api/v1/national/search", {"q": ""}).status_code == 400
    bad = client.get("/api/v1/national/search", {"q": "paspor", "provinsi": "xx"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "provinsi"


def _figures(network):
    today = timezone.localdate()
    mall = network["ngawi"]
    agency = network["services"]["ngawi"].agency
    DailyAgencyStats.objects.create(
        mall=mall, agency=agency, day=today - timedelta(days=1), visitors=40,
        wait_count=10, wait_seconds=10 * 12 * 60, wait_histogram={"5": 5, "20": 5},
        applications_finished=4, applications_in_time=3,
    )  # fmt: skip
    for _n in range(3):
        SurveyResponse.objects.create(
            mall=mall, agency=agency, service=network["services"]["ngawi"],
            survey_date=today - timedelta(days=1), submitted_at=timezone.now(), channel="kiosk",
            **{f"u{i}": 4 for i in range(1, 10)},
        )  # fmt: skip


def test_comparison_side_by_side_and_open_data(client, network):
    _figures(network)
    page = client.get("/nasional/perbandingan/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="compare-ngawi"' in html and 'data-testid="compare-sleman"' in html
    data = client.get("/nasional/perbandingan.json").json()
    rows = {r["mall"]: r for r in data["rows"]}
    assert rows["ngawi"]["wait_avg_minutes"] == 12.0
    assert rows["ngawi"]["wait_p90_minutes"] == 20
    assert rows["ngawi"]["applications_in_time_percent"] == 75.0
    assert rows["ngawi"]["ikm"] == 100.0 and rows["ngawi"]["grade"] == "A"
    assert rows["sleman"]["ikm"] is None
    csv_text = client.get("/nasional/perbandingan.csv").content.decode()
    assert csv_text.splitlines()[0].startswith("mall,mall_name,province")
    api = client.get("/api/v1/national/comparison", {"provinsi": "35"}).json()
    assert {r["mall"] for r in api["rows"]} == {"ngawi", "magetan"}


def test_comparison_refuses_bad_periods(client, network):
    assert client.get("/nasional/perbandingan/", {"from": "kemarin"}).status_code == 400
    bad = client.get("/nasional/perbandingan.json", {"from": "2026-02-30"})
    assert bad.status_code == 400 and bad.json()["errors"]
    api = client.get("/api/v1/national/comparison", {"from": "2026-05-01", "to": "2026-01-01"})
    assert api.status_code == 400


def test_operations_are_documented_with_unique_schema_names(client):
    doc = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in doc["paths"].values() for op in path.values()}
    assert {"list_malls", "get_mall", "national_search", "compare_malls"} <= ids
    schemas = doc["components"]["schemas"]
    assert "NationalSearchOut" in schemas and "MallComparisonOut" in schemas


def test_comparison_pages_by_fifty_and_search_ranking_is_reused(client, network, monkeypatch):
    from mpp.national import queries, views

    monkeypatch.setattr(views, "COMPARE_PAGE_MALLS", 2)
    first = client.get("/nasional/perbandingan/").content.decode()
    second = client.get("/nasional/perbandingan/", {"halaman": "2"}).content.decode()
    assert first.count('class="nat-card"') == 2 and second.count('class="nat-card"') == 1
    assert client.get("/nasional/perbandingan/", {"halaman": "x"}).status_code == 200
    calls = []
    real = queries.search_services
    monkeypatch.setattr(queries, "search_services", lambda **kw: calls.append(1) or real(**kw))
    for _ in range(2):
        assert client.get("/nasional/cari/", {"q": "paspor"}).status_code == 200
    assert len(calls) == 1
