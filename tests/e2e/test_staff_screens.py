"""The staff pages at 1280 px with a signed-in mall manager: the one staff navigation with the
current page marked, no axe-core violation, and a screenshot of each for the contact sheet
(docs/screenshots/README.md, "Staff pages")."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from mpp.accounts.enums import StaffRole
from mpp.catalog.models import Agency
from mpp.core.models import Mall
from mpp.queueing.models import Counter
from tests.applications.factories import make_mall_wide
from tests.e2e.helpers import (
    axe_check,
    format_violations,
    horizontal_overflow,
    screenshot,
    sign_in,
)

pytestmark = pytest.mark.e2e


def staff_pages(mall: Mall) -> list[tuple[str, str, str | None]]:
    """(screenshot name, URL, URL of the staff-menu link marked current, if the page is in it)."""
    pages: list[tuple[str, str, str | None]] = [
        ("staff-console-counters", "/antrian/loket/", "/antrian/loket/"),
    ]
    counter = Counter.objects.filter(mall=mall).order_by("number").first()
    if counter is None:  # the demo catalogue has no counters: open one for the console
        agency = Agency.objects.filter(mall=mall).order_by("position", "pk").first()
        counter = Counter.objects.create(mall=mall, agency=agency, number=1)
        counter.services.set(agency.services.all()[:3])
    pages.append(("staff-console", f"/antrian/loket/{counter.number}/", "/antrian/loket/"))
    pages += [
        ("staff-complaint-desk", "/staf/pengaduan/", "/staf/pengaduan/"),
        ("staff-applications-inbox", "/petugas/permohonan/", "/petugas/permohonan/"),
        ("staff-outbox", "/staf/kotak-keluar/", "/staf/kotak-keluar/"),
        ("staff-survey-moderation", "/staf/survei/saran/", "/staf/survei/saran/"),
        ("staff-survey-follow-ups", "/staf/survei/tindak-lanjut/", "/staf/survei/tindak-lanjut/"),
        ("staff-rooms", "/ruang/staf/", "/ruang/staf/"),
        ("staff-admin-index", "/admin/", None),
    ]
    return pages


def test_staff_pages_share_one_navigation(
    new_page: Any, demo_catalogue: Mall, live_server: Any
) -> None:
    manager = make_mall_wide(mall=demo_catalogue, role=StaffRole.MALL_MANAGER)
    page = new_page("desktop")
    sign_in(page, manager, live_server.url)
    problems: list[str] = []
    for name, url, current in staff_pages(demo_catalogue):
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{name} {url}"
        if current is not None:
            nav = page.get_by_role("navigation", name="Menu petugas")
            expect(nav).to_have_count(1)
            marked = nav.locator("a[aria-current=page]")
            expect(marked).to_have_count(1)
            expect(marked).to_have_attribute("href", current)
            violations = axe_check(page)
            if violations:
                problems.append(format_violations(violations, f"{name} ({url})"))
        screenshot(page, name)
    assert problems == [], "\n".join(problems)


def test_staff_menu_fits_a_phone(new_page: Any, demo_catalogue: Mall, live_server: Any) -> None:
    """At 360 px the staff menu wraps instead of sticking out, and axe finds nothing."""
    manager = make_mall_wide(mall=demo_catalogue, role=StaffRole.MALL_MANAGER)
    page = new_page("phone")
    sign_in(page, manager, live_server.url)
    problems: list[str] = []
    for name, url, current in staff_pages(demo_catalogue):
        if current is None:
            continue
        page.goto(url)
        # The staff menu itself never sticks out (the pages' own tables are their owners' job).
        sticking_out = [c for c in horizontal_overflow(page)["culprits"] if "staff-nav" in c]
        if sticking_out:
            problems.append(f"{name}: the staff menu sticks out {sticking_out}")
        violations = axe_check(page)
        if violations:
            problems.append(format_violations(violations, f"{name} ({url}, 360 px)"))
    assert problems == [], "\n".join(problems)
