"""Load benchmark of the queue over real HTTP: PostgreSQL + Redis, several uvicorn workers.

    .venv/bin/python bench/queue_load.py [--workers 2] [--seconds 15] [--connections 32]

What it does (everything on 127.0.0.1, every loop bounded in time and count):
1. creates a fresh database `mpp_bench` on the PostgreSQL of DATABASE_URL (default
   postgres://postgres@127.0.0.1:5432/postgres), migrates it and seeds one mall with 10
   agencies (prefixes A–K), 30 services, 10 counters with signed-in officers and API tokens;
2. starts `python -m mpp.serve --workers N` (the server of both profiles; started and stopped
   by bench/server_process.py) with REDIS_URL
   (default redis://127.0.0.1:6379/0), a psycopg pool per worker, DEBUG off;
3. issue phase: C keep-alive connections POST /api/v1/queue/tickets for S seconds;
4. call phase: 10 officers × 2 connections loop call-next → finish for S seconds;
5. call-to-display: a board's SSE stream on one connection; 60 calls on another; the time
   from sending call-next to the board holding the new state (nudge + GET display);
6. checks the database: duplicates per (prefix, day), tickets called twice (must be 0);
7. reports ops/s, p50/p95/p99, CPU seconds per component (/proc), and a cProfile of the
   issue path in-process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from load_env import load_test_env
from server_process import running_server

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BENCH_DB = "mpp_bench"


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- database and seed --------------------------------------------------------------------------


def bench_env(base_url: str, redis_url: str) -> dict[str, str]:
    parsed = urlparse(base_url)
    url = parsed._replace(path=f"/{BENCH_DB}").geturl()
    return {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "mpp.settings",
        "DEBUG": "false",
        "STATIC_PLAIN": "1",
        "LOG_LEVEL": "WARNING",
        "DB_POOL_MAX": "12",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        **load_test_env(),
    }


def recreate_database(base_url: str) -> None:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")


SEED = r"""
import json
import django
django.setup()
from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.accounts.tokens import issue_api_token
from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall
from mpp.queueing.models import Counter, QueueService
mall = Mall.objects.create(slug="ngawi", name="MPP Bench", short_name="Bench", regency="Ngawi",
    address="-", opening_hours=[{"days": [0,1,2,3,4,5,6], "opens": "00:00", "closes": "23:59"}])
out = {"services": [], "counters": []}
for a, prefix in enumerate("ABCDEFGHJK"):
    agency = Agency.objects.create(mall=mall, slug=f"agency-{a}", name=f"Agency {a}",
        short_name=f"Ag{a}", level="regency")
    services = []
    for s in range(3):
        service = Service.objects.create(mall=mall, agency=agency, slug=f"svc-{a}-{s}",
            name=f"Service {a}.{s}", turnaround_value=1, turnaround_unit="days", fee_kind="free",
            product="-", complaint_handling="-", channel="counter", source="bench")
        QueueService.objects.create(service=service, prefix=prefix)
        services.append(service)
        out["services"].append(service.slug)
    counter = Counter.objects.create(mall=mall, agency=agency, number=a + 1)
    counter.services.set(services)
    user = User.objects.create(username=f"bench{a}", is_staff=True)
    StaffMembership.objects.create(
        user=user, mall=mall, agency=agency, role=StaffRole.COUNTER_OFFICER
    )
    counter.officer = user
    counter.save()
    out["counters"].append({"number": counter.number, "token": issue_api_token(user=user)})
