"""A small, hand-countable day of tickets and applications in two agencies (Monday
2 November 2026, WIB), and helpers to make more."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mpp.accounts.models import User
from mpp.applications.enums import ApplicationState
from mpp.applications.models import Application
from mpp.queueing.enums import TicketChannel, TicketStatus
from mpp.queueing.models import Ticket
from tests.factories import AgencyFactory, ServiceFactory

WIB = ZoneInfo("Asia/Jakarta")
DAY = date(2026, 11, 2)  # a Monday
_numbers = itertools.count(1)


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)  # type: ignore[misc]


def make_ticket(service, issued, *, wait=None, service_minutes=None, day=None):
    """A ticket issued at `issued`, called `wait` seconds later and served for
    `service_minutes`·60 seconds (starting at the call)."""
    n = next(_numbers)
    called = issued + timedelta(seconds=wait) if wait is not None else None
    started = called if service_minutes is not None else None
    finished = started + timedelta(minutes=service_minutes) if started else None
    return Ticket.objects.create(
        mall=service.mall,
        code=f"T{n:06d}",
        day=day or issued.astimezone(WIB).date(),
        prefix="A",
        number=n,
        service=service,
        channel=TicketChannel.KIOSK,
        status=TicketStatus.DONE if finished else TicketStatus.WAITING,
        queued_at=issued,
        issued_at=issued,
        called_at=called,
        started_at=started,
        finished_at=finished,
    )


def make_application(service, *, submitted, decided=None, due=None):
    n = next(_numbers)
    user, _ = User.objects.get_or_create(username=f"warga-tp-{n}")
    return Application.objects.create(
        mall=service.mall,
        service=service,
        agency=service.agency,
        applicant=user,
        tracking_code=f"TP{n:06d}",
        state=ApplicationState.APPROVED if decided else ApplicationState.SUBMITTED,
        submitted_at=submitted,
        first_submitted_at=submitted,
        decided_at=decided,
        due_date=due,
    )


@pytest.fixture
def dukcapil(mall):
    return AgencyFactory(mall=mall, slug="dukcapil", name="Dinas Kependudukan", position=1)


@pytest.fixture
def dpmptsp(mall):
    return AgencyFactory(mall=mall, slug="dpmptsp", name="DPMPTSP", position=2)


@pytest.fixture
def ktp(dukcapil):
    return ServiceFactory(agency=dukcapil, slug="ktp", name="KTP-el", fee_amount=0)


@pytest.fixture
def izin(dpmptsp):
    return ServiceFactory(
        agency=dpmptsp, slug="izin", name="Izin Usaha", fee_kind="fixed", fee_amount=150000
    )


@pytest.fixture
def monday(ktp, izin):
    """Dukcapil: waits 5, 10, 30 and 2.5 minutes (one no-show after the call, one never
    called); services 10, 5 and 20 minutes. DPMPTSP: one visit, 1 minute wait, 10 served.
    Applications at Dukcapil: two submitted that day; three decided that day, two in time."""
    make_ticket(ktp, wib(2026, 11, 2, 8, 10), wait=300, service_minutes=10)
    make_ticket(ktp, wib(2026, 11, 2, 8, 40), wait=600, service_minutes=5)
    make_ticket(ktp, wib(2026, 11, 2, 9, 5), wait=1800, service_minutes=20)
    make_ticket(ktp, wib(2026, 11, 2, 10, 0), wait=150)
    make_ticket(ktp, wib(2026, 11, 2, 10, 20))
    make_ticket(izin, wib(2026, 11, 2, 8, 30), wait=60, service_minutes=10)
    make_application(
        ktp, submitted=wib(2026, 11, 2, 9), decided=wib(2026, 11, 2, 14), due=date(2026, 11, 5)
    )
    make_application(
        ktp, submitted=wib(2026, 10, 20, 9), decided=wib(2026, 11, 2, 11), due=date(2026, 10, 30)
    )
    make_application(
        ktp, submitted=wib(2026, 10, 28, 9), decided=wib(2026, 11, 2, 16), due=date(2026, 11, 2)
    )
    make_application(ktp, submitted=wib(2026, 11, 2, 23, 30))
    # Just after local midnight: belongs to 3 November, not to the Monday.
    make_application(ktp, submitted=wib(2026, 11, 3, 0, 30))
    return DAY
