"""Per-operation costs for the capacity plan (docs/capacity.md).

    .venv/bin/python bench/capacity_bench.py [--tickets 1000] [--reads 1000]

For each operation of a mall's day it measures, through the whole Django stack in one process
(every middleware, the view, the domain function, the real PostgreSQL over TCP; no HTTP
server, so the figures are the application's own cost without the server's):

- application CPU time per operation (`time.process_time`) and wall time per operation;
- SQL statements per operation;
- database growth per ticket lifecycle (issue → call → finish): bytes of every table and
  index that grew (`pg_total_relation_size`), divided by the tickets.

It creates its own database `mpp_capacity` on the PostgreSQL of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres), loads the Ngawi demo into it, and drops nothing
else. Results go to bench/results/capacity.json and are printed as a table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
DB = "mpp_capacity"
QUERIES = ["ktp", "akta lahir", "sim", "izin usaha"]


def prepare(base_url: str) -> str:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    url = urlparse(base_url)._replace(path=f"/{DB}").geturl()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "mpp.settings",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return url


def sizes(cursor) -> dict[str, int]:  # type: ignore[no-untyped-def]
    cursor.execute(
        "SELECT relname, pg_total_relation_size(c.oid) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'r'"
    )
    return dict(cursor.fetchall())


def measure(name: str, count: int, action, results: dict) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, cpus = [], []
    for i in range(count):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        action(i)
        cpus.append(time.process_time() - cpu0)
        walls.append(time.perf_counter() - wall0)
    with CaptureQueriesContext(connection) as captured:
        action(count)
    results[name] = {
        "n": count,
        "cpu_ms_median": round(statistics.median(cpus) * 1000, 2),
        "cpu_ms_mean": round(statistics.fmean(cpus) * 1000, 2),
        "wall_ms_median": round(statistics.median(walls) * 1000, 2),
        "wall_ms_p95": round(sorted(walls)[int(0.95 * (len(walls) - 1))] * 1000, 2),
        "queries": len(captured),
    }
    print(f"{name:<28} {results[name]}", flush=True)


def main() -> int:  # noqa: PLR0915 - one linear script: set up, measure in order, report
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--reads", type=int, default=1000)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    started = time.time()
    url = prepare(base)
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "mpp.settings",
            "LOG_LEVEL": "WARNING",
            "DB_POOL_MAX": "0",
            "DB_CONN_MAX_AGE": "600",
            "STATIC_PLAIN": "1",
        }
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from mpp.accounts.tokens import issue_api_token
    from mpp.queueing.models import Counter, QueueService

    counters = list(
        Counter.objects.filter(officer__isnull=False).select_related("officer").order_by("pk")
    )
    serving = {}
    for counter in counters:
        slugs = list(counter.services.values_list("slug", flat=True))
        if slugs:
            serving[counter.number] = (slugs, issue_api_token(user=counter.officer))
    kiosk_services = [
        slug
        for slug in QueueService.objects.values_list("service__slug", flat=True)
        if any(slug in s for s, _ in serving.values())
    ]
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    results: dict = {}
    codes: list[str] = []

    with connection.cursor() as cursor:
        before = sizes(cursor)

    def issue(i: int) -> None:
        response = client.post(
            "/api/v1/queue/tickets",
            {"service": kiosk_services[i % len(kiosk_services)]},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        codes.append(response.json()["code"])

    measure("issue_ticket (API)", args.tickets, issue, results)

    numbers = list(serving)

    def call_and_finish(i: int) -> None:
        number = numbers[i % len(numbers)]
        _, token = serving[number]
        auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        response = client.post(f"/api/v1/queue/counters/{number}/call-next", **auth)
        assert response.status_code == 200, response.content
        ticket = response.json().get("ticket")
        if ticket:
            client.post(f"/api/v1/queue/tickets/{ticket['code']}/finish", **auth)

    measure("call_next + finish (API)", args.tickets // 2, call_and_finish, results)

    with connection.cursor() as cursor:
        after = sizes(cursor)
    grown = {t: after[t] - before.get(t, 0) for t in after if after[t] - before.get(t, 0) > 0}
    lifecycles = args.tickets
    results["storage"] = {
        "tickets": lifecycles,
        "bytes_per_ticket_total": round(sum(grown.values()) / lifecycles),
        "by_table": {
            t: round(b / lifecycles) for t, b in sorted(grown.items(), key=lambda x: -x[1])
        },
        "note": "issue for every ticket, call+finish for half of them; heap + indexes + TOAST",
    }
    print("storage", json.dumps(results["storage"], indent=1), flush=True)

    measure(
        "ticket status (phone poll)",
        args.reads,
        lambda i: client.get(f"/antrian/tiket/{codes[i % len(codes)]}/status.json"),
        results,
    )
    measure(
        "board state (display poll)",
        args.reads,
        lambda i: client.get("/antrian/papan/state.json"),
        results,
    )
    measure(
        "catalogue search (API)",
        args.reads // 2,
        lambda i: client.get(
            "/api/v1/services", {"q": ["ktp", "akta lahir", "sim", "izin usaha"][i % 4]}
        ),
        results,
    )
    measure("healthz (floor)", args.reads, lambda i: client.get("/healthz"), results)

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0]
    results["meta"] = {
        "postgresql": version.split(",")[0],
        "loadavg_at_end": os.getloadavg(),
        "cpus": os.cpu_count(),
        "seconds": round(time.time() - started),
        "command": "python bench/capacity_bench.py " + " ".join(sys.argv[1:]),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "capacity.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results["meta"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
