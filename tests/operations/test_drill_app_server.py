"""Fault drill: one of two app servers is killed (SIGKILL, no goodbye) in the middle of a burst.

Two app servers share the database, as behind a load balancer. Clients spread their writes
over both; every write carries its own Idempotency-Key. When server A dies, requests in flight
on it break; the clients send the same request with the same key to server B, as a load
balancer's client would. Afterwards each logical request has exactly one row: nothing lost,
nothing twice.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mpp.feedback.models import Complaint
from mpp.queueing.models import Ticket
from tests.queueing.conftest import build_hall
from tests.queueing.server import _database_env, free_port, request
from tests.queueing.server import test_server_env as server_env

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@contextlib.contextmanager
def server(extra_env: dict[str, str] | None = None) -> Iterator[tuple[subprocess.Popen, int]]:
    """One app server (its own process group) on a free port."""
    port = free_port()
    env = {
        **os.environ,
        **_database_env(),
        **server_env(),
        "DJANGO_SETTINGS_MODULE": "mpp.settings",
        "STATIC_PLAIN": "1",
        "LOG_LEVEL": "CRITICAL",
        "DB_POOL_MAX": "4",
        **(extra_env or {}),
    }
    env.pop("REDIS_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "mpp.serve", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if request(port, "GET", "/livez")[0] == 200:
                    break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the application server did not start")
            time.sleep(0.3)
        yield process, port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@dataclass
class Operation:
    kind: str
    path: str
    body: Callable[[int], dict]


@dataclass(eq=False)
class Client(threading.Thread):
    ports: list[int]
    operations: list[Operation]
    count: int
    done: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> key -> code
    statuses: Counter = field(default_factory=Counter)
    failures_by_port: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        threading.Thread.__init__(self, daemon=True)

    def run(self) -> None:
        for n in range(self.count):
            op = self.operations[n % len(self.operations)]
            key = str(uuid.uuid4())
            body = op.body(n)
            # Start on either server; after a failure, the same request goes to the other.
            order = itertools.cycle(self.ports if n % 2 == 0 else self.ports[::-1])
            for _attempt in range(20):
                port = next(order)
                try:
                    status, answer = request(
                        port, "POST", op.path, body, headers={"Idempotency-Key": key}
                    )
                except (OSError, http.client.HTTPException):
                    status, answer = -1, {}
                self.statuses[status] += 1
                if status in {200, 201}:
                    self.done.setdefault(op.kind, {})[key] = answer["code"]
                    break
                self.failures_by_port[port] += 1
                time.sleep(0.1)


def test_drill_kill_one_app_server_mid_burst_no_duplicate_or_lost_write():
    hall = build_hall(counters=1)
    services = [hall.ktp.slug, hall.kk.slug, hall.akta.slug]
    operations = [
        Operation("ticket", "/api/v1/queue/tickets", lambda n: {"service": services[n % 3]}),
        Operation(
            "complaint",
            "/api/v1/feedback/complaints",
            lambda n: {
                "subject": "service",
                "service": services[n % 3],
                "title": f"Antrean lambat {n}",
                "description": "Menunggu terlalu lama di loket tanpa kejelasan.",
                "anonymous": True,
            },
        ),
    ]
    per_client, clients_n = 24, 6
    with server() as (process_a, port_a), server() as (_process_b, port_b):
        clients = [Client([port_a, port_b], operations, per_client) for _ in range(clients_n)]
        for client in clients:
            client.start()
        deadline = time.monotonic() + 120
        while (
            sum(len(v) for c in clients for v in c.done.values()) < 30
            and time.monotonic() < deadline
        ):
            time.sleep(0.02)
        os.killpg(process_a.pid, signal.SIGKILL)  # mid-burst, no graceful shutdown
        killed_after = sum(len(v) for c in clients for v in c.done.values())
        for client in clients:
            client.join(timeout=300)
        survivor_ready = request(port_b, "GET", "/livez")

    done: dict[str, dict[str, str]] = {}
    for client in clients:
        for kind, keys in client.done.items():
            done.setdefault(kind, {}).update(keys)
    statuses = sum((c.statuses for c in clients), Counter())
    failures_a = sum(c.failures_by_port[port_a] for c in clients)

    logical = clients_n * per_client
    assert 30 <= killed_after < logical  # the kill landed in the middle of the burst
    assert failures_a >= 1  # requests did break on the killed server
    assert set(statuses) <= {200, 201, -1}, statuses
    assert sum(len(keys) for keys in done.values()) == logical
    assert sorted(Ticket.objects.values_list("code", flat=True)) == sorted(done["ticket"].values())
    assert sorted(Complaint.objects.values_list("code", flat=True)) == sorted(
        done["complaint"].values()
    )
    assert survivor_ready[0] == 200
