"""Which server in front of Django: the project's own (`python -m mpp.serve`: uvicorn with the
router of ADR 0012, pages and the API in a pool of WSGI threads, the live streams on the event
loop) against granian serving Django's plain WSGI handler (Rust HTTP, its own threads; no
streams: a board or a phone held open would hold a thread). Same database, same settings,
both servers up at once, the loads alternating between them in every repeat.

    .venv/bin/pip install granian           # not a dependency of the project
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/2 \
    .venv/bin/python bench/server_compare.py [--db mpp_prod_bench] [--seconds 15] [--repeat 3]

The database must have been prepared by `bench/prod_bench.py` (the same `--db`): the Ngawi demo
with every service taking walk-ins. Each server: 2 processes, 8 threads each (make
prod-local's defaults), production settings (DEBUG off, JSON access log, psycopg pool),
warmed up and with its start-up heap frozen alike (`mpp.serve.warm_up`, `settle_heap`). Loads:
wrk with 16 connections on `/healthz` and on `issue_ticket` (POST /api/v1/queue/tickets, round
robin over the services); today's hall is emptied before each ticket load. Prints ops/s and
p50/p99 per repeat and the medians.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load_env import TICKET_LUA
from prod_bench import (
    KEYS,
    PY,
    ROOT,
    base_env,
    database_url,
    median_row,
    reset_queue,
    wait_http,
    wrk,
)

BENCH = Path(__file__).resolve().parent
THREADS = "8"
WORKERS = "2"


def server_env(db_url: str, redis_url: str, metrics_dir: str) -> dict[str, str]:
    """make prod-local's environment (deploy/prod-local.sh) on the benchmark's database."""
    env = base_env(db_url, redis_url)
    env.pop("LOG_LEVEL", None)
    for line in KEYS.read_text().splitlines():
        name, _, value = line.partition("=")
        if name:
            env[name] = value
    env.update(
        DEBUG="false",
        TASKS_BACKEND="database",
        LOG_FORMAT="json",
        MPP_ACCESS_LOG="true",
        MPP_THREADS=THREADS,
        PYTHONUNBUFFERED="1",
        PYTHONPATH=str(ROOT),
        PROMETHEUS_MULTIPROC_DIR=metrics_dir,
    )
    return env


def servers() -> list[tuple[str, int, list[str]]]:
    """(name, port, command) of each server compared."""
    granian = str(Path(PY).parent / "granian")
    return [
        ("mpp.serve (uvicorn + router)", 10090, [
            PY, "-m", "mpp.serve", "--host", "127.0.0.1", "--port", "10090",
            "--workers", WORKERS,
        ]),
        ("granian WSGI (no streams)", 10091, [
            granian, "--interface", "wsgi", "--workers", WORKERS, "--blocking-threads", THREADS,
            "--host", "127.0.0.1", "--port", "10091", "--log-level", "warning",
            "--working-dir", str(BENCH), "granian_wsgi:application",
        ]),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="mpp_prod_bench")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    server_url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    seed_file = ROOT / "var" / f"bench-prod-{args.db}.json"
    if not server_url.startswith("postgres") or not redis_url:
        print("needs DATABASE_URL=postgres://… (the server) and REDIS_URL", file=sys.stderr)
        return 2
    if not seed_file.exists() or not KEYS.exists():
        print(f"prepare {args.db} first: bench/prod_bench.py --db {args.db}", file=sys.stderr)
        return 2
    if not (Path(PY).parent / "granian").exists() or not shutil.which("wrk"):
        print("needs granian (.venv/bin/pip install granian) and wrk", file=sys.stderr)
        return 2
    db_url = database_url(server_url, args.db)
    seed = json.loads(seed_file.read_text())
    lua = TICKET_LUA % ", ".join(json.dumps(s) for s in seed["services"])
    compared = servers()
    results: dict[str, dict[str, list[dict[str, float]]]] = {
        name: {"healthz": [], "ticket": []} for name, _, _ in compared
    }
    processes: list[subprocess.Popen[bytes]] = []
    with (
        tempfile.TemporaryDirectory() as metrics,
        (ROOT / "var/server-compare.log").open("wb") as log,
    ):
        env = server_env(db_url, redis_url, metrics)
        try:
            for _, _, command in compared:
                processes.append(
                    subprocess.Popen(command, cwd=ROOT, env=env, stdout=log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
                )  # fmt: skip
            for _, port, _ in compared:
                wait_http(port, "/healthz", 120)
            time.sleep(3)  # every process up
            for _, port, _ in compared:  # warm: connections, the per-process caches of services
                wrk(f"http://127.0.0.1:{port}/healthz", 4, 3, "")
                wrk(f"http://127.0.0.1:{port}/api/v1/queue/tickets", 16, 3, lua)
            for repeat in range(args.repeat):
                for name, port, _ in compared:
                    base = f"http://127.0.0.1:{port}"
                    floor = wrk(f"{base}/healthz", args.connections, args.seconds, "")
                    reset_queue(db_url)
                    issued = wrk(f"{base}/api/v1/queue/tickets", args.connections,
                                 args.seconds, lua)  # fmt: skip
                    results[name]["healthz"].append(floor)
                    results[name]["ticket"].append(issued)
                    print(
                        f"repeat {repeat + 1}, {name}: /healthz {floor['ops']:.0f}/s "
                        f"(p99 {floor['p99']:.1f} ms), issue_ticket {issued['ops']:.0f}/s "
                        f"(p50 {issued['p50']:.1f}, p99 {issued['p99']:.1f} ms), errors "
                        f"{floor['errors'] + issued['errors']:.0f}",
                        flush=True,
                    )
        finally:
            for process in processes:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
            for process in processes:
                process.wait(timeout=30)
    print(f"\n{args.repeat} repeats of {args.seconds:.0f} s, {args.connections} connections; "
          "medians\n")  # fmt: skip
    print("| server | `/healthz` ops/s | p99 | `issue_ticket` ops/s | p50 | p99 | errors |")
    print("|---|---|---|---|---|---|---|")
    for name, rows in results.items():
        floor, issued = median_row(rows["healthz"]), median_row(rows["ticket"])
        errors = sum(r["errors"] for runs in rows.values() for r in runs)
        print(
            f"| {name} | {floor['ops']:.0f} | {floor['p99']:.1f} ms | {issued['ops']:.0f} | "
            f"{issued['p50']:.1f} ms | {issued['p99']:.1f} ms | {errors:.0f} |"
        )
    print(f"\nmachine: {os.cpu_count()} cores; load average (1 min): {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
