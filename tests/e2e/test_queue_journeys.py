"""The queue's whole day in a real browser: an online booking and a kiosk ticket are issued, an
officer calls them from the console with the keyboard, the display board shows and announces
each call (chime + Indonesian segments, one after the other), the citizen's phone page follows
along, and the tickets are finished. Screenshots of kiosk, console, board and phone page at
360 px and 1280 px go to docs/screenshots/.

The test live server is WSGI, where the live stream is refused (503) on purpose: the board and
the phone page therefore run on their polling fallback here. The stream itself is covered by
tests/queueing/test_events.py against uvicorn.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from mpp.queueing.demo import load_queue_demo
from mpp.queueing.models import Counter, QueueService, Ticket
from tests.e2e.helpers import horizontal_overflow, page_errors, screenshot, sign_in
from tests.queueing.factories import ALL_DAY

pytestmark = pytest.mark.e2e


def press(page: Any, key: str) -> None:
    """Press a console shortcut and wait for the page it submits to load."""
    with page.expect_navigation():
        page.keyboard.press(key)


@pytest.fixture
def queue_day(demo_catalogue: Any) -> dict[str, Any]:
    mall = demo_catalogue
    # The journey books "today's next slot" at whatever hour the suite runs: open the mall all
    # day (slots follow the mall's hours; those are tested in tests/core/test_opening.py).
    mall.opening_hours = list(ALL_DAY)
    mall.save(update_fields=["opening_hours"])
    load_queue_demo(mall)
    queue = (
        QueueService.objects.filter(service__mall=mall, booking_enabled=True)
        .select_related("service__agency")
        .order_by("service__agency__position", "service__position")
        .first()
    )
    assert queue is not None, "the demo has a bookable service"
    counters = list(
        Counter.objects.filter(agency=queue.service.agency)
        .select_related("officer")
        .order_by("number")
    )
    return {
        "mall": mall,
        "service": queue.service,
        "agency": queue.service.agency,
        "counters": counters,
    }


def test_whole_queue_day(queue_day: dict[str, Any], new_page: Any, live_server: Any) -> None:
    service, agency = queue_day["service"], queue_day["agency"]
    counter = queue_day["counters"][0]

    # 1. A citizen books a time on a phone (today's next slot, so they can check in now).
    phone = new_page("phone")
    phone.goto("/antrian/pesan/")
    phone.fill("#id_q", service.name)  # the picker: the catalogue's search, then by agency
    phone.get_by_role("button", name=re.compile("^(Cari|Search)$")).click()
    phone.get_by_role("link", name=re.compile(re.escape(service.name))).first.click()
    screenshot(phone, "queue-booking")
    first_slot = phone.locator(".slot-list input[type=radio]").first
    if first_slot.count() == 0:
        pytest.skip("no bookable slot left today (the test runs in the last half hour of the day)")
    first_slot.check(force=True)
    phone.fill("#id_phone", "0812 3456 7890")
    phone.get_by_role("button", name=re.compile("Pesan waktu ini|Book this time")).click()
    booking_code = phone.get_by_test_id("booking-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{8}", booking_code)
    screenshot(phone, "queue-booking-done")

    # 2. A walk-in takes a number at the kiosk (touch screen, 1280 wide).
    kiosk = new_page("desktop")
    kiosk.goto("/antrian/")
    screenshot(kiosk, "queue-kiosk")
    kiosk.get_by_test_id("kiosk-all").click()
    kiosk.get_by_role("link", name=re.compile(re.escape(agency.name))).first.click()
    screenshot(kiosk, "queue-kiosk-services")
    kiosk.get_by_role("button", name=re.compile(re.escape(service.name))).first.click()
    walk_in_number = kiosk.locator("#ticket-number").inner_text().strip()
    assert re.fullmatch(r"[A-Z]{1,2}-\d{3}", walk_in_number)
    expect(kiosk.locator(".ticket-qr svg")).to_be_visible()
    screenshot(kiosk, "queue-ticket")
    walk_in = Ticket.objects.get(
        mall=queue_day["mall"], prefix=walk_in_number[:-4], number=int(walk_in_number[-3:])
    )

    # 3. The booker arrives and checks in at the kiosk with the code.
    kiosk.goto("/antrian/check-in/")
    kiosk.fill("#id_code", booking_code.lower())
    kiosk.get_by_role("button", name=re.compile("Check in|Check-in|Lapor hadir", re.I)).click()
    booked_number = kiosk.locator("#ticket-number").inner_text().strip()
    assert booked_number != walk_in_number

    # 4. The walk-in follows the ticket on a phone (the QR's short link).
    phone.goto(f"/t/{walk_in.code}")
    expect(phone.locator("#ticket-number")).to_have_text(walk_in_number)
    screenshot(phone, "queue-phone")
    wide_phone = new_page("desktop")
    wide_phone.goto(f"/t/{walk_in.code}")
    screenshot(wide_phone, "queue-phone")

    # 5. The display board, with sound switched on (browsers need one click for audio).
    board = new_page("desktop")
    board.goto("/antrian/papan/?siapkan=1")  # staff set-up: the public screen has no button
    board.get_by_role("button", name=re.compile("Aktifkan suara|Turn sound on")).click()
    board.wait_for_function("() => window.MPPBoard !== undefined")

    # 6. The officer calls the next citizen with the keyboard.
    console = new_page("desktop")
    sign_in(console, counter.officer, live_server.url)
    console.goto(f"/antrian/loket/{counter.number}/")
    expect(console.locator(".console-current")).to_be_visible()
    press(console, "n")
    first_called = console.locator(".console-current__number").inner_text().strip()
    screenshot(console, "queue-console")
    assert first_called in {walk_in_number, booked_number}

    # The board shows the call (polling fallback on this server) and announces it.
    expect(board.locator("[data-now-number]")).to_have_text(first_called, timeout=15_000)
    board.wait_for_function(
        "() => window.MPPBoard.log.length >= 1 && window.MPPBoard.log[0].ended", timeout=20_000
    )
    entry = board.evaluate("() => window.MPPBoard.log[0]")
    assert entry["how"] == "recorded", entry
    assert entry["segments"][:2] == ["chime", "nomor-antrian"]
    assert entry["number"] == first_called and entry["counter"] == counter.number
    screenshot(board, "queue-board")

    # The phone page of the walk-in follows along.
    if first_called == walk_in_number:
        expect(phone.locator("[data-field=status]")).to_contain_text(
            str(counter.number), timeout=20_000
        )
        screenshot(phone, "queue-phone-called")

    # 7. Start and finish with the keyboard, then the next citizen, then finish again.
    press(console, "m")
    expect(console.locator(".console-current")).to_contain_text(
        re.compile("Sedang dilayani|Being served")
    )
    press(console, "s")
    press(console, "n")
    second_called = console.locator(".console-current__number").inner_text().strip()
    assert {first_called, second_called} == {walk_in_number, booked_number}
    press(console, "s")

    # Two announcements, one after the other: never overlapping.
    board.wait_for_function(
        "() => window.MPPBoard.log.length >= 2 && window.MPPBoard.log[1].ended", timeout=25_000
    )
    log = board.evaluate("() => window.MPPBoard.log")
    assert [e["number"] for e in log[:2]] == [first_called, second_called]
    assert log[1]["started"] >= log[0]["ended"]

    walk_in.refresh_from_db()
    assert walk_in.status == "done"
    assert list(walk_in.events.values_list("kind", flat=True)) == [
        "issued",
        "called",
        "started",
        "finished",
    ] or (list(walk_in.events.values_list("kind", flat=True)) == ["issued", "called", "finished"])
    expect(phone.locator("[data-field=status]")).to_contain_text(
        re.compile("Selesai|Finished"), timeout=20_000
    )

    # Small screens: the console and the board at 360 px, without sideways scrolling.
    small_console = new_page("phone")
    sign_in(small_console, counter.officer, live_server.url)
    small_console.goto(f"/antrian/loket/{counter.number}/")
    screenshot(small_console, "queue-console")
    small_board = new_page("phone")
    small_board.goto("/antrian/papan/")
    screenshot(small_board, "queue-board")
    small_kiosk = new_page("phone")
    small_kiosk.goto("/antrian/")
    screenshot(small_kiosk, "queue-kiosk")
    for page in (phone, small_console, small_kiosk):
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["viewport"] + 1, overflow
    for page in (phone, kiosk, board, console):
        # The WSGI test server refuses the live stream with 503 on purpose (see above).
        errors = [e for e in page_errors(page) if "503" not in e]
        assert errors == [], errors
