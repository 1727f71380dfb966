"""Fixtures of the feedback tests: a mall with two agencies, their services, and staff."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.core.calendar import load_national_calendar
from tests.factories import AgencyFactory, ServiceFactory

WIB = ZoneInfo("Asia/Jakarta")


def wib(*args: int) -> datetime:
    """A moment in Western Indonesian Time: wib(2026, 4, 29, 10) = 29 April 2026 10:00 WIB."""
    return datetime(*args, tzinfo=WIB)  # type: ignore[misc]


@pytest.fixture
def calendar_2026(db):
    load_national_calendar([2026])


@pytest.fixture
def dukcapil(mall):
    return AgencyFactory(
        mall=mall,
        slug="dispendukcapil",
        name="Dinas Kependudukan",
        short_name="Dukcapil",
        position=1,
    )


@pytest.fixture
def polres(mall):
    return AgencyFactory(
        mall=mall, slug="polres", name="Polres Ngawi", short_name="Polres", position=2
    )


@pytest.fixture
def ktp(dukcapil):
    return ServiceFactory(agency=dukcapil, slug="ktp-el", name="KTP Elektronik")


@pytest.fixture
def skck(polres):
    return ServiceFactory(agency=polres, slug="skck", name="SKCK")


def make_staff(username: str, mall, role: str, agency=None) -> User:
    user = User.objects.create_user(username=username, password="x-very-long-password-1")
    user.is_staff = True
    user.save()
    StaffMembership.objects.create(user=user, mall=mall, agency=agency, role=role)
    return user


@pytest.fixture
def manager(mall):
    return make_staff("manajer", mall, StaffRole.MALL_MANAGER)


@pytest.fixture
def auditor(mall):
    return make_staff("auditor", mall, StaffRole.AUDITOR)


@pytest.fixture
def officer_dukcapil(mall, dukcapil):
    return make_staff("petugas-dukcapil", mall, StaffRole.HEAD_OF_UNIT, dukcapil)


@pytest.fixture
def officer_polres(mall, polres):
    return make_staff("petugas-polres", mall, StaffRole.COUNTER_OFFICER, polres)
