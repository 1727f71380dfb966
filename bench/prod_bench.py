"""Benchmark of the production profile: `make prod-local` (deploy/prod-local.sh: the app server
with MPP_WORKERS processes, the task worker and the scheduler under honcho, DEBUG off,
PostgreSQL + Redis) on the Ngawi demo, driven over HTTP by load generators in their own
processes, side by side with the raw-SQL anchor and the app's own floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/2 \
    .venv/bin/python bench/prod_bench.py [--seconds 15] [--repeat 3] [--connections 16] \
        [--port 10080] [--db mpp_prod_bench] [--reuse] [--in-process 400]

DATABASE_URL names the PostgreSQL server (its database part is ignored): the benchmark drops
and recreates the database `--db` on it. REDIS_URL is used as given.

What it does (everything on 127.0.0.1, every phase bounded in time):
1. a fresh database: `migrate`, `load_demo` (the Ngawi demo with its history), then for the
   benchmark every service takes walk-ins all day without a seat limit, every counter is open
   and staffed by an officer with an API token (the hour the benchmark runs must not matter);
2. starts `bash deploy/prod-local.sh` (the `make prod-local` command) with its keys in
   var/bench-prod.env, the fair-use limits out of the way (bench/load_env.py) and waits for
   /healthz;
3. each repeat runs, one after the other, for `--seconds` each:
   - `/healthz`: wrk, `--connections` connections (the serving floor: the whole middleware
     stack and one query);
   - `issue_ticket`: wrk POSTing /api/v1/queue/tickets across all demo services;
   - `call_next`: a separate Python process, one officer per counter (`--connections`
     counters), each loop = call-next, then finish (the ticket called); latency of call-next;
   - `call_next` in one press: the same officers pressing call-next naming the ticket at the
     counter to finish first (`?finish=<code>`: one request per citizen, as a counter
     keypad's one button does); latency of the press;
     before each of these two, unmeasured, wrk issues tickets for the officers' counters only
     (an equal share per counter), so that no press finds nobody waiting;
   - the raw-SQL anchor: pgbench with `--connections` clients running the ticket transaction
     (next number of the day's sequence, insert ticket, insert its event) in plain SQL;
   while the RSS of every process of the topology is sampled twice a second;
4. prints one table (median of the repeats per row): ops/s, p50/p95/p99, errors, peak RSS per
   app process, and the ratios; checks the database (no duplicate ticket number, no ticket
   called twice).

The load generators share the machine's cores with the app, PostgreSQL and Redis.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

from load_env import TICKET_LUA, load_test_env

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
KEYS = ROOT / "var" / "bench-prod.env"
ACCESS_LOG = ROOT / "var" / "bench-access.log"


# wrk prints its summary for humans; this prints what the table needs as one JSON line
# (latencies in microseconds; `errors.status` counts answers >= 400).
DONE_LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "non2xx": %d, "socket_errors": %d, ' ..
    '"p50": %d, "p95": %d, "p99": %d, "max": %d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""

ANCHOR_SETUP = """
DROP TABLE IF EXISTS bench_event, bench_ticket, bench_seq;
CREATE TABLE bench_seq (prefix text, day date, n bigint NOT NULL DEFAULT 0,
                        PRIMARY KEY (prefix, day));
CREATE TABLE bench_ticket (id bigserial PRIMARY KEY, prefix text NOT NULL, day date NOT NULL,
                           number bigint NOT NULL, status text NOT NULL DEFAULT 'waiting',
                           issued_at timestamptz NOT NULL DEFAULT now(),
                           UNIQUE (prefix, day, number));
