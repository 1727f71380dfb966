"""Citizen journeys through the public catalogue, in a real browser against a live server.

A visitor on a cheap 360 px phone finds a service with the words people actually type, opens
it, ticks off what to bring, and reads it in English; a keyboard user skips to the content;
nothing scrolls sideways, even with 200 % text; the pages work without JavaScript; axe-core
finds no serious or critical problem; and the screenshots in docs/screenshots/ are refreshed.

Loading the demo catalogue takes a few seconds per test (the live server needs committed data,
emptied after each test), so checks over many pages loop inside one test and report every
failing page at once.
"""

from __future__ import annotations

from pprint import pformat
from typing import Any
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import expect

from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall
from tests.e2e.helpers import (
    axe_check,
    format_violations,
    horizontal_overflow,
    page_errors,
    screenshot,
)

pytestmark = pytest.mark.e2e

# What people type (dropped letters, verbs, short forms) and the demo services that are a
# right first answer. Search quality problems must be fixed in the search, not here.
EVERYDAY_QUERIES = {
    "ktp ilang": {"ktp-el-hilang"},
    "perpanjang sim": {
        "sim-a-perpanjangan",
        "sim-c-perpanjangan",
        "sim-b1-perpanjangan",
        "sim-b2-perpanjangan",
    },
    "akta lahir": {"akta-kelahiran"},
    "kk baru": {"kk-baru"},
    "bikin skck": {"skck-baru"},
}
# The service of the full journey, and the query that finds it.
JOURNEY_QUERY = "ktp ilang"
JOURNEY_SERVICE = "ktp-el-hilang"


def journey_service(mall: Mall) -> Service:
    return Service.objects.select_related("agency").get(mall=mall, slug=JOURNEY_SERVICE)


def catalogue_pages(mall: Mall) -> dict[str, str]:
    """The public catalogue pages, by screenshot name."""
    service = journey_service(mall)
    return {
        "home": "/",
        "provider": f"/instansi/{service.agency.slug}/",
        "service": f"/layanan/{service.slug}/",
        "search": f"/cari/?q={quote_plus(JOURNEY_QUERY)}",
    }


def search_from_home(page: Any, query: str) -> None:
    """Type the query into the home page's search box and submit it with the keyboard."""
    page.goto("/")
    box = page.get_by_role("searchbox", name="Layanan apa yang Anda perlukan?")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(f"**/cari/?q={quote_plus(query)}")


def first_result_slug(page: Any) -> str | None:
    results = page.locator("ol.results > li")
    if results.count() == 0:
        return None
    href = results.first.get_by_role("link").first.get_attribute("href")
    return href.rstrip("/").rsplit("/", 1)[-1]


def test_search_everyday_queries_put_a_right_service_first(phone_page: Any, demo_catalogue: Mall):
    known = set(Service.objects.filter(mall=demo_catalogue).values_list("slug", flat=True))
    wrong = {}
    for query, right in EVERYDAY_QUERIES.items():
        assert right <= known, f"the demo data lacks {right - known}"
        search_from_home(phone_page, query)
        first = first_result_slug(phone_page)
        if first not in right:
            wrong[query] = {"first": first, "expected one of": sorted(right)}
    assert wrong == {}, pformat(wrong)
    assert page_errors(phone_page) == []


def test_phone_journey_find_open_tick_and_switch_language(phone_page: Any, demo_catalogue: Mall):
    page = phone_page
    service = journey_service(demo_catalogue)
    total = service.requirements.count()
    assert total >= 2, "the journey needs a service with two requirements or more"

    # Find the service from the home page and open it.
    search_from_home(page, JOURNEY_QUERY)
    page.locator("ol.results > li").first.get_by_role("link").click()
    page.wait_for_url(f"**/layanan/{service.slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text(service.name)

    # Tick two items; the progress line follows.
    boxes = page.locator("[data-checklist]").get_by_role("checkbox")
    progress = page.locator("[data-checklist-progress]")
    expect(boxes).to_have_count(total)
    expect(progress).to_have_text(f"0 dari {total} sudah siap")
    boxes.nth(0).check()
    boxes.nth(1).check()
    expect(progress).to_have_text(f"2 dari {total} sudah siap")

    # The ticks stay on this phone.
    page.reload()
    expect(boxes.nth(0)).to_be_checked()
    expect(boxes.nth(1)).to_be_checked()
    if total > 2:
        expect(boxes.nth(2)).not_to_be_checked()
    expect(progress).to_have_text(f"2 dari {total} sudah siap")

    # English with the header button, on the same page, ticks kept; then back.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(f"/layanan/{service.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(service.name_en or service.name)
    expect(page.get_by_role("heading", name="What to bring")).to_be_visible()
    expect(progress).to_have_text(f"2 of {total} ready")

    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text(service.name)
    expect(page.get_by_role("heading", name="Yang perlu dibawa")).to_be_visible()
    assert page_errors(page) == []


def _focus_is_visible(page: Any) -> bool:
    """Whether the focused element shows an outline of 2 px or more, or a focus ring."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return false;
            const s = getComputedStyle(el);
            const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
            return outline || s.boxShadow !== "none";
        }"""
    )


