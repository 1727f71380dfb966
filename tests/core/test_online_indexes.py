"""Index migrations of the hot tables run on a live database (mpp/core/online_indexes.py, issue
11): on PostgreSQL concurrently (writes go on while the index is built) and never leaving the
queue without its index; on SQLite as plain index changes. The queue's migrations are taken back
and forward again on the test database, and the statements they send are read. A later
migration that changes an index of the hall's busiest tables the blocking way fails here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import NotSupportedError, connection, migrations, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState

from mpp.core.online_indexes import AddIndexOnline, RemoveIndexOnline

BEFORE = ("queueing", "0006_lean_ticket_indexes")
QUEUE_INDEX_COLUMNS = ["mall_id", "day", "status", "service_id", "is_priority", "queued_at", "id"]


def _migrate(targets: list[tuple[str, str]]) -> list[str]:
    """Migrate to `targets`; the statements sent, in order."""
    sent: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        sent.append(str(sql))
        return execute(sql, params, many, context)

    executor = MigrationExecutor(connection)
    with connection.execute_wrapper(record):
        executor.migrate(targets)
    return sent


def _leaf() -> list[tuple[str, str]]:
    """Every app's latest migration: forward again to the whole schema, including any later
    migration of another app that taking the queue back also took back."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _index_columns(table: str, name: str) -> list[str] | None:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table).get(name)
    return None if found is None else list(found["columns"])


@pytest.fixture
def queue_migrations_undone() -> Iterator[None]:
    """The queue's schema as it was before 0007; whatever the test does, forward again after."""
    _migrate([BEFORE])
    try:
        yield
    finally:
        _migrate(_leaf())


@pytest.mark.django_db(transaction=True)
def test_the_queue_index_migration_keeps_an_index_at_every_step_and_ends_as_the_model_says(
    queue_migrations_undone: None,
) -> None:
    sent = _migrate(_leaf())

    assert _index_columns("queueing_ticket", "ticket_queue_idx") == QUEUE_INDEX_COLUMNS
    assert _index_columns("queueing_ticket", "ticket_queue_idx_new") is None
    assert _index_columns("queueing_waitingtally", "waiting_tally_service_day") == [
        "service_id",
        "day",
    ]
    ddl = [s for s in sent if "INDEX" in s.upper()]
    built = next(i for i, s in enumerate(ddl) if '"ticket_queue_idx_new"' in s and "CREATE" in s)
    dropped = next(i for i, s in enumerate(ddl) if "DROP INDEX" in s and '"ticket_queue_idx"' in s)
    # The new index exists before the old one goes: the claim always has an index to use.
    assert built < dropped
    if connection.vendor == "postgresql":
        assert "CREATE INDEX CONCURRENTLY" in ddl[built]
        assert "DROP INDEX CONCURRENTLY" in ddl[dropped]
        assert any(
            "CREATE INDEX CONCURRENTLY" in s and "waiting_tally_service_day" in s for s in ddl
        )
        assert not any(s.strip().upper() in {"BEGIN", "START TRANSACTION"} for s in sent)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_index WHERE NOT indisvalid AND indrelid IN "
                "('queueing_ticket'::regclass, 'queueing_waitingtally'::regclass)"
            )
            assert cursor.fetchone()[0] == 0
    else:
        assert "CONCURRENTLY" not in " ".join(ddl)


@pytest.mark.django_db(transaction=True)
def test_the_queue_index_migrations_go_back_as_well(queue_migrations_undone: None) -> None:
    _migrate(_leaf())
    _migrate([BEFORE])

    # 0006's index: the same name, without the id at the end.
    assert _index_columns("queueing_ticket", "ticket_queue_idx") == QUEUE_INDEX_COLUMNS[:-1]
    assert _index_columns("queueing_waitingtally", "waiting_tally_service_day") is None


@pytest.mark.django_db(transaction=True)
def test_a_concurrent_index_refuses_to_run_inside_a_transaction() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent index builds exist on PostgreSQL only")
    state = MigrationExecutor(connection).loader.project_state(_leaf())
    operation = AddIndexOnline(
        model_name="ticket", index=models.Index(fields=["code"], name="ticket_code_test_idx")
    )
    after: ProjectState = state.clone()
    operation.state_forwards("queueing", after)
    with (
        pytest.raises(NotSupportedError, match="atomic = False"),
        transaction.atomic(),
        connection.schema_editor(atomic=False) as editor,
    ):
        operation.database_forwards("queueing", editor, state, after)
    assert _index_columns("queueing_ticket", "ticket_code_test_idx") is None


# The tables a hall writes to all day. Their index changes must not take a lock that stops
# the writes for the length of a build (docs/operations.md, "Upgrading"). The migrations that
# did so before the rule — the tables' creation, and 0006 when they were small — stay as they
# are: a database that applied them keeps them.
HOT_MODELS = {("queueing", "ticket"), ("queueing", "ticketevent"), ("queueing", "waitingtally")}
BEFORE_THE_RULE = {("queueing", "0001_initial"), ("queueing", "0006_lean_ticket_indexes")}
BLOCKING = (
    migrations.AddIndex,
    migrations.RemoveIndex,
    migrations.AddConstraint,
    migrations.RemoveConstraint,
)


def test_index_changes_of_the_hot_tables_are_online() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    offending = []
    for key, migration in loader.disk_migrations.items():
        if key in BEFORE_THE_RULE:
            continue
        for operation in migration.operations:
            model = (key[0], getattr(operation, "model_name_lower", ""))
            if model in HOT_MODELS and isinstance(operation, BLOCKING):
                if isinstance(operation, AddIndexOnline | RemoveIndexOnline):
                    assert migration.atomic is False, f"{key}: set atomic = False"
                    continue
                offending.append(f"{key[0]}.{key[1]}: {operation.describe()}")
    assert not offending, (
        "use mpp.core.online_indexes (AddIndexOnline, RemoveIndexOnline) for these, or say why "
        f"not in BEFORE_THE_RULE: {offending}"
    )
