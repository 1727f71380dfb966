"""The hall (issue 9): the kiosk an elderly first-time visitor can use, the board read across
the hall, the officer console by state, the phone-first pages and the one form pattern.
Screenshots go to docs/screenshots/ when MPP_SCREENSHOT_DIR=docs/screenshots."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from mpp.queueing.demo import load_queue_demo
from mpp.queueing.models import Ticket
from tests.e2e.helpers import axe_check, format_violations, page_errors, screenshot, sign_in
from tests.queueing.factories import ALL_DAY

pytestmark = pytest.mark.e2e

KIOSK = (1080, 1920)
TV = (1920, 1080)


@pytest.fixture
def hall(demo_catalogue: Any) -> Any:
    mall = demo_catalogue
    # The journeys run at any hour: open the mall all day (the hours themselves are tested in
    # tests/core/test_opening.py and tests/queueing/test_kiosk.py).
    mall.opening_hours = list(ALL_DAY)
    mall.save(update_fields=["opening_hours"])
    load_queue_demo(mall)
    return mall


def real_errors(page: Any) -> list[str]:
    """Page errors except the live stream's 503 (the WSGI test server refuses streams on
    purpose; the pages fall back to polling)."""
    return [e for e in page_errors(page) if "503" not in e]


def touch_targets_too_small(page: Any, min_px: int = 64) -> list[str]:
    return page.evaluate(
        """(min) => [...document.querySelectorAll('main a, main button, main label')]
            .filter((el) => el.offsetParent !== null)
            .map((el) => [el, el.getBoundingClientRect()])
            .filter(([el, r]) => r.height < min)
            .map(([el, r]) => el.tagName + ' ' + el.textContent.trim().slice(0, 40)
                 + ' h=' + Math.round(r.height))""",
        min_px,
    )


def test_elderly_visitor_gets_a_ktp_ticket_in_three_touches(hall: Any, new_page: Any) -> None:
    page = new_page(KIOSK, has_touch=True)
    page.goto("/antrian/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", name="Layanan populer")).to_be_visible()
    # No way out to the website: no link leaves the kiosk pages, no language switch.
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert all(h.startswith("/antrian/") for h in hrefs), hrefs
    assert page.locator("form[action*='i18n'], .lang-switch").count() == 0
    assert touch_targets_too_small(page) == []
    screenshot(page, "kiosk-start")
    violations = axe_check(page)
    assert violations == [], format_violations(violations, "kiosk start")

    touches = 0
    page.get_by_role("link", name=re.compile(r"^KTP-el")).tap()  # 1
    touches += 1
    expect(page.get_by_test_id("kiosk-back")).to_be_visible()
    assert touch_targets_too_small(page) == []
    screenshot(page, "kiosk-ktp")
    page.locator(".priority-choice label", has_text="Lansia").tap()  # 2: priority for the elderly
    touches += 1
    page.get_by_role("button", name=re.compile("KTP-el Baru")).tap()  # 3
    touches += 1
    expect(page.locator("#ticket-number")).to_be_visible()
    assert touches <= 3
    ticket = Ticket.objects.get()
    assert ticket.service.slug == "ktp-el-baru"
    assert ticket.priority
    expect(page.locator("#ticket-number")).to_have_text(ticket.display_number)
    assert page.locator("a[href^='/'][href]:not([href^='/antrian/'])").count() == 0
    screenshot(page, "kiosk-ticket")
    assert real_errors(page) == []


def test_kiosk_all_services_by_agency_and_back(hall: Any, new_page: Any) -> None:
    page = new_page(KIOSK, has_touch=True)
    page.goto("/antrian/")
    page.get_by_test_id("kiosk-all").tap()
    expect(page.get_by_role("link", name=re.compile("Dinas Kependudukan"))).to_be_visible()
    assert touch_targets_too_small(page) == []
    screenshot(page, "kiosk-all")
    page.get_by_role("link", name=re.compile("Kepolisian")).tap()
    expect(page.get_by_role("button", name=re.compile("SKCK Baru"))).to_be_visible()
    screenshot(page, "kiosk-agency")
    page.get_by_test_id("kiosk-back").tap()
    page.get_by_test_id("kiosk-back").tap()
    expect(page.get_by_role("heading", name="Layanan populer")).to_be_visible()


def _calls(mall: Any, count: int) -> list[Any]:
    """Issue and call `count` tickets at different counters (the last one is "now calling")."""
    from mpp.queueing import domain
    from mpp.queueing.models import Counter

    counters = list(
        Counter.objects.filter(mall=mall, officer__isnull=False)
        .select_related("officer", "agency")
        .order_by("number")[:count]
    )
    called = []
    for counter in counters:
        counter.breaks = []
        counter.save(update_fields=["breaks"])
        domain.issue_ticket(service=counter.services.order_by("position").first())
        called.append(domain.call_next(counter=counter, officer=counter.officer))
    assert all(called), "every counter called a ticket"
    return called


def test_board_is_readable_across_the_hall(hall: Any, new_page: Any) -> None:
    called = _calls(hall, 7)
    page = new_page(TV)
    page.goto("/antrian/papan/")
    last = called[-1]
    expect(page.get_by_test_id("board-number")).to_have_text(last.display_number)
    expect(page.get_by_test_id("board-counter")).to_contain_text(f"Loket {last.counter.number}")
    booth = last.counter.booth or last.counter.agency.booth
    expect(page.get_by_test_id("board-where")).to_have_text(
        f"Gerai {booth.code}, lantai {booth.floor}"
    )
    sizes = page.evaluate(
        """() => {
            const px = (sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
            const rows = [...document.querySelectorAll('[data-calls] li')];
            return {
                number: px('[data-now-number]'), counter: px('[data-now-counter]'),
                where: px('[data-now-where]'), agency: px('[data-now-agency]'),
                rows: rows.map((li) => li.getBoundingClientRect().height),
                rowFont: rows.length ? parseFloat(getComputedStyle(rows[0]).fontSize) : 0,
                waiting: px('[data-waiting] li'),
                sound: document.querySelectorAll('[data-sound]').length,
                height: window.innerHeight,
            };
        }"""
    )
    h = sizes["height"]
    assert h == 1080
    assert sizes["number"] >= 0.18 * h, sizes  # the called number: about a fifth of the screen
    assert sizes["counter"] >= 0.09 * h, sizes
    assert sizes["where"] >= 0.05 * h, sizes
    assert sizes["agency"] >= 0.045 * h, sizes
    assert len(sizes["rows"]) >= 5, sizes
    assert min(sizes["rows"]) >= 0.05 * h, sizes  # recent calls: each ≥ 5 % of the height
    assert sizes["rowFont"] >= 0.04 * h, sizes
    assert sizes["waiting"] >= 0.025 * h, sizes  # agency names in the waiting panel
    assert sizes["sound"] == 0  # no sound button on the public screen
    assert page.evaluate("document.scrollingElement.scrollHeight") <= h
    screenshot(page, "board")
    violations = axe_check(page)
    assert violations == [], format_violations(violations, "board")


def test_console_emphasises_the_next_step(hall: Any, new_page: Any, live_server: Any) -> None:
    from mpp.queueing.models import Counter

    counter = (
        Counter.objects.filter(mall=hall, officer__isnull=False).select_related("officer").first()
    )
    page = new_page("desktop")
    sign_in(page, counter.officer, live_server.url)
    page.goto(f"/antrian/loket/{counter.number}/")
    buttons = page.get_by_test_id("console-buttons")
    expect(buttons.get_by_role("button", name=re.compile("Panggil berikutnya"))).to_be_enabled()
    expect(buttons.get_by_role("button", name=re.compile(r"^Selesai\s+S$"))).to_be_disabled()
    expect(buttons.get_by_role("button", name=re.compile("Selesai & panggil"))).to_be_disabled()
    expect(buttons.get_by_role("button", name=re.compile("Tidak hadir"))).to_be_disabled()
    expect(buttons.get_by_role("button", name=re.compile("Mulai layani"))).to_be_disabled()
    screenshot(page, "console-idle")

    # Two citizens for this counter; call the first, then finish & call next with its key.
    from mpp.queueing import domain

    service = counter.services.order_by("pk").first()
    first, second = (domain.issue_ticket(service=service) for _ in range(2))
    buttons.get_by_role("button", name=re.compile("Panggil berikutnya")).click()
    expect(page.locator("[data-current]")).to_have_attribute("data-current", first.code)
    expect(buttons.get_by_role("button", name=re.compile("Selesai & panggil"))).to_be_enabled()
    screenshot(page, "console-called")
    page.keyboard.press("l")
    expect(page.locator("[data-current]")).to_have_attribute("data-current", second.code)
    assert [Ticket.objects.get(pk=t.pk).status for t in (first, second)] == ["done", "called"]
    assert real_errors(page) == []


def test_phone_user_books_from_a_searchable_list(hall: Any, new_page: Any) -> None:
    page = new_page("phone")
    page.goto("/antrian/pesan/")
    # Compact header: the menu folds behind a button, the page's own content starts high.
    expect(page.get_by_role("button", name="Menu")).to_be_visible()
    assert page.locator("header").bounding_box()["height"] <= 80
    assert page.locator("#id_q").bounding_box()["y"] < 740  # the search box above the fold
    # Grouped by agency, never a flat list of every service.
    assert page.locator("[data-testid=service-groups] details").count() > 5
    assert page.locator(".picker-list a:visible").count() == 0
    page.fill("#id_q", "akta kelahiran")
    page.get_by_role("button", name="Cari").click()
    link = page.get_by_role("link", name=re.compile("Akta Kelahiran")).first
    expect(link).to_be_visible()
    screenshot(page, "booking-search")
    link.click()
    # Without a time: the one error summary, with a specific message linking to the field.
    page.fill("#id_phone", "0812 3456 7890")
    page.get_by_role("button", name=re.compile("Pesan waktu ini")).click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Pilih waktu kunjungan")).to_have_attribute(
        "href", "#id_starts_at"
    )
    screenshot(page, "booking-error")
    violations = axe_check(page)
    assert violations == [], format_violations(violations, "booking with an error")
    # A day with free times (today may be over), then the first free time.
    for day in page.locator(".day-list a").all()[:4]:
        if page.locator(".slot-list input[type=radio]").count():
            break
        day.click()
    page.locator(".slot-list input[type=radio]").first.check(force=True)
    page.fill("#id_phone", "0812 3456 7890")
    page.get_by_role("button", name=re.compile("Pesan waktu ini")).click()
    expect(page.get_by_test_id("booking-code")).to_be_visible()
    # The form with an error answers 400 on purpose (the browser logs it); nothing else.
    assert [e for e in real_errors(page) if "400" not in e] == []
