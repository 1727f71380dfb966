"""Browser journeys of the public transparency dashboard on a 360 px phone and a 1280 px
laptop: four weeks of generated visits in the demo mall, rolled up, then the page with its
charts, the agency filter, accessibility checks and screenshots in docs/screenshots/."""

from __future__ import annotations

import random
import re
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mpp.catalog.models import Agency, Service
from mpp.queueing.enums import TicketChannel, TicketStatus
from mpp.queueing.models import Ticket
from mpp.transparency.domain import refresh_daily_stats
from tests.e2e.helpers import axe_check, format_violations, horizontal_overflow, screenshot
from tests.transparency.conftest import make_application

pytestmark = pytest.mark.e2e

WIB = ZoneInfo("Asia/Jakarta")
# Relative weight of each opening hour: a morning peak, a lunch dip, a quiet afternoon.
HOUR_WEIGHTS = {8: 6, 9: 10, 10: 8, 11: 6, 12: 3, 13: 5, 14: 3, 15: 1}


@pytest.fixture
def busy_month(demo_catalogue: Any) -> Any:
    mall = demo_catalogue
    rng = random.Random(5)
    today = timezone.now().astimezone(WIB).date()
    services = []
    for agency in Agency.objects.filter(mall=mall).order_by("position")[:5]:
        service = Service.objects.filter(agency=agency).order_by("position").first()
        if service is not None:
            services.append(service)
    tickets = []
    number = 0
    for back in range(28):
        day = today - timedelta(days=back)
        if day.weekday() == 6:  # closed on Sundays
            continue
        for s_index, service in enumerate(services):
            for hour, weight in HOUR_WEIGHTS.items():
                for _ in range(weight * (5 - s_index) // 2):
                    number += 1
                    issued = datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=WIB)
                    called = issued + timedelta(seconds=rng.randrange(60, 2400))
                    finished = called + timedelta(seconds=rng.randrange(180, 1500))
                    tickets.append(
                        Ticket(
                            mall=mall, code=f"E{number:07d}", day=day, prefix="A",
                            number=number, service=service, channel=TicketChannel.KIOSK,
                            status=TicketStatus.DONE, queued_at=issued, issued_at=issued,
                            called_at=called, started_at=called, finished_at=finished,
                        )
                    )  # fmt: skip
            if back % 3 == 0:
                submitted = datetime.combine(day, time(10), tzinfo=WIB)
                decided = submitted + timedelta(days=rng.randrange(1, 6))
                if decided.date() <= today:
                    make_application(
                        service, submitted=submitted, decided=decided,
                        due=(submitted + timedelta(days=3)).date(),
                    )  # fmt: skip
    Ticket.objects.bulk_create(tickets, batch_size=2000)
    for back in range(30):
        refresh_daily_stats(mall=mall, day=today - timedelta(days=back))
    return mall


def _check(page: Any, where: str) -> None:
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["viewport"], overflow
    violations = axe_check(page)
    assert violations == [], format_violations(violations, where)


def test_dashboard_on_a_phone_and_a_laptop(new_page: Any, busy_month: Any) -> None:
    for device in ("phone", "desktop"):
        page = new_page(device)
        page.goto("/transparansi/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor transparansi")
        expect(page.locator("svg.chart")).to_have_count(5)  # no complaints, no surveys
        expect(page.get_by_text("Jam paling sepi dengan layanan:")).to_be_visible()
        _check(page, f"dashboard ({device})")
        screenshot(page, "transparency-dashboard")


def test_choosing_an_agency_and_opening_the_numbers(phone_page: Any, busy_month: Any) -> None:
    page = phone_page
    page.goto("/transparansi/")
    agency = Agency.objects.filter(mall=busy_month).order_by("position").first()
    assert agency is not None
    page.get_by_label("Instansi", exact=True).select_option(agency.slug)
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(rf"agency={agency.slug}"))
    expect(page.locator("#id_agency")).to_have_value(agency.slug)
    page.locator("#times summary, #visitors summary").first.click()
    expect(page.locator("#visitors table")).to_be_visible()
    _check(page, "dashboard filtered by agency")
    screenshot(page, "transparency-agency")


def test_a_bad_date_says_what_to_fix(phone_page: Any, busy_month: Any) -> None:
    page = phone_page
    page.goto("/transparansi/?from=2026-13-01")
    expect(page.get_by_role("alert")).to_contain_text("YYYY-MM-DD")
    _check(page, "dashboard with a bad date")


def test_monthly_report_prints_every_table(desktop_page: Any, busy_month: Any) -> None:
    page = desktop_page
    page.goto("/transparansi/")
    page.get_by_role("link", name=re.compile("Laporan bulanan siap cetak")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan pelayanan bulanan")
    expect(page.locator("details.tp-table[open]")).to_have_count(3)
    _check(page, "monthly report")
    page.emulate_media(media="print")
    screenshot(page, "transparency-report")
