"""The co-working journey in a real browser on a 360 px phone: a verified citizen signs in,
looks at the day's availability grid, books the meeting room, sees the booking code with its
QR code, tries the same time again and is told it is already taken, and checks in at the
front desk. Every step is screenshotted into docs/screenshots/facilities-*.png, checked with
axe-core (no serious or critical violations), for JavaScript/CSP errors and for sideways
scrolling. Also the public MSME directory."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mpp.core.enums import BoothKind
from mpp.facilities.enums import MsmeStatus, RoomBookingStatus
from mpp.facilities.models import Msme, RoomBooking
from mpp.facilities.msme import ProductIn, generate_rotation, register_msme
from tests.applications.factories import PASSWORD, CitizenFactory
from tests.e2e.helpers import (
    axe_check,
    format_violations,
    horizontal_overflow,
    page_errors,
    screenshot,
)
from tests.factories import BoothFactory, MallFactory

pytestmark = pytest.mark.e2e


def _check(page: Any, name: str, problems: list[str]) -> None:
    screenshot(page, name)
    violations = axe_check(page)
    if violations:
        problems.append(format_violations(violations, name))
    overflow = horizontal_overflow(page)
    if overflow["scrollWidth"] > overflow["viewport"] + 1:
        problems.append(f"{name}: scrolls sideways {overflow}")
    # The "already taken" page answers 409 on purpose; Chromium logs every 4xx as a console
    # error. Anything else (a script error, a CSP refusal, another status) still fails.
    errors = [e for e in page_errors(page) if "status of 409 (Conflict)" not in e]
    if errors:
        problems.append(f"{name}: {errors}")


@pytest.fixture
def coworking(transactional_db: None) -> Any:
    from tests.facilities.conftest import make_room

    mall = MallFactory(slug="ngawi", name="Mal Pelayanan Publik Kabupaten Ngawi")
    room = make_room(
        mall,
        name="Ruang Rapat Kenanga",
        equipment="Layar TV 55 inci\nPapan tulis\nWi-Fi",
        house_rules="Tinggalkan ruangan bersih\nDilarang merokok",
    )
    citizen = CitizenFactory(email="siti@example.id")
    return mall, room, citizen


def test_citizen_books_a_room_on_a_phone_and_checks_in(coworking: Any, phone_page: Any) -> None:
    _mall, room, citizen = coworking
    page = phone_page
    problems: list[str] = []
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    page.goto("/akun/masuk/?next=/ruang/")
    page.get_by_label("Alamat surel atau nomor ponsel").fill("siti@example.id")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/ruang/")

    page.goto(f"/ruang/?date={tomorrow}")
    expect(page.locator(".fac-cell--free").first).to_be_visible()
    _check(page, "facilities-rooms", problems)

    page.locator(f'a[href*="date={tomorrow}&start=10:00"]').click()
    expect(page.locator("#id_start")).to_have_value("10:00")
    page.locator("#id_minutes").select_option("60")
    _check(page, "facilities-book", problems)
    page.locator("form.fac-form button[type=submit]").click()

    code_el = page.locator("[data-booking-code]")
    expect(code_el).to_be_visible()
    code = code_el.inner_text().strip()
    expect(page.locator(".fac-qr svg")).to_be_visible()
    _check(page, "facilities-booking", problems)
    assert RoomBooking.objects.get(code=code).user == citizen

    # The same time again: a clear "already taken", nothing booked.
    page.goto(f"/ruang/{room.slug}/pesan/?date={tomorrow}&start=10:30")
    page.locator("form.fac-form button[type=submit]").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Sudah dipesan orang lain")
    _check(page, "facilities-taken", problems)
    assert RoomBooking.objects.count() == 1

    # Time passes: the booking starts in five minutes. The front desk scans the QR code,
    # which opens the check-in page with the code filled in.
    start = (timezone.now() + timedelta(minutes=5)).replace(second=0, microsecond=0)
    RoomBooking.objects.filter(code=code).update(
        starts_at=start, ends_at=start + timedelta(hours=1)
    )
    page.goto(f"/ruang/meja-depan/{code}/")
    expect(page.locator("#id_code")).to_have_value(code)
    page.locator("form.fac-form button[type=submit]").click()
    expect(page.locator("[data-checked-in]")).to_be_visible()
    _check(page, "facilities-checkin", problems)
    assert RoomBooking.objects.get(code=code).status == RoomBookingStatus.CHECKED_IN

    assert problems == [], "\n".join(problems)


def test_msme_directory_on_a_phone(coworking: Any, phone_page: Any) -> None:
    mall, _room, _citizen = coworking
    for i in range(1, 4):
        BoothFactory(mall=mall, code=f"U{i:02d}", kind=BoothKind.MSME)
    for i, (name, products) in enumerate(
        [
            ("Keripik Tempe Bu Sri", [("Keripik tempe 250 g", 15000), ("Keripik pedas", 17000)]),
            ("Batik Ngawi Lestari", [("Kemeja batik cap", 175000)]),
            ("Kopi Kendal Ngawi", [("Kopi robusta 200 g", 40000)]),
            ("Madu Alas Ketonggo", [("Madu 500 ml", 85000)]),
        ],
        start=1,
    ):
        m = register_msme(
            mall=mall,
            owner=None,
            business_name=name,
            owner_name=f"Pemilik {i}",
            nib=f"{i:013d}",
            category="food",
            whatsapp=f"0812{i:08d}",
            products=[ProductIn(n, p) for n, p in products],
        )
        Msme.objects.filter(pk=m.pk).update(status=MsmeStatus.APPROVED)
    today = timezone.localdate()
    generate_rotation(mall=mall, start=today, end=today + timedelta(days=41), period_days=14)
    problems: list[str] = []
    page = phone_page
    page.goto("/umkm/")
    expect(page.locator(".fac-tenants .card")).to_have_count(3)
    _check(page, "facilities-umkm", problems)
    page.get_by_role("link", name="Keripik Tempe Bu Sri").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Keripik Tempe Bu Sri")
    _check(page, "facilities-umkm-detail", problems)
    assert problems == [], "\n".join(problems)
