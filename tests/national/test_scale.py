"""Issue 14 item 6: the national pages at scale. Their statements do not grow with the number
of malls, the people waiting come from the maintained tally, and a refresh of the rollups
retires every cached comparison at once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mpp.catalog.enums import FeeKind
from mpp.catalog.search.indexing import reindex_services
from mpp.national.queries import local_today
from mpp.queueing.models import Ticket
from mpp.transparency.domain import refresh_daily_stats
from mpp.transparency.models import DailyAgencyStats
from tests.factories import AgencyFactory, MallFactory, ServiceFactory

pytestmark = pytest.mark.django_db

PAGES = (
    "/nasional/cari/?q=paspor",
    "/nasional/cari/?q=paspor&provinsi=35",
    "/nasional/perbandingan/",
    "/nasional/perbandingan/?urut=ikm&provinsi=35",
    "/nasional/perbandingan.json",
    "/api/v1/national/search?q=paspor",
    "/api/v1/national/comparison",
)


def _add_malls(count: int, start: int) -> None:
    """`count` more malls in East Java, each with a passport service and a day of rollups."""
    services = []
    yesterday = timezone.localdate() - timedelta(days=1)
    for n in range(start, start + count):
        mall = MallFactory(slug=f"mall-{n}", regency=f"Kota {n}", region_code=f"35.{n:02d}")
        agency = AgencyFactory(mall=mall, slug="imigrasi", name="Kantor Imigrasi")
        services.append(
            ServiceFactory(
                agency=agency, slug="paspor", name="Penerbitan Paspor Biasa",
                fee_kind=FeeKind.FIXED, fee_amount=350_000,
            )
        )  # fmt: skip
        DailyAgencyStats.objects.create(
            mall=mall, agency=agency, day=yesterday, visitors=10, wait_count=10,
            wait_seconds=6000, wait_histogram={"10": 10},
        )  # fmt: skip
    reindex_services([s.pk for s in services])


def _statements(client, url: str, *, cold: bool) -> int:
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def _counts(client) -> dict[tuple[str, bool], int]:
    out = {}
    for url in PAGES:
        out[(url, True)] = _statements(client, url, cold=True)
        out[(url, False)] = _statements(client, url, cold=False)
    return out


def test_statements_do_not_grow_with_the_number_of_malls(client, network):
    _add_malls(3, start=40)
    few = _counts(client)
    _add_malls(27, start=50)
    many = _counts(client)
    assert many == few
    # The search found the thirty-two malls with a passport service and shows twenty.
    page = client.get("/nasional/cari/", {"q": "paspor"}).content.decode()
    assert page.count('class="nat-result"') == 20
    assert "32 mal menyediakan layanan" in page


def test_a_cached_comparison_page_reads_no_figures(client, network, monkeypatch):
    from mpp.national import views

    monkeypatch.setattr(views, "COMPARE_PAGE_MALLS", 20)
    _add_malls(30, start=40)
    for url, cards in (
        ("/nasional/perbandingan/", 20),
        ("/nasional/perbandingan/?halaman=2&urut=tunggu", 13),
    ):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        # Figures and rendered cards come from the cache: no rollups, survey answers or
        # complaints are read again.
        tables = ("dailyagencystats", "surveyresponse", "complaint")
        assert [q["sql"] for q in captured if any(t in q["sql"] for t in tables)] == [], url
        assert page.count('class="nat-card"') == cards, url


def test_people_waiting_come_from_the_tally_of_the_mall_day(client, network):
    mall = network["ngawi"]
    service = network["services"]["ngawi"]
    before = client.get("/nasional/cari/", {"q": "paspor"}).content.decode()
    assert before.count("0 orang") == 2
    now = timezone.now()
    for n, status in enumerate(["waiting", "waiting", "cancelled"]):
        Ticket.objects.create(
            mall=mall, code=f"T{n}X", day=local_today(mall), prefix="A", number=n + 1,
            service=service, channel="kiosk", status=status, queued_at=now, issued_at=now,
        )  # fmt: skip
    Ticket.objects.create(
        mall=mall, code="OLDX", day=local_today(mall) - timedelta(days=1), prefix="A", number=9,
        service=service, channel="kiosk", status="waiting", queued_at=now, issued_at=now,
    )  # fmt: skip
    body = client.get("/api/v1/national/search", {"q": "paspor"}).json()
    waiting = {m["slug"]: m["services"][0]["waiting_today"] for m in body["malls"]}
    assert waiting == {"ngawi": 2, "magetan": 0}
    # The page's list was rendered once and is reused: its counts are live all the same.
    after = client.get("/nasional/cari/", {"q": "paspor"}).content.decode()
    ngawi = after.split('data-testid="result-ngawi"')[1].split("</li>")[0]
    assert "2 orang" in ngawi and after.count("0 orang") == 1


def test_a_refresh_of_the_rollups_retires_the_cached_comparison(
    client, network, django_capture_on_commit_callbacks
):
    mall = network["ngawi"]
    agency = network["services"]["ngawi"].agency
    yesterday = timezone.localdate() - timedelta(days=1)
    DailyAgencyStats.objects.create(
        mall=mall, agency=agency, day=yesterday, visitors=5, wait_count=5,
        wait_seconds=5 * 12 * 60, wait_histogram={"12": 5},
    )  # fmt: skip

    def ngawi_wait() -> float | None:
        rows = client.get("/nasional/perbandingan.json").json()["rows"]
        return {r["mall"]: r["wait_avg_minutes"] for r in rows}["ngawi"]

    assert ngawi_wait() == 12.0
    page = client.get("/nasional/perbandingan/").content.decode()
    assert "12,0 menit" in page
    # A change behind the cache's back is not seen: the figures are cached …
    DailyAgencyStats.objects.filter(mall=mall).update(wait_seconds=5 * 30 * 60)
    assert ngawi_wait() == 12.0
    # … until the rollups are refreshed: that day has no tickets, so its row goes, and the
    # comparison (figures, open data and page) shows it at once.
    with django_capture_on_commit_callbacks(execute=True):
        refresh_daily_stats(mall=mall, day=yesterday)
    assert ngawi_wait() is None
    page = client.get("/nasional/perbandingan/").content.decode()
    assert "12,0 menit" not in page


def test_an_unknown_order_shows_and_caches_the_name_order(client, network):
    def order(params: dict[str, str]) -> list[str]:
        html = client.get("/nasional/perbandingan/", params).content.decode()
        return re.findall(r'data-testid="compare-([\w-]+)"', html)

    assert order({"urut": "zzz"}) == ["magetan", "ngawi", "sleman"]
    assert order({}) == ["magetan", "ngawi", "sleman"]
    assert order({"urut": "nama"}) == ["magetan", "ngawi", "sleman"]
