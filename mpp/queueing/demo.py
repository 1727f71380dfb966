"""Demo data of the queue: counters for the mall's agencies, queue settings for their services,
and one demo officer signed in at every counter.

Called by the `load_demo` command after the catalogue is loaded: `load_queue_demo(mall)`.
Idempotent: running it again changes nothing that exists.

Demo accounts (for the README): usernames ``loket1`` … ``loketN`` (one per counter, N is
printed), password ``DEMO_PASSWORD``; they sign in at /admin/login/ and work at
/antrian/loket/.
"""

from __future__ import annotations

import logging

from django.db import transaction

from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.catalog.enums import Channel
from mpp.catalog.models import Agency
from mpp.core.models import Mall
from mpp.queueing.models import Counter, QueueService

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "antrian-demo-2026"  # noqa: S105 - documented demo password
# Letters that cannot be mistaken for digits when called out or read from paper.
PREFIXES = "ABCDEFGHJKLMNPRSTUVWXYZ"
# Agencies with this many services or more get two counters (Dukcapil, Samsat …).
BUSY_AGENCY_SERVICES = 5
# The demo's counters are open every day, all day, so the demo works whenever someone tries
# it; a real mall leaves `opening_hours` empty (the agency's or mall's hours apply).
DEMO_HOURS = [{"days": [0, 1, 2, 3, 4, 5, 6], "opens": "00:00", "closes": "24:00"}]
# Lunch / Friday-prayer breaks of the demo counters.
DEMO_BREAKS = [
    {"days": [0, 1, 2, 3], "start": "12:00", "end": "12:30"},
    {"days": [4], "start": "11:30", "end": "13:00"},
]


@transaction.atomic
def load_queue_demo(mall: Mall) -> dict[str, int]:
    """Create counters, queue settings and signed-in demo officers for every active agency
    of `mall` that has counter services. Returns counts of what exists afterwards."""
    agencies = list(Agency.objects.filter(mall=mall, is_active=True).order_by("position", "name"))
    next_number = (
        Counter.objects.filter(mall=mall)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    prefix_index = 0
    officers = 0
    for agency in agencies:
        services = list(
            agency.services.filter(is_active=True)
            .exclude(channel=Channel.ONLINE)
            .order_by("position")
        )
        if not services:
            continue
        existing = (
            QueueService.objects.filter(service__agency=agency)
            .values_list("prefix", flat=True)
            .first()
        )
        prefix = existing or PREFIXES[prefix_index % len(PREFIXES)]
        prefix_index += 1
        bookable = len(services) >= 3
        for service in services:
            QueueService.objects.get_or_create(
                service=service,
                defaults={
                    "prefix": prefix,
                    "walk_in_enabled": True,
                    "booking_enabled": bookable,
                    "slot_capacity": 4 if bookable else None,
                    "default_handling_minutes": 8 if bookable else 10,
                },
            )
        counters = list(Counter.objects.filter(mall=mall, agency=agency).order_by("number"))
        wanted = 2 if len(services) >= BUSY_AGENCY_SERVICES else 1
        while len(counters) < wanted:
            counter = Counter.objects.create(
                mall=mall,
                agency=agency,
                number=next_number,
                booth=agency.booth,
                opening_hours=DEMO_HOURS,
                breaks=DEMO_BREAKS,
            )
            counter.services.set(services)
            counters.append(counter)
            next_number += 1
        for counter in counters:
            if counter.officer_id is None:
                counter.officer = _demo_officer(mall, agency, counter)
                counter.save(update_fields=["officer"])
            officers += 1
    try:
        from mpp.queueing import voice

        voice.render_all()
    except Exception:  # the voice renders on first use anyway
        logger.warning("Could not pre-render the voice segments", exc_info=True)
    return {
        "counters": Counter.objects.filter(mall=mall).count(),
        "officers": officers,
        "services": QueueService.objects.filter(service__mall=mall).count(),
    }


def _demo_officer(mall: Mall, agency: Agency, counter: Counter) -> User:
    username = f"loket{counter.number}"
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": "Petugas",
            "last_name": f"Loket {counter.number}",
            "is_staff": True,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    StaffMembership.objects.get_or_create(
        user=user, mall=mall, agency=agency, role=StaffRole.COUNTER_OFFICER
    )
    # The officer may already sit at another counter (a re-run after renumbering): free it.
    Counter.objects.filter(officer=user).exclude(pk=counter.pk).update(officer=None)
    return user