print(json.dumps(out))
"""


def migrate_and_seed(env: dict[str, str]) -> dict:
    subprocess.run(
        [PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    result = subprocess.run(
        [PY, "-c", SEED], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- server --------------------------------------------------------------------------------------


@contextlib.contextmanager
def server(env: dict[str, str], workers: int):
    """The application server (`python -m mpp.serve`, as production runs it)."""
    with running_server(env, workers=workers) as (port, process):
        time.sleep(1.5)  # let every worker finish start-up
        yield port, process


# --- a lean keep-alive HTTP/1.1 client ----------------------------------------------


class Conn:
    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def request(
        self, method: str, path: str, body: dict | None = None, token: str = ""
    ) -> tuple[int, dict]:
        assert self.reader and self.writer
        data = json.dumps(body).encode() if body is not None else b""
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\n"
            + (f"Authorization: Bearer {token}\r\n" if token else "")
            + "\r\n"
        )
        self.writer.write(head.encode() + data)
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        payload = await self.reader.readexactly(length) if length else b""
        try:
            return status, json.loads(payload) if payload else {}
        except ValueError:
            return status, {}

    def close(self) -> None:
        if self.writer:
            self.writer.close()


async def issue_phase(
    port: int, services: list[str], connections: int, seconds: float, cap: int
) -> dict:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    stop = time.monotonic() + seconds

    async def worker(i: int) -> None:
        conn = Conn(port)
        await conn.open()
        rng = random.Random(i)
        while time.monotonic() < stop and len(latencies) < cap:
            t0 = time.perf_counter()
            status, _ = await conn.request(
                "POST", "/api/v1/queue/tickets", {"service": rng.choice(services)}
            )
            latencies.append(time.perf_counter() - t0)
            statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    started = time.monotonic()
    await asyncio.gather(*(worker(i) for i in range(connections)))
    elapsed = time.monotonic() - started
    return {"ops": len(latencies), "elapsed": elapsed, "latencies": latencies, "statuses": statuses}


async def call_phase(port: int, counters: list[dict], per_counter: int, seconds: float) -> dict:
    call_lat: list[float] = []
    statuses: dict[int, int] = {}
    visits = 0
    stop = time.monotonic() + seconds

    async def officer(counter: dict) -> None:
        nonlocal visits
        conn = Conn(port)
        await conn.open()
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            status, body = await conn.request(
                "POST",
                f"/api/v1/queue/counters/{counter['number']}/call-next",
                token=counter["token"],
            )
            call_lat.append(time.perf_counter() - t0)
            statuses[status] = statuses.get(status, 0) + 1
            ticket = body.get("ticket") if status == 200 else None
            if not ticket:
                await asyncio.sleep(0.05)
                continue
            status, _ = await conn.request(
                "POST", f"/api/v1/queue/tickets/{ticket['code']}/finish", token=counter["token"]
            )
            statuses[status] = statuses.get(status, 0) + 1
            visits += 1
        conn.close()

    started = time.monotonic()
    await asyncio.gather(*(officer(c) for c in counters for _ in range(per_counter)))
    elapsed = time.monotonic() - started
    return {
        "calls": len(call_lat),
        "visits": visits,
        "elapsed": elapsed,
        "latencies": call_lat,
        "statuses": statuses,
    }


async def display_latency(port: int, counter: dict, services: list[str], samples: int) -> dict:
    """Time from sending call-next until the board has fetched the state with that call."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        b"GET /antrian/papan/live/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )

    async def next_event(name: str, timeout: float) -> str:
        buffer = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = await asyncio.wait_for(
                reader.readline(), timeout=max(0.01, deadline - time.monotonic())
            )
            buffer += line
            if line in (b"\n", b"\r\n"):
                if f"event: {name}".encode() in buffer:
                    return buffer.decode(errors="replace")
                buffer = b""
        raise TimeoutError(name)

    await next_event("hello", 10)
    caller, board = Conn(port), Conn(port)
    await caller.open()
    await board.open()
    nudges, full = [], []
    for i in range(samples):
        await caller.request(
            "POST", "/api/v1/queue/tickets", {"service": services[i % len(services)]}
        )
        with contextlib.suppress(TimeoutError):
            while True:  # drain the "issued" nudge
                await next_event("nudge", 0.3)
        t0 = time.perf_counter()
        _, body = await caller.request(
            "POST", f"/api/v1/queue/counters/{counter['number']}/call-next", token=counter["token"]
        )
        ticket = body.get("ticket") or {}
        while True:
            event = await next_event("nudge", 5)
            if '"kind":"called"' in event:
                break
        nudges.append(time.perf_counter() - t0)
        _, state = await board.request("GET", "/api/v1/queue/display")
        assert state["calls"][0]["number"] == ticket.get("number"), "board missed the call"
        full.append(time.perf_counter() - t0)
        await caller.request(
            "POST", f"/api/v1/queue/tickets/{ticket['code']}/finish", token=counter["token"]
        )
    writer.close()
    caller.close()
    board.close()
    return {"nudge": nudges, "full": full}


# --- measurements ---------------------------------------------------------------------


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def pids_named(fragment: str) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if fragment in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(
                    errors="replace"
                ):
                    out.append(int(entry.name))
    return out


def children(pid: int) -> list[int]:
    found = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if ppid == pid:
                    found.extend(children(int(entry.name)))
    return found


def check_database(env: dict[str, str]) -> dict[str, int]:
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as conn:
        dup = conn.execute(
            "SELECT COALESCE(SUM(n - d), 0) FROM (SELECT COUNT(*) n, COUNT(DISTINCT number) d "
            "FROM queueing_ticket GROUP BY mall_id, prefix, day) x"
        ).fetchone()[0]
        gaps = conn.execute(
            "SELECT COALESCE(SUM(m - n), 0) FROM (SELECT COUNT(*) n, MAX(number) m "
            "FROM queueing_ticket GROUP BY mall_id, prefix, day) x"
        ).fetchone()[0]
        twice = conn.execute(
            "SELECT COUNT(*) FROM (SELECT ticket_id FROM queueing_ticketevent "
            "WHERE kind = 'called' "
            "GROUP BY ticket_id HAVING COUNT(*) > 1) x"
        ).fetchone()[0]
        tickets = conn.execute("SELECT COUNT(*) FROM queueing_ticket").fetchone()[0]
    return {
        "tickets": tickets,
        "duplicates": int(dup),
        "gaps": int(gaps),
        "called_twice": int(twice),
    }