CREATE TABLE bench_event (id bigserial PRIMARY KEY,
                          ticket_id bigint NOT NULL REFERENCES bench_ticket(id),
                          kind text NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE INDEX ON bench_event (ticket_id);
INSERT INTO bench_seq (prefix, day) SELECT DISTINCT p, current_date FROM unnest(%s) p;
"""

# The ticket transaction of mpp/queueing/domain/tickets.py:issue_ticket in plain SQL: the next
# number of the day's sequence of the service's prefix, the ticket, its event. The prefixes are
# those of the demo services in the same proportions as the app's load (%s: an ARRAY[...]).
ANCHOR_SCRIPT = r"""
\set p random(1, %d)
BEGIN;
UPDATE bench_seq SET n = n + 1
  WHERE prefix = (%s)[:p] AND day = current_date
  RETURNING n \gset
INSERT INTO bench_ticket (prefix, day, number)
  VALUES ((%s)[:p], current_date, :n)
  RETURNING id \gset
INSERT INTO bench_event (ticket_id, kind) VALUES (:id, 'issued');
END;
"""

# Run inside the bench database (django.setup()): open every service all day without seat
# limits, staff every counter with a bench officer holding an API token; print what the load
# generators need.
PREPARE = r"""
import json
import django
django.setup()
from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.accounts.tokens import issue_api_token
from mpp.core.models import Mall
from mpp.core.tenancy import current_mall
from mpp.queueing.models import Counter, QueueService, Slot
from django.test import RequestFactory
mall = current_mall(RequestFactory().get("/", HTTP_HOST="127.0.0.1"))
all_day = [{"days": [0, 1, 2, 3, 4, 5, 6], "opens": "00:00", "closes": "23:59"}]
Mall.objects.update(opening_hours=all_day)
Counter.objects.update(opening_hours=[], breaks=[])
QueueService.objects.update(slot_capacity=None, walk_in_enabled=True)
Slot.objects.all().delete()
out = {"mall": mall.slug, "services": [], "prefixes": [], "counters": []}
for qs in QueueService.objects.filter(service__mall=mall, service__is_active=True).select_related(
        "service").order_by("service_id"):
    out["services"].append(qs.service.slug)
    out["prefixes"].append(qs.prefix)
for counter in Counter.objects.filter(mall=mall).select_related("agency").order_by("number"):
    user = User.objects.create(username=f"bench-counter-{counter.pk}", is_staff=True)
    StaffMembership.objects.create(
        user=user, mall=mall, agency=counter.agency, role=StaffRole.COUNTER_OFFICER)
    Counter.objects.filter(pk=counter.pk).update(officer=user, state="open")
    out["counters"].append({"number": counter.number, "token": issue_api_token(user=user)})
print("PREPARED " + json.dumps(out))
"""


# `--in-process N`: the same two operations through the whole Django stack in one process
# (Django's test client, the production settings, the benchmark database), without a server
# or a load generator: SQL statements per request (transaction control not counted) and the
# CPU and wall time per request. The machine's load moves these far less than the HTTP rows.
IN_PROCESS = r"""
import json, sys, time
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
seed, n = json.loads(sys.stdin.read()), int(sys.argv[1])
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")
client = Client(HTTP_HOST="127.0.0.1")
services, counters = seed["services"], seed["counters"][:16]

def issue(i):
    r = client.post("/api/v1/queue/tickets", {"service": services[i % len(services)]},
                    content_type="application/json")
    assert r.status_code == 201, r.content

def call(i):
    c = counters[i % len(counters)]
    auth = {"HTTP_AUTHORIZATION": "Bearer " + c["token"]}
    r = client.post(f"/api/v1/queue/counters/{c['number']}/call-next", **auth)
    assert r.status_code == 200, r.content
    if r.json()["ticket"]:
        code = r.json()["ticket"]["code"]
        r = client.post(f"/api/v1/queue/tickets/{code}/finish", **auth)
        assert r.status_code == 200, r.content

out = {}
for name, op, count in (("issue", issue, n), ("call", call, n // 2)):
    for i in range(20):
        op(i)  # warm: connections, the process caches, the day's sequence rows
    with CaptureQueriesContext(connection) as captured:
        wall, cpu = time.perf_counter(), time.process_time()
        for i in range(count):
            op(i)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    sql = [q for q in captured.captured_queries if not q["sql"].startswith(CONTROL)]
    out[name] = {"ops": count, "statements": len(sql) / count,
                 "cpu_ms": cpu / count * 1000, "wall_ms": wall / count * 1000}
print("INPROCESS " + json.dumps(out))
"""


def in_process(env: dict[str, str], seed: dict, n: int) -> dict:
    run_env = {**env, "DEBUG": "false", "TASKS_BACKEND": "database",
               "ALLOWED_HOSTS": "127.0.0.1,localhost"}  # fmt: skip
    done = subprocess.run(
        [PY, "-c", IN_PROCESS, str(n)], cwd=ROOT, env=run_env, input=json.dumps(seed),
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    line = next(x for x in done.stdout.splitlines() if x.startswith("INPROCESS "))
    return json.loads(line.removeprefix("INPROCESS "))


# --- database ------------------------------------------------------------------------------------


def database_url(server_url: str, name: str) -> str:
    return urlparse(server_url)._replace(path=f"/{name}").geturl()


def recreate_database(server_url: str, name: str, template: str = "") -> None:
    """Drop `name` and create it empty, or as a copy of the database `template`."""
    import psycopg

    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(database_url(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"{copy}')


def ensure_keys() -> dict[str, str]:
    """The keys of the benchmark's installation, made once (the format of
    deploy/prod-local.sh's var/prod-local.env, which prod-local.sh reads via MPP_KEYS_FILE)."""
    if not KEYS.exists():
        from cryptography.fernet import Fernet

        KEYS.parent.mkdir(exist_ok=True)
        lines = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "NIK_HMAC_KEY": secrets.token_urlsafe(48),
            "AUDIT_HMAC_KEY": secrets.token_urlsafe(48),
            "BACKUP_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "MPP_METRICS_TOKEN": secrets.token_urlsafe(24),
        }
        KEYS.write_text("".join(f"{k}={v}\n" for k, v in lines.items()))
        KEYS.chmod(0o600)
    keys = {}
    for line in KEYS.read_text().splitlines():
        name, _, value = line.partition("=")
        if name:
            keys[name] = value
    return keys


def base_env(db_url: str, redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MPP_", "DB_"))}
    env.update(ensure_keys())
    env.update(
        {
            "DATABASE_URL": db_url,
            "REDIS_URL": redis_url,
            "DJANGO_SETTINGS_MODULE": "mpp.settings",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",  # the preparation's; topology() restores the default
            **load_test_env(),
        }
    )
    return env


def prepare(env: dict[str, str]) -> dict:
    def manage(*args: str) -> None:
        subprocess.run(
            [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )

    manage("migrate", "--noinput", "-v", "0")
    manage("load_demo")
    out = subprocess.run(
        [PY, "-c", PREPARE], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("PREPARED "))
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        seed = json.loads(line.removeprefix("PREPARED "))
        conn.execute(ANCHOR_SETUP % sql_array(seed["prefixes"]))
    return seed


def sql_array(values: list[str]) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def data_size(db_url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(db_url) as conn:

        def one(sql: str) -> int:
            row = conn.execute(sql).fetchone()
            return int(row[0]) if row else 0

        return {
            "services": one("SELECT COUNT(*) FROM queueing_queueservice"),
            "counters": one("SELECT COUNT(*) FROM queueing_counter"),
            "tickets": one("SELECT COUNT(*) FROM queueing_ticket"),
            "events": one("SELECT COUNT(*) FROM queueing_ticketevent"),
            "database_mb": one("SELECT pg_database_size(current_database()) / 1048576"),
        }


def counter_services(
    db_url: str, mall: str, counters: list[dict], per_counter: int = 12
) -> list[str]:
    """Service slugs for a ticket load that gives every one of `counters` (of the mall with
    the slug `mall`) the same share of tickets: `per_counter` entries for each counter, taken
    in turn from its services."""
    import psycopg

    numbers = [c["number"] for c in counters]
    with psycopg.connect(db_url) as conn:
        rows = conn.execute(
            "SELECT c.number, s.slug FROM queueing_counter c "
            "JOIN queueing_counter_services cs ON cs.counter_id = c.id "
            "JOIN catalog_service s ON s.id = cs.service_id "
            "JOIN queueing_queueservice q ON q.service_id = s.id "
            "JOIN core_mall m ON m.id = c.mall_id "
            "WHERE m.slug = %s AND c.number = ANY(%s) AND s.is_active AND q.walk_in_enabled "
            "ORDER BY c.number, s.id",
            [mall, numbers],
        ).fetchall()
    by_counter: dict[int, list[str]] = {}
    for number, slug in rows:
        by_counter.setdefault(number, []).append(slug)
    return [slugs[i % len(slugs)] for slugs in by_counter.values() for i in range(per_counter)]


def reset_queue(db_url: str) -> None:
    """Before each repeat: today's hall is empty again (the tickets the previous repeat issued
    are removed with their events; the history of earlier days stays), the statistics are
    fresh. Without this each repeat would start behind thousands of tickets of its own making,
    which a real hall never has."""
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as conn:
        local_day = (
            "(now() AT TIME ZONE (SELECT COALESCE(NULLIF(timezone, ''), 'Asia/Jakarta') "
            "FROM core_mall ORDER BY id LIMIT 1))::date"
        )
        today = f"(SELECT id FROM queueing_ticket WHERE day >= {local_day})"  # noqa: S608
        time.sleep(1)  # requests still in flight when the load generator stopped
        with conn.transaction():
            conn.execute("LOCK TABLE queueing_ticket, queueing_ticketevent IN EXCLUSIVE MODE")
            conn.execute(f"UPDATE queueing_booking SET ticket_id = NULL WHERE ticket_id IN {today}")  # noqa: S608 - constant SQL
            conn.execute(f"DELETE FROM queueing_ticketcontact WHERE ticket_id IN {today}")  # noqa: S608
            conn.execute(f"DELETE FROM queueing_ticketevent WHERE ticket_id IN {today}")  # noqa: S608
            conn.execute(f"DELETE FROM queueing_ticket WHERE day >= {local_day}")  # noqa: S608
        conn.execute("TRUNCATE bench_event, bench_ticket")
        conn.execute("UPDATE bench_seq SET n = 0")
        conn.execute("VACUUM ANALYZE queueing_ticket, queueing_ticketevent, bench_seq")
        conn.execute("CHECKPOINT")


def check_database(db_url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(db_url) as conn:

        def one(sql: str) -> int:
            row = conn.execute(sql).fetchone()
            return int(row[0]) if row and row[0] is not None else 0

        return {
            "duplicate_numbers": one(
                "SELECT SUM(n - d) FROM (SELECT COUNT(*) n, COUNT(DISTINCT number) d "
                "FROM queueing_ticket GROUP BY mall_id, prefix, day) x"
            ),
            "called_twice": one(
                "SELECT COUNT(*) FROM (SELECT ticket_id FROM queueing_ticketevent "
                "WHERE kind = 'called' GROUP BY ticket_id HAVING COUNT(*) > 1) x"
            ),
        }


# --- the topology --------------------------------------------------------------------------------


TICK = os.sysconf("SC_CLK_TCK")


def proc_stats() -> dict[int, tuple[str, int, float]]:
    """pid -> (command name, parent pid, CPU seconds) of every process: one read of
    /proc/<pid>/stat each."""
    stats: dict[int, tuple[str, int, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            head, _, rest = Path(f"/proc/{entry.name}/stat").read_text().rpartition(")")
        except OSError:
            continue
        fields = rest.split()  # state ppid pgrp … utime(11) stime(12)
        cpu = (int(fields[11]) + int(fields[12])) / TICK
        stats[int(entry.name)] = (head.partition("(")[2], int(fields[1]), cpu)
    return stats


def descendants(stats: dict[int, tuple[str, int, float]], root: int) -> set[int]:
    """`root` and every process below it (by parent links: honcho gives each process type its
    own session)."""
    children: dict[int, list[int]] = {}
    for pid, (_comm, parent, _cpu) in stats.items():
        children.setdefault(parent, []).append(pid)
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid not in tree:
            tree.add(pid)
            todo.extend(children.get(pid, ()))
    return tree


# A process of the topology by what its command line holds, first match.
ROLES = (
    ("spawn_main", "web process"),  # uvicorn's worker processes
    ("mpp.serve", "web supervisor"),
    ("run_worker", "task worker"),
    ("run_scheduler", "scheduler"),
    ("honcho", "honcho"),
)


def process_role(pid: int) -> str | None:
    """The role of a process of the topology, from its command line (None: it has ended;
    "other": shells, multiprocessing's resource tracker)."""
    try:
        cmd = (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return None
    return next((role for marker, role in ROLES if marker in cmd), "other")


def topology_processes(root: int) -> dict[int, str]:
    """pid -> role of every process under the topology's runner."""
    found = {pid: process_role(pid) for pid in descendants(proc_stats(), root)}
    return {pid: role for pid, role in found.items() if role is not None}


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class RssSampler:
    """Peak RSS per role (the largest single process of the role) while the block runs."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid, role in topology_processes(self.root).items():
                self.peak[role] = max(self.peak.get(role, 0.0), rss_mb(pid))
            self._stop.wait(0.5)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def machine_cpu_seconds() -> tuple[float, float]:
    """(busy, steal) CPU seconds of the whole machine since boot, all cores (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq) / TICK, steal / TICK


# What CpuMeter reports per operation (see there).
CPU_KINDS = ("app", "pg", "topology", "redis", "load", "machine", "steal")


class CpuMeter:
    """CPU seconds spent while the block runs (sampled, so a process that ends mid-block counts
    up to its last sample), by consumer: `app` the app server's processes, `pg` the PostgreSQL
    backends of the benchmark database, `topology` the rest of make prod-local (honcho, which
    relays every log line, the task worker, the scheduler), `redis` the Redis server, `load`
    the load generators (wrk, pgbench, the officers' process), and the whole machine's busy
    and stolen time from /proc/stat (what none of these names is other work and the kernel).
    On a shared machine CPU per operation is steadier than wall time."""

    def __init__(self, root: int, db_url: str) -> None:
        self.root = root
        self.db_url = db_url
        self.first: dict[int, tuple[str, float]] = {}
        self.last: dict[int, float] = {}
        self.machine: list[tuple[float, float]] = []
        self._roles: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _kinds(self, conn, stats) -> dict[int, str]:  # type: ignore[no-untyped-def]
        topology = descendants(stats, self.root)
        kinds: dict[int, str] = {}
        for pid in topology:
            if pid not in self._roles:  # a command line is read once per process
                self._roles[pid] = process_role(pid) or "other"
            kinds[pid] = "app" if self._roles[pid].startswith("web") else "topology"
        # The load generators (wrk, pgbench, the officers' process) are this script's children.
        kinds.update(
            dict.fromkeys(descendants(stats, os.getpid()) - topology - {os.getpid()}, "load")
        )
        kinds.update(
            {pid: "redis" for pid, (comm, *_rest) in stats.items() if comm == "redis-server"}
        )
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
        kinds.update({int(row[0]): "pg" for row in rows})
        return kinds

    def _sample(self, conn) -> None:  # type: ignore[no-untyped-def]
        self.machine[1:] = [machine_cpu_seconds()]
        stats = proc_stats()
        for pid, kind in self._kinds(conn, stats).items():
            if pid not in stats:
                continue
            now = stats[pid][2]
            # A process first seen after the block began (a load generator, a new backend)
            # started inside it: all its time counts.
            self.first.setdefault(pid, (kind, now if len(self.machine) == 1 else 0.0))
            self.last[pid] = now

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(self.db_url, autocommit=True) as conn:
            self._sample(conn)
            self._started.set()
            while not self._stop.wait(0.25):
                self._sample(conn)
            self._sample(conn)

    def __enter__(self) -> CpuMeter:
        self._started = threading.Event()
        self._thread.start()
        self._started.wait(30)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def seconds(self, kind: str) -> float:
        if kind in ("machine", "steal"):
            (busy0, steal0), (busy1, steal1) = self.machine[0], self.machine[-1]
            return busy1 - busy0 if kind == "machine" else steal1 - steal0
        return sum(
            self.last[pid] - start
            for pid, (k, start) in self.first.items()
            if k == kind and pid in self.last
        )


def with_cpu(result: dict[str, float], meter: CpuMeter) -> dict[str, float]:
    done = max(result["requests"], 1)
    return {
        **result,
        **{f"{kind}_ms": meter.seconds(kind) * 1000 / done for kind in CPU_KINDS},
    }


def wait_http(port: int, path: str, seconds: float) -> None:
    import http.client

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        time.sleep(1)
    raise SystemExit(f"the topology did not answer {path} within {seconds:.0f} s")


@contextlib.contextmanager
def topology(env: dict[str, str], port: int, log: Path, tuning: dict[str, str]):
    server_env = {
        **env,
        "PY": PY,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "DEMO": "0",
        "MPP_KEYS_FILE": str(KEYS),
        # make prod-local's access log (a file written in batches) in a file of its own;
        # `--set MPP_ACCESS_LOG_FILE=` sends the lines through honcho instead.
        "MPP_ACCESS_LOG_FILE": str(ACCESS_LOG),
    }
    ACCESS_LOG.unlink(missing_ok=True)
    # Logs as make prod-local writes them (JSON, one access line per request) unless --set
    # says otherwise; the quiet level is for the preparation only.
    if env.get("LOG_LEVEL") == "WARNING":
        server_env.pop("LOG_LEVEL")
    server_env.update(tuning)
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", "deploy/prod-local.sh"],
            cwd=ROOT,
            env=server_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_http(port, "/healthz", 240)
            time.sleep(3)  # every web process up
            yield process
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=30)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- load generators -----------------------------------------------------------------------------


def wrk(url: str, connections: int, seconds: float, lua: str) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua + DONE_LUA)
    try:
        command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds:.0f}s"]
        command += ["--timeout", "10s", "-s", script.name, url]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(script.name)
    raw = json.loads(next(x for x in out.splitlines() if x.startswith("WRKJSON ")).split(" ", 1)[1])
    return {
        "ops": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50": raw["p50"] / 1000,
        "p95": raw["p95"] / 1000,
        "p99": raw["p99"] / 1000,
        "errors": raw["non2xx"] + raw["socket_errors"],
        "requests": raw["requests"],
    }


def pgbench(db_url: str, prefixes: list[str], clients: int, seconds: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "ticket.sql"
        array = sql_array(prefixes)
        script.write_text(ANCHOR_SCRIPT % (len(prefixes), array, array))
        command = ["pgbench", "-n", "-f", str(script), "-c", str(clients), "-j", "2"]
        command += ["-T", f"{seconds:.0f}", "--log", "--log-prefix", f"{tmp}/tx", db_url]
        result = subprocess.run(command, check=False, capture_output=True, text=True)
        latencies: list[float] = []
        for log in Path(tmp).glob("tx*"):
            for line in log.read_text().splitlines():
                fields = line.split()
                if len(fields) >= 3 and fields[2].isdigit():
                    latencies.append(int(fields[2]) / 1000)
    failed = 0 if result.returncode == 0 else 1
    tps = 0.0
    for line in result.stdout.splitlines():
        if line.startswith("tps ="):
            tps = float(line.split()[2])
    return {
        "ops": tps,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "errors": failed,
        "requests": len(latencies),
    }


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def _officers(port: int, counters: list[dict], seconds: float, one_press: bool) -> dict:
    """One keep-alive connection per counter: call-next, then finish the ticket called (two
    presses); or, `one_press`, call-next naming the ticket at the counter to finish first
    (`?finish=<code>`: one press per citizen)."""
    calls: list[float] = []
    errors = 0
    empty = 0
    stop = time.monotonic() + seconds

    async def request(reader, writer, path: str, token: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
        writer.write(
            (
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                f"Authorization: Bearer {token}\r\n\r\n"
            ).encode()
        )
        status = int((await reader.readline()).split()[1])
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        body = await reader.readexactly(length) if length else b""
        try:
            return status, json.loads(body) if body else {}
        except ValueError:
            return status, {}

    async def officer(counter: dict) -> None:
        nonlocal errors, empty
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        call = f"/api/v1/queue/counters/{counter['number']}/call-next"
        last = ""
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            path = f"{call}?finish={last}" if last else call
            status, body = await request(reader, writer, path, counter["token"])
            elapsed = time.perf_counter() - t0
            if status != 200:
                errors += 1
                await asyncio.sleep(0.05)
                continue
            ticket = body.get("ticket")
            if not ticket:
                empty += 1
                await asyncio.sleep(0.05)
                continue
            calls.append(elapsed * 1000)
            if one_press:
                last = ticket["code"]
                continue
            finish = f"/api/v1/queue/tickets/{ticket['code']}/finish"
            status, _ = await request(reader, writer, finish, counter["token"])
            if status != 200:
                errors += 1
        writer.close()

    started = time.monotonic()
    await asyncio.gather(*(officer(c) for c in counters))
    elapsed = time.monotonic() - started
    return {
        "ops": len(calls) / elapsed,
        "p50": percentile(calls, 50),
        "p95": percentile(calls, 95),
        "p99": percentile(calls, 99),
        "errors": errors,
        "requests": len(calls),
        "empty": empty,
    }


def call_next_load(
    port: int, counters: list[dict], seconds: float, *, one_press: bool
) -> dict[str, float]:
    """The officers' load generator in its own process (not the benchmark's, not the app's)."""
    mode = "press" if one_press else "pair"
    out = subprocess.run(
        [PY, __file__, "--officers", str(port), str(seconds), mode],
        input=json.dumps(counters),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT / "bench",
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- report --------------------------------------------------------------------------------------

ROWS = [
    ("anchor", "raw SQL ticket transaction (pgbench)"),
    ("healthz", "`GET /healthz` (the app's floor)"),
    ("issue", "`issue_ticket` (POST /api/v1/queue/tickets)"),
    ("call", "`call_next` (POST …/call-next, then finish)"),
    ("press", "`call_next` finishing the last (POST …/call-next?finish=, one press)"),
]


def median_row(runs: list[dict[str, float]]) -> dict[str, float]:
    keys = runs[0].keys()
    return {k: statistics.median(r[k] for r in runs) for k in keys}


def report(results: dict[str, list[dict]], rss: list[dict[str, float]], args, size) -> str:  # type: ignore[no-untyped-def]
    med = {key: median_row(runs) for key, runs in results.items()}
    lines = [
        f"{args.repeat} repeats of {args.seconds:.0f} s per row, {args.connections} connections "
        f"(call_next: {args.connections} officers at their own counters); median of the repeats",
        f"data: {size}",
        "",
        "| load | ops/s (median) | runs | p50 | p95 | p99 | errors | vs anchor | vs floor "
        "| app CPU/op | PostgreSQL CPU/op | CPU-bound ceiling, 2 cores |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, label in ROWS:
        m = med[key]
        runs = " / ".join(f"{r['ops']:.0f}" for r in results[key])
        vs_anchor = f"{m['ops'] / med['anchor']['ops']:.1%}" if med["anchor"]["ops"] else "–"
        served = key not in ("anchor", "healthz")
        vs_floor = f"{m['ops'] / med['healthz']['ops']:.0%}" if served else "–"
        cpu = m["app_ms"] + m["pg_ms"]
        ceiling = f"{2000 / cpu:,.0f}/s" if cpu else "–"
        app = f"{m['app_ms']:.2f} ms" if key != "anchor" else "–"
        lines.append(
            f"| {label} | **{m['ops']:.0f}** | {runs} | {m['p50']:.1f} ms | {m['p95']:.1f} ms "
            f"| {m['p99']:.1f} ms | {sum(r['errors'] for r in results[key]):.0f} "
            f"| {vs_anchor} | {vs_floor} | {app} | {m['pg_ms']:.2f} ms | {ceiling} |"
        )
    lines += [
        "",
        "Where the machine's CPU went, ms per operation (medians; `other` is the machine's busy "
        "time that none of the named processes account for: the kernel, other work):",
        "",
        "| load | app | PostgreSQL | rest of topology | Redis | load generator | other "
        "| machine busy | stolen | busy-bound ceiling |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, label in ROWS:
        m = med[key]
        named = sum(m[f"{kind}_ms"] for kind in ("app", "pg", "topology", "redis", "load"))
        ceiling = f"{os.cpu_count() * 1000 / m['machine_ms']:,.0f}/s" if m["machine_ms"] else "–"
        lines.append(
            f"| {label} | "
            + " | ".join(
                f"{m[f'{kind}_ms']:.2f}" for kind in ("app", "pg", "topology", "redis", "load")
            )
            + f" | {max(0.0, m['machine_ms'] - named):.2f} | {m['machine_ms']:.2f} "
            f"| {m['steal_ms']:.2f} | {ceiling} |"
        )
    lines += [
        "",
        "peak RSS per process under load (MB): "
        + ", ".join(
            f"{role} {max(r.get(role, 0.0) for r in rss):.0f}"
            for role in ("web process", "web supervisor", "task worker", "scheduler", "honcho")
        ),
    ]
    return "\n".join(lines)


def main() -> int:  # noqa: PLR0915 - one linear script: prepare, measure in order, report
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=10080)
    parser.add_argument("--db", default="mpp_prod_bench")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an environment variable of the topology, e.g. MPP_WORKERS=3, MPP_THREADS=4, "
        "DB_POOL_MAX=6 (repeatable; the defaults are make prod-local's)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="use the database --db prepared by an earlier run"
    )
    parser.add_argument(
        "--in-process",
        type=int,
        metavar="N",
        help="instead of the HTTP run: N tickets and N/2 calls (call-next + finish) in one "
        "process through Django's test client; prints statements and CPU/wall ms per request",
    )
    parser.add_argument("--officers", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    # A plain `kill` stops the topology too (the `finally` of topology()).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    if args.officers:  # the officers' load generator process
        port, seconds = int(args.officers[0]), float(args.officers[1])
        counters = json.loads(sys.stdin.read())
        one_press = args.officers[2] == "press"
        print(json.dumps(asyncio.run(_officers(port, counters, seconds, one_press))))
        return 0

    server_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not server_url.startswith("postgres") or not redis_url:
        print("needs DATABASE_URL=postgres://… (the server) and REDIS_URL", file=sys.stderr)
        return 2
    for tool in ("wrk", "pgbench"):
        if not shutil.which(tool):
            print(f"needs {tool} (Debian: apt-get install {tool} / postgresql-client)")
            return 2

    db_url = database_url(server_url, args.db)
    env = base_env(db_url, redis_url)
    tuning = dict(item.split("=", 1) for item in args.set)
    seed_file = ROOT / "var" / f"bench-prod-{args.db}.json"
    if args.reuse and seed_file.exists():
        seed = json.loads(seed_file.read_text())
        print(f"reusing {args.db} as prepared before", flush=True)
    else:
        print(f"preparing {args.db} (migrate, load_demo) …", flush=True)
        seed_file.unlink(missing_ok=True)
        recreate_database(server_url, args.db)
        seed = prepare(env)
        seed_file.write_text(json.dumps(seed))
    size = data_size(db_url)
    size_text = (
        f"Ngawi demo: {len(seed['services'])} services taking tickets, {size['counters']} "
        f"counters, {size['tickets']:,} tickets and {size['events']:,} events of history, "
        f"database {size['database_mb']} MB"
    )
    print(size_text, flush=True)
    if args.in_process:
        measured = in_process(env, seed, args.in_process)
        print("| operation | requests | SQL statements / request | CPU ms / request | wall ms "
              "/ request |\n|---|---|---|---|---|")  # fmt: skip
        for name, row in measured.items():
            label = "issue_ticket" if name == "issue" else "call_next + finish (a pair)"
            print(f"| {label} | {row['ops']} | {row['statements']:.1f} | {row['cpu_ms']:.2f} | "
                  f"{row['wall_ms']:.2f} |")  # fmt: skip
        print(f"machine: {os.cpu_count()} cores; load average (1 min): {os.getloadavg()[0]:.1f}")
        return 0
    counters = seed["counters"][: args.connections]
    services = ", ".join(f'"{s}"' for s in seed["services"])
    for_counters = ", ".join(f'"{s}"' for s in counter_services(db_url, seed["mall"], counters))

    results: dict[str, list[dict]] = {key: [] for key, _ in ROWS}
    rss: list[dict[str, float]] = []
    log = ROOT / "var" / "bench-prod.log"
    base = f"http://127.0.0.1:{args.port}"
    loads: list[float] = []
    with topology(env, args.port, log, tuning) as process:
        # Warm up: every thread's database connection, the per-process caches of services.
        wrk(f"{base}/healthz", 4, 3, "")
        wrk(f"{base}/api/v1/queue/tickets", args.connections, 5, TICKET_LUA % services)
        for repeat in range(args.repeat):
            reset_queue(db_url)
            with RssSampler(process.pid) as sampler:
                with CpuMeter(process.pid, db_url) as meter:
                    floor = wrk(f"{base}/healthz", args.connections, args.seconds, "")
                results["healthz"].append(with_cpu(floor, meter))
                with CpuMeter(process.pid, db_url) as meter:
                    issued = wrk(f"{base}/api/v1/queue/tickets", args.connections,
                                 args.seconds, TICKET_LUA % services)  # fmt: skip
                results["issue"].append(with_cpu(issued, meter))
                for key in ("call", "press"):
                    # Unmeasured: a line at every officer's counter, so that no press finds
                    # nobody waiting (the counters serve about half of the services, some
                    # only one).
                    wrk(f"{base}/api/v1/queue/tickets", args.connections, args.seconds,
                        TICKET_LUA % for_counters)  # fmt: skip
                    with CpuMeter(process.pid, db_url) as meter:
                        called = call_next_load(
                            args.port, counters, args.seconds, one_press=key == "press"
                        )
                    results[key].append(with_cpu(called, meter))
            rss.append(sampler.peak)
            loads.append(os.getloadavg()[0])
            with CpuMeter(process.pid, db_url) as meter:
                anchor = pgbench(db_url, seed["prefixes"], args.connections, args.seconds)
            results["anchor"].append(with_cpu(anchor, meter))
            print(
                f"repeat {repeat + 1}: "
                + ", ".join(f"{k} {v[-1]['ops']:.0f}/s p99 {v[-1]['p99']:.0f} ms"
                            for k, v in results.items())
                + "; presses that found no one waiting: "
                + ", ".join(f"{k} {results[k][-1]['empty']:.0f}" for k in ("call", "press")),
                flush=True,
            )  # fmt: skip
    checks = check_database(db_url)
    print()
    print(report(results, rss, args, size_text))
    print(
        f"machine: {os.cpu_count()} cores; load average (1 min) after each repeat: "
        + " / ".join(f"{x:.1f}" for x in loads)
        + (f"; topology settings: {tuning}" if tuning else "")
    )
    print(f"database checks: {checks}")
    print(f"server log: {log.relative_to(ROOT)}")
    return 0 if not any(checks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