def test_keyboard_skip_link_comes_first_and_focus_is_always_visible(
    new_page: Any, demo_catalogue: Mall
):
    for device in ("phone", "desktop"):
        page = new_page(device)
        page.goto("/")

        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Langsung ke konten utama")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
        assert _focus_is_visible(page), device

        page.keyboard.press("Enter")
        expect(page.locator("main")).to_be_focused()
        page.keyboard.press("Tab")
        # The next stop is the first control of the content (the search box), not the header.
        expect(page.get_by_role("searchbox")).to_be_focused()
        assert _focus_is_visible(page), device

        # Every following stop, to the end of the page, shows where the focus is.
        stops = 0
        while True:
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement === document.body"):
                break  # past the last control: the focus has left the page
            stops += 1
            tag = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
            assert _focus_is_visible(page), f"no visible focus on {tag} ({device})"
            assert stops < 300, "the focus never leaves the page"
        assert stops >= 5


def test_catalogue_pages_have_no_serious_accessibility_problems(
    new_page: Any, live_server: Any, demo_catalogue: Mall
):
    pages = {
        **catalogue_pages(demo_catalogue),
        "agencies": "/instansi/",
        "no results": "/cari/?q=zzzzqqq",
        "not found": "/layanan/tidak-ada/",  # last: its 404 is logged as a console error
    }
    problems = []
    for device in ("phone", "desktop"):
        for language in ("id", "en"):
            page = new_page(device)
            page.context.add_cookies(
                [{"name": "mpp_language", "value": language, "url": live_server.url}]
            )
            for name, path in pages.items():
                if name == "not found":
                    assert page_errors(page) == []
                page.goto(path)
                expect(page.locator("html")).to_have_attribute("lang", language)
                if name == "service":  # with the progress line showing
                    page.locator("[data-checklist]").get_by_role("checkbox").first.check()
                violations = axe_check(page)
                if violations:
                    where = f"{name} ({path}, {language}, {device})"
                    problems.append(format_violations(violations, where))
    assert problems == [], "\n".join(problems)


def test_screenshots_of_catalogue_pages(new_page: Any, demo_catalogue: Mall):
    for device in ("phone", "desktop"):
        page = new_page(device)
        for name, path in catalogue_pages(demo_catalogue).items():
            page.goto(path)
            page.wait_for_load_state("networkidle")
            assert screenshot(page, name).stat().st_size > 0


def test_pages_fit_a_phone_without_sideways_scrolling_even_with_large_text(
    phone_page: Any, demo_catalogue: Mall
):
    # WCAG 1.4.4 and 1.4.10: on a 360 px screen, even with text at 200 %, nothing makes the
    # page scroll sideways. Raising the root font size is what a browser's text-size setting
    # does; it goes through the CSSOM because the CSP (style-src 'self') refuses a <style>.
    page = phone_page
    pages = {**catalogue_pages(demo_catalogue), "agencies": "/instansi/"}
    overflowing = {}
    for text_size in ("100%", "200%"):
        for name, path in pages.items():
            page.goto(path)
            page.evaluate(
                "(size) => { document.documentElement.style.fontSize = size; }", text_size
            )
            result = horizontal_overflow(page)
            if result["scrollWidth"] > 360:
                overflowing[f"{name} at {text_size}"] = result
            if name == "service" and text_size == "200%":
                screenshot(page, "service-large-text")
    assert overflowing == {}, pformat(overflowing)


def test_search_and_checklist_work_without_javascript(new_page: Any, demo_catalogue: Mall):
    page = new_page("phone", java_script_enabled=False)
    service = journey_service(demo_catalogue)

    search_from_home(page, JOURNEY_QUERY)
    page.locator("ol.results > li").first.get_by_role("link").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(service.name)
    checkbox = page.locator("[data-checklist]").get_by_role("checkbox").first
    checkbox.check()
    expect(checkbox).to_be_checked()
    # The progress line and the print button need the script; without it they stay hidden.
    expect(page.locator("[data-checklist-progress]")).to_be_hidden()
    expect(page.locator("[data-print]")).to_be_hidden()


def test_agency_list_leads_to_the_agency_and_its_services(phone_page: Any, demo_catalogue: Mall):
    agency = journey_service(demo_catalogue).agency
    phone_page.goto("/instansi/")
    phone_page.get_by_role("link", name=agency.short_name, exact=True).click()

    expect(phone_page.get_by_role("heading", level=1)).to_have_text(agency.name)
    titles = phone_page.locator(".service-card h3").all_inner_texts()
    expected = Agency.objects.get(pk=agency.pk).services.filter(is_active=True)
    assert titles == [s.name for s in expected.order_by("position", "name")]
