"""Schemathesis over every operation of /api/v1/ with every check (issue 13: "a contract that
is true"), three times: anonymously, with a staff member's token and with a citizen's token.

Every generated request, valid or hostile (Schemathesis' positive and negative modes), must be
answered with a documented status code, content type, headers and body, never a server error;
valid data must not be refused for its shape and invalid data must not be accepted. The CLI
form of the same run is in docs/testing.md ("The API contract").

The requests go through the WSGI application in-process. A small mall is seeded with
something for every operation to find (counters with an officer signed in, a bookable
service, tickets and a booking, an online service with an application, a complaint, a room
and a booth tenant), so lookups by code or slug also hit real rows. It is seeded once for the
module, in a transaction rolled back after the last test; every test runs in a savepoint of
its own (pytest-django's `db`), rolled back after it, so each of the 147 tests starts from the
same freshly seeded rows, as if it had seeded them itself. The codes are fixed
strings given to Schemathesis as a dictionary for the path parameters: it cannot guess a
random code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test.utils import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership
from mpp.accounts.tokens import issue_api_token
from mpp.applications import domain as applications
from mpp.applications.models import Application
from mpp.feedback.domain import complaints
from mpp.feedback.models import Complaint
from mpp.queueing import domain as queue
from mpp.queueing.enums import TicketChannel
from mpp.queueing.models import Ticket
from mpp.wsgi import application
from tests.applications.factories import CitizenFactory, online_service
from tests.conftest import suite_settings
from tests.factories import AgencyFactory, ProcedureStepFactory, RequirementFactory, ServiceFactory
from tests.queueing.factories import ALL_DAY, CounterFactory, QueueServiceFactory, officer_for

#: The seeded rows' codes and ids (fixed, see `seed_mall`): the fuzzer uses them for half of the
#: path parameters of those names, so operations on a ticket, a complaint or an application
#: also run on a real one (a random code only ever finds nothing).
TICKET_CODES = ["TIKETAA2", "TIKETAA3", "TIKETAA4"]
COMPLAINT_CODE = "ADUANAA2"
APPLICATION_ID = "5a4f2c3e-8d1b-4e6a-9c7f-2b3d4e5f6a7b"
KNOWN = f"""
[dictionaries.codes]
values = {[*TICKET_CODES, COMPLAINT_CODE]!r}
[dictionaries.applications]
values = ["{APPLICATION_ID}"]
[dictionaries.slugs]
values = ["ktp-el", "dukcapil", "ngawi", "akta-kelahiran"]
[dictionaries.counters]
values = [1]
[parameters]
"path.code" = {{ dictionary = "codes", probability = 0.5 }}
"path.public_id" = {{ dictionary = "applications", probability = 0.5 }}
"path.slug" = {{ dictionary = "slugs", probability = 0.5 }}
"path.number" = {{ dictionary = "counters", probability = 0.5 }}
"""
CONFIG = schemathesis.Config.from_str(
    Path(__file__).with_name("schemathesis.toml").read_text() + KNOWN
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)

load_all_checks()
#: `--checks all`: every check this Schemathesis version registers.
ALL_CHECKS = list(CHECKS.get_all())

ROLES = ("anonymous", "staff", "citizen")


@pytest.fixture
def _in_process_requests():
    # Django's own test client does the same: a request's end must not close the test's
    # database connection (the seeded rows live in the test's transaction).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def seed_mall() -> dict[str, Any]:
    """A small mall with something for every operation to find; returns the tokens."""
    from tests.factories import MallFactory

    mall = MallFactory(slug="ngawi", opening_hours=list(ALL_DAY))
    agency = AgencyFactory(mall=mall, slug="dukcapil", short_name="Dukcapil")
    ktp = ServiceFactory(agency=agency, slug="ktp-el", name="Perekaman KTP-el")
    RequirementFactory(service=ktp)
    ProcedureStepFactory(service=ktp)
    QueueServiceFactory(service=ktp, prefix="A", slot_capacity=4, booking_enabled=True)
    counter = CounterFactory(mall=mall, agency=agency, services=[ktp])
    staff = officer_for(counter)
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    for role in (StaffRole.VERIFIER, StaffRole.HEAD_OF_UNIT):
        StaffMembership.objects.create(user=staff, mall=mall, agency=agency, role=role)
    StaffMembership.objects.create(user=staff, mall=mall, agency=None, role=StaffRole.MALL_MANAGER)

    for code in TICKET_CODES:
        ticket = queue.issue_ticket(service=ktp, channel=TicketChannel.API)
        Ticket.objects.filter(pk=ticket.pk).update(code=code)
    service = online_service(mall=mall, agency=agency)
    citizen = CitizenFactory()
    application = applications.create_application(service=service, applicant=citizen)
    Application.objects.filter(pk=application.pk).update(public_id=UUID(APPLICATION_ID))
    filed = complaints.file_complaint(
        mall=mall,
        subject="agency",
        title="Antrean KTP lama",
        description="Antrean KTP lama sekali, mohon diperbaiki.",
        agency=agency,
        reporter_name="Warga",
        reporter_phone="081234567890",
    )
    Complaint.objects.filter(pk=filed.complaint.pk).update(code=COMPLAINT_CODE)
    return {
        "anonymous": None,
        "staff": issue_api_token(user=staff, name="schemathesis"),
        "citizen": issue_api_token(user=citizen, name="schemathesis"),
    }


@pytest.fixture(scope="module")
def _seeded_mall(django_db_setup, django_db_blocker):
    """`seed_mall` once for the module (seeding took a second or more of each test), under the
    settings every test has; rolled back after the module's last test."""
    with django_db_blocker.unblock(), suite_settings():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield seed_mall()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def tokens(_seeded_mall, db, _in_process_requests):
    return _seeded_mall


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_its_contract(case, role, tokens):
    headers = {"Authorization": f"Bearer {tokens[role]}"} if tokens[role] else {}
    # The fuzzer must not leave a limit behind for the next example (fair use is tested in
    # tests/core and tests/accounts).
    from django.core.cache import cache

    cache.clear()
    with override_settings(MPP_QUEUE_BOOKING_REQUIRE_CODE=False):
        case.call_and_validate(headers=headers, checks=ALL_CHECKS)
