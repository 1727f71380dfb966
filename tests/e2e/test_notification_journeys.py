"""A citizen steps out of the queue and is called back by WhatsApp, in a real browser.

The citizen leaves a mobile number on the ticket's phone page; the mall manager watches the
outbox ("Kotak keluar") on a desktop; the officer calls the numbers ahead from the console
while the display board shows each call; when two people are left ahead of the citizen,
"Giliran Anda sebentar lagi" arrives in the outbox, sent by the log sender of the demo
(the delivery task runs in-process here). Screenshots of the phone page (360 px) and the
outbox (1280 px and 360 px).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.notifications.models import Notification
from mpp.queueing import domain
from mpp.queueing.demo import load_queue_demo
from mpp.queueing.models import Counter, QueueService
from tests.e2e.helpers import (
    axe_check,
    format_violations,
    horizontal_overflow,
    screenshot,
    sign_in,
)

pytestmark = pytest.mark.e2e

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "notifications"],
    }
}


def press(page: Any, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


@pytest.fixture
def hall(demo_catalogue: Any) -> dict[str, Any]:
    mall = demo_catalogue
    load_queue_demo(mall)
    queue = (
        QueueService.objects.filter(service__mall=mall, walk_in_enabled=True, slot_capacity=None)
        .select_related("service")
        .order_by("service__agency__position", "service__position")
        .first()
    )
    assert queue is not None, "the demo has a walk-in service"
    queue.notify_ahead = 2
    queue.save()
    counter = (
        Counter.objects.filter(services=queue.service, officer__isnull=False)
        .select_related("officer")
        .order_by("number")
        .first()
    )
    # Only this counter calls the service's line, so "ahead" is what it calls.
    Counter.objects.filter(services=queue.service).exclude(pk=counter.pk).update(is_active=False)
    manager = User.objects.create_user(username="pengelola-e2e", password="x", is_staff=True)
    StaffMembership.objects.create(user=manager, mall=mall, role=StaffRole.MALL_MANAGER)
    return {"service": queue.service, "counter": counter, "manager": manager}


def test_giliran_anda_sebentar_lagi_arrives_while_the_board_calls_the_numbers_ahead(
    hall: dict[str, Any], new_page: Any, live_server: Any
) -> None:
    service, counter = hall["service"], hall["counter"]
    with override_settings(TASKS=IMMEDIATE_TASKS):
        ahead = [domain.issue_ticket(service=service) for _ in range(4)]
        mine = domain.issue_ticket(service=service)

        # 1. On the phone, the citizen leaves a WhatsApp number on the ticket page.
        phone = new_page("phone")
        phone.goto(f"/t/{mine.code}")
        expect(phone.locator("#ticket-number")).to_have_text(mine.display_number)
        phone.get_by_label(re.compile("Nomor ponsel|Mobile number")).fill("0812 3456 7890")
        phone.get_by_label("WhatsApp").check()
        phone.get_by_role("button", name=re.compile("Kirimi saya pesan|Send me messages")).click()
        expect(phone.locator(".follow__done")).to_contain_text("+62 •••• •••• 7890")
        screenshot(phone, "notifications-ticket-follow")
        violations = axe_check(phone)
        assert violations == [], format_violations(violations, "ticket page")

        # 2. The mall manager watches the outbox; "your number" is already there.
        outbox = new_page("desktop")
        sign_in(outbox, hall["manager"], live_server.url)
        outbox.goto("/staf/kotak-keluar/")
        expect(outbox.get_by_role("heading", name="Kotak keluar")).to_be_visible()
        expect(outbox.locator(".outbox-item").first).to_contain_text(
            f"nomor antrean Anda {mine.display_number}"
        )
        expect(outbox.locator(".outbox-item").first).to_contain_text("+62 •••• •••• 7890")
        assert "Giliran Anda sebentar lagi" not in outbox.locator("#outbox").inner_text()

        # 3. The board, and the officer calling (and finishing) the numbers ahead.
        board = new_page("desktop")
        board.goto("/antrian/papan/")
        console = new_page("desktop")
        sign_in(console, counter.officer, live_server.url)
        console.goto(f"/antrian/loket/{counter.number}/")
        for position, ticket in enumerate(ahead[:2]):
            press(console, "n")
            expect(console.locator(".console-current__number")).to_have_text(ticket.display_number)
            expect(board.locator("[data-now-number]")).to_have_text(
                ticket.display_number, timeout=15_000
            )
            if position == 0:
                # Three still ahead: nothing yet.
                assert not Notification.objects.filter(kind="ticket_near").exists()
            press(console, "s")

        # 4. Two people are left ahead: the message arrives in the outbox by itself (the page
        # refreshes its list), sent on WhatsApp to the masked number.
        near = outbox.locator(".outbox-item[data-kind=ticket_near]")
        expect(near).to_have_count(1, timeout=15_000)
        expect(near).to_contain_text(
            f"Giliran Anda sebentar lagi: nomor {mine.display_number} untuk"
        )
        expect(near).to_contain_text("Orang di depan Anda: 2.")
        expect(near).to_contain_text("WhatsApp")
        expect(near).to_contain_text("Terkirim")
        screenshot(outbox, "notifications-outbox")
        violations = axe_check(outbox)
        assert violations == [], format_violations(violations, "outbox")

        # 5. The next calls bring no second "near"; the citizen's own call says where to go.
        for _ticket in ahead[2:]:
            press(console, "n")
            press(console, "s")
        press(console, "n")
        called = outbox.locator(".outbox-item[data-kind=ticket_called]")
        expect(called).to_contain_text(
            f"Nomor {mine.display_number} dipanggil ke loket {counter.number}", timeout=15_000
        )
        expect(near).to_have_count(1)

        small = new_page("phone")
        sign_in(small, hall["manager"], live_server.url)
        small.goto("/staf/kotak-keluar/")
        screenshot(small, "notifications-outbox")
        overflow = horizontal_overflow(small)
        assert overflow["scrollWidth"] <= overflow["viewport"] + 1, overflow
