"""Shared fixtures. The same suite runs on SQLite (default) and PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import pytest
from django.test.utils import override_settings

from tests.factories import MallFactory


@pytest.fixture(autouse=True)
def _plain_static_files():
    # Tests must not depend on `collectstatic` having run: use the plain storage.
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The cache outlives a test's database transaction; never let one test see another's.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