def profile_issue(env: dict[str, str], count: int = 1500) -> str:
    """cProfile of the issue path in-process (Django test client, same settings)."""
    code = f"""
import cProfile, io, pstats, time, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
client.post("/api/v1/queue/tickets", {{"service": "svc-0-0"}}, content_type="application/json")
with CaptureQueriesContext(connection) as ctx:
    client.post("/api/v1/queue/tickets", {{"service": "svc-0-0"}}, content_type="application/json")
print("statements per issue_ticket:", len(ctx.captured_queries))
for q in ctx.captured_queries:
    print("   ", q["sql"][:100])
started = time.perf_counter()
for i in range({count}):
    client.post(
        "/api/v1/queue/tickets", {{"service": f"svc-{{i % 10}}-1"}}, content_type="application/json"
    )
elapsed = (time.perf_counter() - started) / {count} * 1000
print("issue_ticket in-process: %.2f ms per request" % elapsed)
started = time.perf_counter()
for i in range({count}):
    client.get("/healthz")
elapsed = (time.perf_counter() - started) / {count} * 1000
print("/healthz in-process (middleware floor): %.2f ms" % elapsed)
profiler = cProfile.Profile()
profiler.enable()
for i in range({count}):
    client.post(
        "/api/v1/queue/tickets", {{"service": f"svc-{{i % 10}}-2"}}, content_type="application/json"
    )
profiler.disable()
out = io.StringIO()
stats = pstats.Stats(profiler, stream=out)
stats.sort_stats("cumulative").print_stats("mpp|ninja/operation|handlers/base", 25)
print(out.getvalue())
"""
    result = subprocess.run(
        [PY, "-c", code],
        cwd=ROOT,
        env={**env, "DB_POOL_MAX": "0", "DB_CONN_MAX_AGE": "60", "ALLOWED_HOSTS": "testserver"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def fmt_ms(values: list[float]) -> str:
    return " / ".join(f"{pct(values, p) * 1000:.1f}" for p in (50, 95, 99))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--display-samples", type=int, default=60)
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    recreate_database(base_url)
    env = bench_env(base_url, redis_url)
    seed = migrate_and_seed(env)
    print(
        f"seeded {len(seed['services'])} services, {len(seed['counters'])} counters; "
        f"workers={args.workers}"
    )
    with server(env, args.workers) as (port, process):
        app = children(process.pid)
        pg = pids_named("postgres:")
        redis_pids = pids_named("redis-server")
        me = [os.getpid()]
        before = {
            k: cpu_seconds(v)
            for k, v in {"app": app, "pg": pg, "redis": redis_pids, "client": me}.items()
        }
        issue = asyncio.run(
            issue_phase(port, seed["services"], args.connections, args.seconds, args.max_requests)
        )
        after = {
            k: cpu_seconds(v)
            for k, v in {
                "app": app,
                "pg": pids_named("postgres:"),
                "redis": redis_pids,
                "client": me,
            }.items()
        }
        calls = asyncio.run(call_phase(port, seed["counters"], 2, args.seconds))
        display = asyncio.run(
            display_latency(
                port,
                seed["counters"][0],
                [s for s in seed["services"] if s.startswith("svc-0-")],
                args.display_samples,
            )
        )
    db = check_database(env)
    issue_rate = issue["ops"] / issue["elapsed"]
    print()
    print(
        f"issue_ticket: {issue['ops']} in {issue['elapsed']:.1f} s = {issue_rate:.0f} ops/s; "
        f"p50/p95/p99 ms {fmt_ms(issue['latencies'])}; statuses {issue['statuses']}"
    )
    print(
        f"call_next:    {calls['calls']} calls ({calls['visits']} call+finish visits) in "
        f"{calls['elapsed']:.1f} s = {calls['calls'] / calls['elapsed']:.0f} calls/s, "
        f"{(calls['calls'] + calls['visits']) / calls['elapsed']:.0f} requests/s; "
        f"call p50/p95/p99 ms {fmt_ms(calls['latencies'])}; statuses {calls['statuses']}"
    )
    print(
        f"call-to-display ({len(display['full'])} calls): nudge p50/p95 ms "
        f"{pct(display['nudge'], 50) * 1000:.1f} / {pct(display['nudge'], 95) * 1000:.1f}; "
        f"board has new state p50/p95/max ms {pct(display['full'], 50) * 1000:.1f} / "
        f"{pct(display['full'], 95) * 1000:.1f} / {max(display['full']) * 1000:.1f}"
    )
    print(f"database: {db}")
    cpu = {k: after[k] - before[k] for k in before}
    print(
        "CPU seconds during the issue phase: "
        + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items())
        + f"  (per ticket: app {cpu['app'] / max(1, issue['ops']) * 1000:.2f} ms, "
        f"PostgreSQL {cpu['pg'] / max(1, issue['ops']) * 1000:.2f} ms)"
    )
    if not args.no_profile:
        print("\nIn-process profile of 1,500 issue_ticket requests (test client, top by own time):")
        print(profile_issue(env))


if __name__ == "__main__":
    main()
