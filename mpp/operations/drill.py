"""Scratch places for the restore drill: a throwaway database next to the real one."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import connection

from mpp.operations.backup import OpenedBackup, Target, restore_backup


def _admin_connection() -> Any:
    import psycopg

    db = connection.settings_dict
    return psycopg.connect(
        dbname=db["NAME"],
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        autocommit=True,
    )


@contextlib.contextmanager
def scratch_target(opened: OpenedBackup, workdir: Path) -> Iterator[Target]:
    """Restore `opened` into a scratch database and directory; drop them afterwards."""
    media_root = workdir / "scratch-media"
    db = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        from psycopg import sql

        name = f"{db['NAME']}_restore_drill"[:63]
        db["NAME"] = name
        with _admin_connection() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            target = Target(database=db, media_root=media_root)
            restore_backup(opened, target, replace=True)
            yield target
        finally:
            with _admin_connection() as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
    else:
        db["NAME"] = str(workdir / "scratch.sqlite3")
        target = Target(database=db, media_root=media_root)
        restore_backup(opened, target, replace=True)
        yield target
