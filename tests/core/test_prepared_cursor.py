"""`mpp.core.db.prepared_cursor` (docs/adr/0024): on PostgreSQL the hot statements are prepared
once per connection (server-side binding), with `DB_PREPARE=false` they are not; elsewhere it
is Django's usual cursor. Either way the statement is in Django's query log."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from mpp.core.db import prepared_cursor

MARK = "SELECT %s + 41 AS prepared_cursor_check"


def _prepared_here() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%prepared_cursor_check%"],
        )
        return int(cursor.fetchone()[0])


@pytest.mark.django_db
def test_hot_statement_is_prepared_on_postgresql_and_logged():
    with CaptureQueriesContext(connection) as captured, prepared_cursor() as cursor:
        cursor.execute(MARK, [1])
        assert cursor.fetchone()[0] == 42
    assert [q["sql"] for q in captured.captured_queries] == [
        "SELECT 1 + 41 AS prepared_cursor_check"
    ]
    if connection.vendor == "postgresql":
        assert _prepared_here() == 1
        with prepared_cursor() as cursor:  # the second run uses the same prepared statement
            cursor.execute(MARK, [2])
            assert cursor.fetchone()[0] == 43
        assert _prepared_here() == 1


@pytest.mark.django_db
def test_db_prepare_false_uses_djangos_own_cursor():
    if connection.vendor != "postgresql":
        pytest.skip("preparing is PostgreSQL's")
    with override_settings(MPP_DB_PREPARE=False), prepared_cursor() as cursor:
        cursor.execute(MARK.replace("check", "check_off"), [1])
        assert cursor.fetchone()[0] == 42
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%prepared_cursor_check_off%"],
        )
        assert cursor.fetchone()[0] == 0
