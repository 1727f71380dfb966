"""Shared fixtures. The same suite runs on SQLite (default) and PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from django.test.utils import override_settings

from tests.factories import MallFactory

PLAIN_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@contextlib.contextmanager
def suite_settings() -> Iterator[None]:
    """The settings the autouse fixtures below give every test, for a fixture of module or
    session scope that arranges data before those function-scoped fixtures apply."""
    with (
        override_settings(STORAGES=PLAIN_STORAGES),
        override_settings(MPP_DEMO_MODE=True),
        override_settings(MPP_NOTIFY_QUIET_HOURS=""),
        override_settings(MPP_FAIR_USE=_generous_limits()),
        override_settings(MPP_QUEUE_BOOKING_REQUIRE_CODE=False),
    ):
        yield


@pytest.fixture(autouse=True)
def _plain_static_files():
    # Tests must not depend on `collectstatic` having run: use the plain storage.
    with override_settings(STORAGES=PLAIN_STORAGES):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The cache outlives a test's database transaction; never let one test see another's.
    from django.core.cache import cache

    from mpp.core.tenancy import clear_mall_cache

    cache.clear()
    clear_mall_cache()
    yield
    cache.clear()
    clear_mall_cache()


@pytest.fixture
def mall(db):
    return MallFactory(slug="ngawi")


@pytest.fixture(autouse=True)
def _walk_ins_open_all_day():
    # The queue suite issues tickets at fixed instants of any weekday and at any hour the CI
    # runs; walk-ins are opened all day as in the demo (the mall's hours are tested in
    # tests/core/test_opening.py with the switch off).
    with override_settings(MPP_DEMO_MODE=True):
        yield


@pytest.fixture(autouse=True)
def _no_quiet_hours():
    # Quiet hours hold ordinary messages overnight; the suite must not depend on the hour it
    # runs at. Tests of quiet hours set MPP_NOTIFY_QUIET_HOURS themselves.
    with override_settings(MPP_NOTIFY_QUIET_HOURS=""):
        yield


def _generous_limits() -> dict:
    from mpp.core.fairuse import DEFAULT_LIMITS

    return {
        action: {budget: (1_000_000, window) for budget, (_count, window) in budgets.items()}
        for action, budgets in DEFAULT_LIMITS.items()
    }


@pytest.fixture(autouse=True)
def _generous_fair_use():
    # Fair-use limits (mpp/core/fairuse.py) would trip tests that post many times from one
    # address; the tests of the limits themselves override MPP_FAIR_USE again (tests/core).
    with override_settings(MPP_FAIR_USE=_generous_limits()):
        yield


@pytest.fixture(autouse=True)
def _no_booking_code():
    # A booking needs a code sent to the phone (mpp/queueing/booking_codes.py); tests of the
    # booking rules book directly. tests/queueing/test_booking_codes.py turns it back on.
    with override_settings(MPP_QUEUE_BOOKING_REQUIRE_CODE=False):
        yield
