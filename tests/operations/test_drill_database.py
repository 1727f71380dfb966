"""Fault drill: PostgreSQL restarts (crashes) in the middle of a burst of kiosk tickets.

A throwaway cluster (never the machine's shared one) serves two app processes. Kiosk clients
keep issuing tickets, each with its own Idempotency-Key, retrying the same key until they get
an answer. The cluster is killed (`pg_ctl stop -m immediate`: no checkpoint, as in a crash)
and started again. While it is down the app must answer 503 with a clear message, pages and
API alike, never 500; afterwards it must serve again without a restart, and the database must
hold exactly one ticket per key that was answered — nothing committed lost, nothing twice.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest

from tests.operations.services import postgres_available, throwaway_postgres
from tests.queueing.server import app_server, request

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def get_text(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept": "text/html"})
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def prepare(database_url: str) -> dict:
    completed = subprocess.run(
        [sys.executable, "-m", "tests.operations.drill_setup"],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "mpp.settings",
            "LOG_LEVEL": "WARNING",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


class Kiosk(threading.Thread):
    """Issues `wanted` tickets; each logical request keeps its key until it is answered."""

    def __init__(self, port: int, services: list[str], wanted: int) -> None:
        super().__init__(daemon=True)
        self.port, self.services, self.wanted = port, services, wanted
        self.issued: dict[str, str] = {}  # key -> ticket code
        self.statuses: Counter[int] = Counter()
        self.errors: list[dict] = []
        self.stop = threading.Event()

    def run(self) -> None:
        n = 0
        while len(self.issued) < self.wanted and not self.stop.is_set():
            key, service = str(uuid.uuid4()), self.services[n % len(self.services)]
            n += 1
            while not self.stop.is_set():
                try:
                    status, body = request(
                        self.port,
                        "POST",
                        "/api/v1/queue/tickets",
                        {"service": service},
                        headers={"Idempotency-Key": key},
                    )
                except OSError:
                    status, body = -1, {}
                self.statuses[status] += 1
                if status == 201:
                    self.issued[key] = body["code"]
                    break
                if status != 503:
                    self.errors.append({"status": status, "body": body})
                time.sleep(0.2)


def test_drill_postgres_crash_answers_503_and_recovers_without_losing_commits():
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    with throwaway_postgres() as cluster:
        database_url = cluster.create_database("mpp_drill")
        hall = prepare(database_url)
        env = {"DATABASE_URL": database_url, "DB_POOL_MAX": "4", "REDIS_URL": ""}
        with app_server(workers=2, extra_env=env) as port:
            kiosks = [Kiosk(port, hall["services"], 30) for _ in range(3)]
            for kiosk in kiosks:
                kiosk.start()
            deadline = time.monotonic() + 120
            while sum(len(k.issued) for k in kiosks) < 30 and time.monotonic() < deadline:
                time.sleep(0.1)
            before_crash = {key: code for k in kiosks for key, code in k.issued.items()}

            cluster.stop("immediate")
            time.sleep(1.0)
            down_api = request(
                port, "POST", "/api/v1/queue/tickets", {"service": hall["services"][0]}
            )
            down_page = get_text(port, "/antrian/")
            down_ready = request(port, "GET", "/readyz")
            time.sleep(2.0)
            cluster.start()
            restarted = time.monotonic()
            while request(port, "GET", "/readyz")[0] != 200 and time.monotonic() < restarted + 60:
                time.sleep(0.2)
            recovery_seconds = time.monotonic() - restarted

            for kiosk in kiosks:
                kiosk.join(timeout=180)
            recovered_ready = request(port, "GET", "/readyz")

        issued = {key: code for k in kiosks for key, code in k.issued.items()}
        statuses = sum((k.statuses for k in kiosks), Counter())
        errors = [e for k in kiosks for e in k.errors]

        import psycopg

        with psycopg.connect(database_url) as conn:
            codes = [row[0] for row in conn.execute("SELECT code FROM queueing_ticket")]
            numbers = conn.execute(
                "SELECT prefix, day, count(*), max(number) FROM queueing_ticket "
                "GROUP BY prefix, day ORDER BY prefix"
            ).fetchall()

    assert errors == []
    assert set(statuses) <= {201, 503, -1}, statuses
    assert statuses[503] >= 1  # the clients did meet the outage
    assert len(issued) == 90
    # Every answered key has its ticket, no ticket exists twice, nothing else was created.
    assert sorted(codes) == sorted(issued.values())
    assert set(before_crash.values()) <= set(codes)
    # Numbers stay gapless per prefix and day (the rolled-back increments left no hole).
    assert all(count == top for _prefix, _day, count, top in numbers)
    assert down_api[0] == 503
    assert down_api[1]["detail"].startswith("Kami tidak dapat menjangkau basis data")
    assert down_page[0] == 503
    assert "<h1>Layanan sedang tidak tersedia sebentar</h1>" in down_page[1]
    assert (down_ready[0], down_ready[1]["status"]) == (503, "unavailable")
    assert (recovered_ready[0], recovered_ready[1]["checks"]["database"]["ok"]) == (200, True)
    assert recovery_seconds < 30
