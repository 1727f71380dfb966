"""Index changes a migration can make on a live PostgreSQL database without stopping the hall.

A plain `CREATE INDEX` holds a lock that blocks every INSERT and UPDATE of the table until the
index is built: on the ticket table of a national installation (tens of millions of rows) that
is minutes without a ticket issued or a citizen called. `CREATE INDEX CONCURRENTLY` builds it
while writes go on, and `DROP INDEX CONCURRENTLY` waits for the queries using the index instead
of blocking new ones behind it. Both refuse to run inside a transaction: a migration using these
operations declares `atomic = False`.

On other databases (SQLite, the embedded default) they are Django's `AddIndex` / `RemoveIndex`.
The migration state is the same either way. If a concurrent build fails (a duplicate key of a
unique index, a cancelled statement), PostgreSQL leaves the index behind marked invalid: drop it
(`DROP INDEX CONCURRENTLY <name>;`) and migrate again (docs/operations.md, "Upgrading").
"""

from __future__ import annotations

from typing import Any

from django.db import NotSupportedError, migrations


def _concurrently(schema_editor: Any) -> bool:
    if schema_editor.connection.vendor != "postgresql":
        return False
    if schema_editor.connection.in_atomic_block:
        raise NotSupportedError(
            "A concurrent index change cannot run inside a transaction: set atomic = False on "
            "the migration."
        )
    return True


class _Concurrently:
    """The PostgreSQL path of both operations: build or drop the index concurrently, on the
    model as it is in the state that has the index; elsewhere Django's own operation."""

    adds: bool  # True: AddIndex (forwards builds); False: RemoveIndex (forwards drops)
    model_name: str
    model_name_lower: str

    def _index_name(self) -> str:
        raise NotImplementedError

    def _online(
        self, forwards: bool, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> bool:
        if not _concurrently(schema_editor):
            return False
        create = forwards == self.adds
        state = to_state if create else from_state
        model = state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):  # type: ignore[attr-defined]
            index = state.models[app_label, self.model_name_lower].get_index_by_name(
                self._index_name()
            )
            change = schema_editor.add_index if create else schema_editor.remove_index
            change(model, index, concurrently=True)
        return True

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if not self._online(True, app_label, schema_editor, from_state, to_state):
            super().database_forwards(app_label, schema_editor, from_state, to_state)  # type: ignore[misc]

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if not self._online(False, app_label, schema_editor, from_state, to_state):
            super().database_backwards(app_label, schema_editor, from_state, to_state)  # type: ignore[misc]

    def describe(self) -> str:
        return super().describe() + " (concurrently on PostgreSQL)"  # type: ignore[misc]


class AddIndexOnline(_Concurrently, migrations.AddIndex):
    """`AddIndex`, built with `CREATE INDEX CONCURRENTLY` on PostgreSQL."""

    adds = True

    def _index_name(self) -> str:
        return str(self.index.name)


class RemoveIndexOnline(_Concurrently, migrations.RemoveIndex):
    """`RemoveIndex`, dropped with `DROP INDEX CONCURRENTLY` on PostgreSQL (and, backwards,
    built again concurrently)."""

    adds = False

    def _index_name(self) -> str:
        return str(self.name)
