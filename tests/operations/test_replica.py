"""The read replica: read-heavy public pages read it, everything else uses the primary, and a
broken replica falls back to the primary. Proven with real app servers whose replica is a
copy of the test database that differs in one service name."""

from __future__ import annotations

import http.client
import sqlite3
import time
from pathlib import Path

import pytest
from django.db import connection

from mpp.queueing.models import Ticket
from tests.queueing.conftest import build_hall
from tests.queueing.server import app_server, request

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def get_text(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def _database_url(name: str) -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def make_replica(tmp_path: Path) -> tuple[str, object]:
    """A copy of the test database where the KTP service has another name. Returns its URL
    and a function that drops it."""
    rename = "UPDATE catalog_service SET name = 'Nama dari replika' WHERE slug = 'ktp-el'"
    if connection.vendor == "sqlite":
        path = tmp_path / "replica.sqlite3"
        source = sqlite3.connect(connection.settings_dict["NAME"])
        target = sqlite3.connect(path)
        source.backup(target)
        target.execute(rename)
        target.commit()
        target.close()
        source.close()
        return f"sqlite:///{path}", lambda: None
    import psycopg

    source = connection.settings_dict["NAME"]
    name = f"{source}_replica"
    # CREATE DATABASE … TEMPLATE needs no other session on the source. Closing the Django
    # connection only hands it back to the psycopg pool (on by default): close the pool too.
    connection.close()
    close_pool = getattr(connection, "close_pool", None)
    if close_pool is not None:
        close_pool()
    with psycopg.connect(_database_url("postgres"), autocommit=True) as admin:
        # Sessions that earlier tests' threads left idle on the source would block the copy.
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [source],
        )
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        for attempt in range(20):
            try:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
                break
            except psycopg.errors.ObjectInUse:
                # A session of an app server that was just stopped may take a moment to end.
                if attempt == 19:
                    raise
                time.sleep(0.25)
    with psycopg.connect(_database_url(name), autocommit=True) as replica:
        replica.execute(rename)

    def drop() -> None:
        with psycopg.connect(_database_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return _database_url(name), drop


def test_public_reads_use_replica_writes_and_other_pages_use_primary(tmp_path):
    hall = build_hall(counters=1)
    replica_url, drop = make_replica(tmp_path)
    try:
        with app_server(workers=1, extra_env={"DATABASE_REPLICA_URL": replica_url}) as port:
            page = get_text(port, "/layanan/ktp-el/")
            api = request(port, "GET", "/api/v1/services/ktp-el")
            issued = request(port, "POST", "/api/v1/queue/tickets", {"service": "ktp-el"})
            kiosk = get_text(port, f"/antrian/kios/{hall.agency.slug}/")
    finally:
        drop()

    assert page[0] == 200 and "Nama dari replika" in page[1]
    assert (api[0], api[1]["name"]) == (200, "Nama dari replika")
    # The write went to the primary, and the kiosk (not a replica page) reads the primary.
    assert issued[0] == 201
    assert list(Ticket.objects.values_list("code", flat=True)) == [issued[1]["code"]]
    assert kiosk[0] == 200 and "Perekaman KTP-el" in kiosk[1]
    assert "Nama dari replika" not in kiosk[1]


def test_broken_replica_falls_back_to_primary(tmp_path):
    build_hall(counters=1)
    if connection.vendor == "sqlite":
        broken = f"sqlite:///{tmp_path / 'missing-dir' / 'replica.sqlite3'}"
    else:
        broken = "postgres://postgres@127.0.0.1:1/nowhere"

    with app_server(workers=1, extra_env={"DATABASE_REPLICA_URL": broken}) as port:
        first = get_text(port, "/layanan/ktp-el/")
        second = get_text(port, "/layanan/ktp-el/")

    assert [first[0], second[0]] == [200, 200]
    assert "Perekaman KTP-el" in first[1] and "Perekaman KTP-el" in second[1]
