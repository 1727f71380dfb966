"""Browser journeys of the national portal (issue 14) on a 360 px phone and a 1280 px laptop:
the three demo malls (Ngawi, and Madiun and Magetan onboarded from the same spreadsheets),
finding a mall by province and regency, searching "paspor" in every mall and opening a
mall's service, and the comparison with its open data. Screenshots in docs/screenshots/."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mpp.catalog.models import Agency
from mpp.core.models import Mall
from mpp.transparency.models import DailyAgencyStats
from tests.e2e.helpers import axe_check, format_violations, horizontal_overflow, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def three_malls(demo_catalogue: Any) -> list[Mall]:
    from mpp.demo.national import load_national_demo

    load_national_demo()
    malls = list(Mall.objects.order_by("slug"))
    yesterday = timezone.localdate() - timedelta(days=1)
    for index, mall in enumerate(malls):
        agency = Agency.objects.filter(mall=mall).order_by("position").first()
        DailyAgencyStats.objects.create(
            mall=mall, agency=agency, day=yesterday, visitors=50 + 10 * index,
            wait_count=40, wait_seconds=40 * (8 + 4 * index) * 60,
            wait_histogram={"5": 20, str(15 + 5 * index): 20},
            applications_finished=10, applications_in_time=7 + index,
        )  # fmt: skip
    return malls


def _check(page: Any, where: str) -> None:
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["viewport"], (where, overflow)
    violations = axe_check(page)
    assert violations == [], format_violations(violations, where)


def test_find_a_mall_search_every_mall_and_compare(new_page: Any, three_malls: Any) -> None:
    for device in ("phone", "desktop"):
        page = new_page(device)
        # Find a mall by province and regency.
        page.goto("/nasional/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Cari Mal Pelayanan Publik")
        expect(page.locator(".nat-map__mall")).to_have_count(3)
        page.get_by_label("Provinsi", exact=True).select_option("35")
        page.get_by_role("button", name="Tampilkan").click()
        expect(page).to_have_url(re.compile(r"provinsi=35"))
        expect(page.locator(".nat-mall")).to_have_count(3)
        _check(page, f"portal ({device})")
        screenshot(page, "national-portal")
        page.get_by_label("Kabupaten/kota", exact=True).select_option("35.20")
        page.get_by_role("button", name="Tampilkan").click()
        expect(page.locator(".nat-mall")).to_have_count(1)
        page.get_by_test_id("mall-magetan").get_by_role("link").click()
        expect(page).to_have_url(re.compile(r"/m/magetan/$"))
        expect(page.locator(".site-header__name")).to_have_text(
            "Mal Pelayanan Publik Kabupaten Magetan"
        )

        # Search a service in every mall.
        page.goto("/nasional/")
        page.get_by_label("Layanan apa yang Anda perlukan?").first.fill("paspor")
        page.get_by_role("button", name="Cari di semua mal").click()
        expect(page.get_by_test_id("result-count")).to_contain_text("3 mal")
        result = page.get_by_test_id("result-madiun")
        expect(result).to_contain_text("Menunggu sekarang")
        expect(result).to_contain_text("Rp")
        _check(page, f"national search ({device})")
        screenshot(page, "national-search")
        result.get_by_role("link").nth(1).click()
        expect(page).to_have_url(re.compile(r"/m/madiun/layanan/"))
        expect(page.locator(".site-header__name")).to_have_text(
            "Mal Pelayanan Publik Kabupaten Madiun"
        )

        # Compare the malls, and their open data.
        page.goto("/nasional/perbandingan/?urut=tunggu")
        cards = page.locator(".nat-card")
        expect(cards).to_have_count(3)
        expect(cards.first).to_contain_text("Mal Pelayanan Publik Kabupaten Madiun")
        expect(page.get_by_test_id("compare-ngawi")).to_contain_text("90,0 %")
        _check(page, f"comparison ({device})")
        screenshot(page, "national-compare")
        with page.expect_download() as download:
            page.get_by_role("link", name="CSV").click()
        assert download.value.suggested_filename.endswith(".csv")


def test_a_bad_province_says_what_to_fix(phone_page: Any, three_malls: Any) -> None:
    phone_page.goto("/nasional/perbandingan/?provinsi=99")
    expect(phone_page.get_by_role("alert")).to_contain_text("Tidak ada provinsi")
    _check(phone_page, "comparison with a bad province")
