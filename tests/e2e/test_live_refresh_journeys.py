"""The live refresh of the officer console and the citizen's phone page in a real browser
against the real server (`python -m mpp.serve`, the live stream on): a console refreshes when
a ticket of one of its services or its own counter changes, a phone page when its line or its
counters do, and both leave the database alone when another agency's ticket changes. Every
open console and phone page used to fetch on every nudge of the mall, so a hall of 49
counters read the console's queries 49 times for each ticket issued anywhere.

The test live server of the other journeys is WSGI, where the stream is refused on purpose;
this one starts the application server as production does, with one process (the in-process
broadcaster carries the nudges; across processes Redis does, tests/queueing/test_events.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from mpp.accounts.tokens import issue_api_token
from tests.e2e.conftest import DEVICES
from tests.e2e.helpers import page_errors, sign_in, watch_page_errors
from tests.queueing.conftest import build_hall
from tests.queueing.server import app_server, request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
QUIET_SECONDS = 1.5  # longer than a nudge takes to arrive and the console's 150 ms coalescing


@pytest.fixture(scope="module")
def static_root(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The static files collected as for a real server (DEBUG off serves only STATIC_ROOT)."""
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, "STATIC_ROOT": str(root), "STATIC_PLAIN": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return str(root)


def _open(browser: Any, base_url: str, path: str, fetches: str, officer: Any = None) -> Any:
    """A page at `path` (signed in as `officer` when given), with `page.fetched`: the URLs
    containing `fetches` it requested (its live refreshes)."""
    context = browser.new_context(base_url=base_url, locale="id-ID", **DEVICES["desktop"])
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch_page_errors(page)
    page.fetched = []
    page.on("request", lambda r: page.fetched.append(r.url) if fetches in r.url else None)
    if officer is not None:
        sign_in(page, officer, base_url)
    page.goto(path)
    return page


def _issue(port: int, service: str) -> dict[str, Any]:
    status, ticket = request(port, "POST", "/api/v1/queue/tickets", {"service": service})
    assert status == 201, ticket
    return ticket


def _settle(*pages: Any) -> list[int]:
    """Wait until no page has fetched for QUIET_SECONDS (the refresh at connect included);
    how many times each has fetched."""
    deadline = time.monotonic() + 10
    fetch_lists = [p.fetched for p in pages]
    sizes = [len(f) for f in fetch_lists]
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        pages[0].wait_for_timeout(100)  # Playwright delivers the pages' events while it waits
        now = [len(f) for f in fetch_lists]
        if now != sizes:
            sizes, quiet_since = now, time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_SECONDS:
            return sizes
    raise AssertionError("the pages kept fetching")


def test_consoles_and_phones_refresh_only_for_what_they_show(
    browser: Any, static_root: str
) -> None:
    hall = build_hall(counters=2)
    id_counter, birth_counter = hall.counters
    id_counter.services.set([hall.ktp, hall.kk])  # identity cards and family cards
    birth_counter.services.set([hall.akta])  # birth certificates (each officer signed in)

    with app_server(workers=1, extra_env={"STATIC_ROOT": static_root}) as port:
        base_url = f"http://127.0.0.1:{port}"
        ids, births = (
            _open(browser, base_url, f"/antrian/loket/{c.number}/", "/daftar/", officer)
            for c, officer in zip(hall.counters, hall.officers, strict=True)
        )
        before = _settle(ids, births)

        # A birth certificate ticket at the kiosk: only the birth counter's console refreshes.
        first = _issue(port, "akta")
        expect(births.locator("[data-part='list']")).to_contain_text(first["number"])
        after = _settle(ids, births)
        assert after[1] > before[1]
        assert after[0] == before[0], "another agency's ticket refreshed this console"

        # An identity card ticket: the other way round.
        ticket = _issue(port, "kk")
        expect(ids.locator("[data-part='list']")).to_contain_text(ticket["number"])
        before, after = after, _settle(ids, births)
        assert after[1] == before[1]

        # A citizen waiting for a birth certificate follows the line on the phone page.
        second = _issue(port, "akta")
        phone = _open(browser, base_url, f"/antrian/tiket/{second['code']}/", "/status.json")
        expect(phone.locator("[data-field='ahead']")).to_have_text("1")
        # on the live stream, not the polling fallback (the consoles share live.js and stream)
        expect(phone.locator("[data-field='live']")).to_have_text("Diperbarui otomatis.")
        before = _settle(ids, births, phone)
        ticket = _issue(port, "kk")  # another line: the phone and the birth console stay still
        expect(ids.locator("[data-part='list']")).to_contain_text(ticket["number"])
        after = _settle(ids, births, phone)
        assert (after[1], after[2]) == (before[1], before[2])

        # Mid-day an administrator gives the birth counter family cards too (the admin's save
        # nudges the counter: tests/queueing/test_events.py). The console takes its services
        # from its next refresh, here the call below, and follows family-card tickets from
        # then on without a reload.
        birth_counter.services.add(hall.kk)

        # The birth counter's officer calls from another device (the API): their console,
        # whose own counter changed, shows the citizen at the counter, and the phone behind
        # them moves up.
        token = issue_api_token(user=hall.officers[1])
        status, called = request(
            port,
            "POST",
            f"/api/v1/queue/counters/{birth_counter.number}/call-next",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert status == 200 and called["ticket"]["number"] == first["number"], called
        expect(births.locator("[data-part='current']")).to_contain_text(first["number"])
        expect(phone.locator("[data-field='ahead']")).to_have_text("0")
        expect(phone.locator("[data-field='serving-list']")).to_contain_text(first["number"])
        ticket = _issue(port, "kk")
        expect(births.locator("[data-part='list']")).to_contain_text(ticket["number"])

        for page in (ids, births, phone):
            assert page_errors(page) == []
            page.context.close()
