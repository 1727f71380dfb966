"""Phone-first pickers and home page (issue 9, point 4) at 360 px: the online applications
picker is searchable and grouped by agency; the home page shows the search box and the top
tasks above the fold, the MSME booths after the tasks. Screenshots go to docs/screenshots/
when MPP_SCREENSHOT_DIR=docs/screenshots."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from django.conf import settings
from django.db.models import Q
from django.test import Client
from playwright.sync_api import expect

from mpp.catalog.models import Service
from mpp.facilities.demo import load_facilities_demo
from tests.applications.factories import CitizenFactory
from tests.e2e.helpers import (
    axe_check,
    format_violations,
    horizontal_overflow,
    page_errors,
    screenshot,
)

pytestmark = pytest.mark.e2e

FOLD = 640  # of a 360×740 phone: what shows without scrolling, less the browser's own bars


def _sign_in_citizen(page: Any, base_url: str) -> None:
    client = Client()
    client.force_login(CitizenFactory())
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


def test_phone_user_finds_an_online_service_from_a_searchable_list(
    demo_catalogue: Any, new_page: Any, live_server: Any
) -> None:
    # As on the demo site: services of several agencies take online applications.
    online = Service.objects.filter(mall=demo_catalogue, is_active=True)
    online.filter(
        Q(agency__slug__in=["dispendukcapil", "dpmptsp", "polres-ngawi", "imigrasi-madiun"])
        | Q(accepts_online_applications=True)
    ).update(accepts_online_applications=True)
    page = new_page("phone")
    _sign_in_citizen(page, live_server.url)
    page.goto("/permohonan/#new")
    # Grouped by agency and folded: no flat list of every service.
    groups = page.locator("[data-testid=service-groups] details")
    assert groups.count() > 1
    assert page.locator(".picker-list a:visible").count() == 0
    total = page.locator(".picker-list a").count()
    page.fill("#id_q", "akta kelahiran")
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("status")).to_contain_text("akta kelahiran")
    links = page.locator(".picker-list a:visible")
    assert 0 < links.count() < total
    expect(links.first).to_contain_text(re.compile("Akta Kelahiran", re.I))
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["viewport"] + 1, overflow
    screenshot(page, "applications-picker")
    violations = axe_check(page)
    assert violations == [], format_violations(violations, "online applications picker")
    links.first.click()
    expect(page).to_have_url(re.compile(r"/permohonan/baru/[\w-]+/"))
    assert page_errors(page) == []


def test_home_shows_search_and_top_tasks_above_the_fold(demo_catalogue: Any, new_page: Any) -> None:
    load_facilities_demo(demo_catalogue)
    page = new_page("phone")
    page.goto("/")
    search = page.locator("main #id_q").bounding_box()
    assert search["y"] + search["height"] <= FOLD
    tasks = page.get_by_test_id("top-tasks")
    names = [
        "Ambil atau pesan nomor antrean",
        "Ajukan permohonan",
        "Lacak permohonan",
        "Sampaikan pengaduan",
    ]
    for name in names:
        box = tasks.get_by_role("link", name=name).bounding_box()
        assert box["y"] + box["height"] <= FOLD, (name, box)
        assert box["height"] >= 44, (name, box)
    tasks_bottom = tasks.bounding_box()["y"] + tasks.bounding_box()["height"]
    msme = page.locator(".fac-today")
    if msme.count():  # the rotation may leave today without a tenant
        assert msme.bounding_box()["y"] >= tasks_bottom
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["viewport"] + 1, overflow
    screenshot(page, "home")
    if os.environ.get("MPP_FOLD_SHOT"):  # what the phone shows before any scrolling
        page.screenshot(path=os.environ["MPP_FOLD_SHOT"])
    violations = axe_check(page)
    assert violations == [], format_violations(violations, "home")
    assert page_errors(page) == []
