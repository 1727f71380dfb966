"""One current item per navigation: on every public and staff page, each navigation landmark
(the public menu, the staff menu, breadcrumbs, tabs) marks at most one link
aria-current="page", and the two menus of the header together mark at most one, so a page
never shows a double highlight (issue 9: /antrian/loket/ and /ruang/staf/ marked "Antrean" or
"Ruang kerja" in the public menu as well as their entry in the staff menu)."""

from __future__ import annotations

from typing import Any

import pytest

from mpp.accounts.enums import StaffRole
from mpp.core.models import Mall
from tests.applications.factories import make_mall_wide
from tests.e2e.helpers import sign_in
from tests.e2e.test_accessibility_all import public_pages
from tests.e2e.test_staff_screens import staff_pages

pytestmark = pytest.mark.e2e

# For each navigation landmark: its accessible name and the links it marks as the current page.
_MARKED = """() => Array.from(document.querySelectorAll("nav, [role=navigation]")).map((nav) => ({
    name: nav.getAttribute("aria-label") || nav.id || nav.className,
    header: nav.closest("header") !== null,
    marked: Array.from(nav.querySelectorAll('[aria-current="page"]'))
        .map((a) => a.getAttribute("href") || a.textContent.trim()),
}))"""


def _problems(page: Any, where: str) -> list[str]:
    navs = page.evaluate(_MARKED)
    problems = [
        f"{where}: {nav['name']!r} marks {nav['marked']}" for nav in navs if len(nav["marked"]) > 1
    ]
    in_header = [href for nav in navs if nav["header"] for href in nav["marked"]]
    if len(in_header) > 1:
        problems.append(f"{where}: the header's menus together mark {in_header}")
    return problems


def test_every_page_marks_at_most_one_current_item_per_navigation(
    new_page: Any, demo_catalogue: Mall, live_server: Any
) -> None:
    manager = make_mall_wide(mall=demo_catalogue, role=StaffRole.MALL_MANAGER)
    staff = staff_pages(demo_catalogue)
    public = {**public_pages(demo_catalogue), "sign in": "/akun/masuk/"}
    problems: list[str] = []

    visitor = new_page("desktop")
    for name, url in public.items():
        visitor.goto(url)
        problems += _problems(visitor, f"{name} ({url}, visitor)")

    officer = new_page("desktop")
    sign_in(officer, manager, live_server.url)
    for name, url in {**public, "profile": "/akun/profil/"}.items():
        officer.goto(url)
        problems += _problems(officer, f"{name} ({url}, staff)")
    for name, url, current in staff:
        response = officer.goto(url)
        assert response is not None and response.status == 200, f"{name} {url}"
        problems += _problems(officer, f"{name} ({url})")
        if current is not None:
            # The staff menu marks the page; the public menu then marks nothing.
            main_marked = officer.locator("#site-nav [aria-current=page]")
            staff_marked = officer.locator(".staff-nav [aria-current=page]")
            if main_marked.count() or staff_marked.count() != 1:
                problems.append(
                    f"{name} ({url}): public menu marks {main_marked.count()}, "
                    f"staff menu {staff_marked.count()} (want 0 and 1)"
                )
    assert problems == [], "\n".join(problems)


def test_the_console_uses_the_shared_staff_menu(
    new_page: Any, demo_catalogue: Mall, live_server: Any
) -> None:
    """The officer console shows the public menu and the one staff menu, not a menu of its own;
    the board and the kiosk are links in the page."""
    manager = make_mall_wide(mall=demo_catalogue, role=StaffRole.MALL_MANAGER)
    page = new_page("desktop")
    sign_in(page, manager, live_server.url)
    pages = staff_pages(demo_catalogue)
    console_url = next(url for name, url, _ in pages if name == "staff-console")
    page.goto(console_url)
    main_menu = page.get_by_role("navigation", name="Menu utama")
    assert main_menu.get_by_role("link").all_inner_texts()[:2] == ["Beranda", "Cari layanan"]
    assert main_menu.get_by_role("link", name="Papan antrean").count() == 0
    staff_menu = page.get_by_role("navigation", name="Menu petugas")
    assert staff_menu.locator("[aria-current=page]").get_attribute("href") == "/antrian/loket/"
    main = page.get_by_role("main")
    assert main.get_by_role("link", name="Papan antrean").get_attribute("href") == "/antrian/papan/"
