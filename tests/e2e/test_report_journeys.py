"""Browser journeys of the published IKM: the board slide on a 1920×1080 TV, the board
showing it in its idle rotation (and hiding it at the next call), the poster page and the
staff's follow-up page, with screenshots and accessibility checks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect

from mpp.feedback import domain
from tests.activity import generate, make_catalogue
from tests.e2e.helpers import axe_check, format_violations, page_errors, screenshot

pytestmark = pytest.mark.e2e
TV = (1920, 1080)


@pytest.fixture
def surveyed(transactional_db: Any) -> Any:
    from tests.factories import MallFactory

    mall = MallFactory(slug="ngawi", name="Mal Pelayanan Publik Ngawi")
    activity = make_catalogue(mall)
    generate(activity, start=date(2026, 10, 1), end=date(2026, 10, 30), density=0.5)
    domain.create_follow_up_plan(
        mall=mall,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        element="U3",
        action="Tambah satu loket KTP pada Senin pagi",
        responsible="Dispendukcapil",
        due_date=date(2026, 12, 31),
        agency=activity.agencies["dispendukcapil"],
    )
    return activity


def test_board_slide_is_readable_on_a_tv(new_page: Any, surveyed: Any) -> None:
    page = new_page(TV)
    page.goto("/survei/ikm/papan/?period=2026-S2")
    ikm = page.locator(".ikm-panel__ikm")
    expect(ikm).to_be_visible()
    # The index is read from across the hall: at least 10 % of the screen's height.
    size = ikm.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 108
    box = page.locator(".ikm-panel").bounding_box()
    assert box is not None
    assert (box["width"], box["height"]) == (1920, 1080)
    assert page_errors(page) == []
    screenshot(page, "ikm-board-slide")


def test_board_shows_the_slide_when_idle_and_hides_it_at_a_call(
    new_page: Any, surveyed: Any
) -> None:
    page = new_page(TV)
    page.clock.install()
    page.goto("/antrian/papan/")
    slides = page.locator("[data-board-slides]")
    expect(slides).to_be_hidden()
    page.clock.fast_forward("01:31")
    expect(slides.locator(".ikm-panel__title")).to_be_visible()
    screenshot(page, "board-idle-ikm-slide")
    # A call changes the "now calling" number: the slide gives way at once.
    page.evaluate("document.querySelector('[data-now-number]').textContent = 'A-012'")
    expect(slides).to_be_hidden()


def test_poster_page_and_follow_up_desk(new_page: Any, surveyed: Any) -> None:
    page = new_page("desktop")
    page.goto("/survei/ikm/poster/?period=2026-S2")
    expect(page.get_by_role("link", name="Poster A3 (PDF)")).to_be_visible()
    violations = axe_check(page)
    assert violations == [], format_violations(violations, "IKM poster page")
    screenshot(page, "ikm-poster-page")


def test_survey_report_and_follow_up_desk_on_their_screens(
    new_page: Any, surveyed: Any, live_server: Any
) -> None:
    from mpp.accounts.enums import StaffRole
    from tests.e2e.helpers import sign_in
    from tests.feedback.conftest import make_staff

    page = new_page("phone")
    page.goto("/survei/laporan/?period=2026-S2")
    expect(
        page.get_by_role("link", name="Unduh laporan SKM (PDF, bahasa Indonesia)")
    ).to_be_visible()
    violations = axe_check(page)
    assert violations == [], format_violations(violations, "SKM report page")
    screenshot(page, "skm-report-page")

    manager = make_staff("manajer-e2e", surveyed.mall, StaffRole.MALL_MANAGER)
    desk = new_page("desktop")
    sign_in(desk, manager, live_server.url)
    desk.goto("/staf/survei/tindak-lanjut/")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Rencana tindak lanjut survei")
    desk.get_by_label("Apa yang akan dilakukan").fill("Tambah kursi ruang tunggu lantai 1")
    desk.get_by_label("Penanggung jawab").fill("Sekretariat MPP")
    desk.get_by_label("Selesai paling lambat").fill("2027-01-31")
    desk.get_by_role("button", name="Catat komitmen ini").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Komitmen tindak lanjut")
    violations = axe_check(desk)
    assert violations == [], format_violations(violations, "follow-up commitment")
    screenshot(desk, "follow-up-commitment")
    desk.goto("/staf/survei/tindak-lanjut/")
    screenshot(desk, "follow-up-desk")
