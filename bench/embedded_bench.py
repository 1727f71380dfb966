"""Benchmark of the embedded default: the `make run` server (``python -m mpp.serve``, SQLite, one
process) on a copy of the demo database, driven by an external load generator (wrk).

    .venv/bin/python bench/embedded_bench.py [--seconds 10] [--repeat 3] [--port 8501]
        [--only "NAME;…"] [--server serve|asgi]

What it does (everything on 127.0.0.1, every loop bounded in time):
1. builds the demo database once (`migrate` + `load_demo`, cached in var/bench-demo.sqlite3)
   and, for each scenario, works on a fresh copy of it; on the copy every service is opened
   all day with unlimited walk-ins (so tickets are never refused for the hour or capacity);
2. starts the `make run` server (`python -m mpp.serve`, the same command as `make serve`);
3. runs wrk (Debian package `wrk`) for each scenario: kiosk tickets (POST
   /api/v1/queue/tickets across all services) at 1 and 16 connections, on an empty queue and
   on a queue with 5,000 waiting tickets; search (`GET /api/v1/services?q=bikin+ktp` and
   `/cari/?q=bikin+ktp`) at 1 and 8 connections, the page also as a browser asks for it
   (`Accept-Encoding: gzip`, "gzip"); `/healthz` (the serving floor);
4. the raw-SQLite anchor in the same run: the ticket transaction (`BEGIN IMMEDIATE`, next
   number, insert ticket, insert event, commit) in plain `sqlite3`, one process;
5. prints one table: requests/s, p50/p90/p99/max latency, non-2xx, socket errors/time-outs.

Each scenario runs `--repeat` times, round-robin (one run of every scenario per round, so a
changing load on a shared machine falls on all alike); the table shows the median run (by p99)
and the median requests/s. `--server asgi` runs plain uvicorn on Django's ASGI handler
instead, for the serving-path comparison of docs/adr/0020-embedded-server.md; `--server
trace` runs the `make run` application with a per-request trace (bench/trace_server.py: GC
pauses, cache misses, event-loop lateness; JSON to $MPP_TRACE_OUT, read by
bench/trace_report.py). The server is started and stopped by bench/server_process.py.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from load_env import TICKET_LUA, sqlite_server_env
from server_process import port_in_use, running_server

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
TEMPLATE = ROOT / "var" / "bench-demo.sqlite3"


def build_template() -> None:
    if TEMPLATE.exists():
        return
    TEMPLATE.parent.mkdir(exist_ok=True)
    partial = TEMPLATE.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    env = sqlite_server_env(partial)
    subprocess.run(
        [PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [PY, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    with contextlib.closing(sqlite3.connect(partial)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial.rename(TEMPLATE)


def fresh_copy(workdir: Path) -> tuple[Path, list[str]]:
    """A copy of the demo database, open all day with unlimited walk-ins; its service slugs."""
    db = workdir / "demo.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(TEMPLATE, db)
    all_day = json.dumps([{"days": list(range(7)), "opens": "00:00", "closes": "23:59"}])
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE core_mall SET opening_hours = ?", [all_day])
        conn.execute("UPDATE queueing_counter SET opening_hours = '[]', breaks = '[]'")
        conn.execute("UPDATE queueing_queueservice SET slot_capacity = NULL, walk_in_enabled = 1")
        conn.execute("DELETE FROM queueing_slot")
        slugs = [
            row[0]
            for row in conn.execute(
                "SELECT s.slug FROM catalog_service s JOIN queueing_queueservice q "
                "ON q.service_id = s.id WHERE s.is_active ORDER BY s.id"
            )
        ]
        conn.commit()
    return db, slugs


@contextlib.contextmanager
def server(
    db: Path, port: int, command: list[str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """The `make run` server (or `command`) on a copy of the demo database, warmed up."""
    with running_server(sqlite_server_env(db), port=port, command=command, quiet=True) as (
        _,
        process,
    ):
        subprocess.run(
            ["wrk", "-t1", "-c1", "-d2s", f"http://127.0.0.1:{port}/healthz"],
            check=True,
            capture_output=True,
        )  # warm up the threads and their connections
        yield process


# The servers the serving-path comparison runs (docs/adr/0020-embedded-server.md); "serve" is
# the `make run` server. Both run one process with uvloop and httptools.
SERVERS: dict[str, list[str] | None] = {
    "serve": None,
    "asgi": [PY, "-m", "uvicorn", "mpp.asgi:application", "--host", "127.0.0.1",
             "--port", "{port}", "--loop", "uvloop", "--http", "httptools", "--no-access-log",
             "--log-level", "warning"],
    # The `make run` application with a per-request trace (bench/trace_server.py; the JSON
    # goes to $MPP_TRACE_OUT, read by bench/trace_report.py).
    "trace": [PY, str(ROOT / "bench" / "trace_server.py"), "--port", "{port}"],
}  # fmt: skip

UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        return float("nan")
    return float(match.group(1)) * UNIT[match.group(2)]


def parse_wrk(out: str) -> dict[str, float]:
    result: dict[str, float] = {}
    for label, key in (("50%", "p50"), ("90%", "p90"), ("99%", "p99")):
        match = re.search(rf"^\s+{re.escape(label)}\s+(\S+)", out, re.M)
        result[key] = _ms(match.group(1)) if match else float("nan")
    match = re.search(r"^\s+Latency\s+\S+\s+\S+\s+(\S+)", out, re.M)
    result["max"] = _ms(match.group(1)) if match else float("nan")
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    result["rps"] = float(match.group(1)) if match else 0.0
    match = re.search(r"(\d+) requests in", out)
    result["requests"] = float(match.group(1)) if match else 0.0
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["non2xx"] = float(match.group(1)) if match else 0.0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["errors"] = float(sum(int(g) for g in match.groups())) if match else 0.0
    return result


def wrk(
    url: str, connections: int, seconds: int, script: Path | None = None, gzip: bool = False
) -> dict[str, float]:
    command = ["wrk", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{seconds}s"]
    command += ["--latency", "--timeout", "5s"]
    if gzip:  # as a browser asks: the page is then compressed (HtmlGZipMiddleware)
        command += ["-H", "Accept-Encoding: gzip, deflate"]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    return parse_wrk(out)


def prefill(db: Path, count: int) -> None:
    """`count` waiting tickets issued through the domain code, spread over all services."""
    code = f"""
import django
django.setup()
from mpp.catalog.models import Service
from mpp.queueing.domain.tickets import issue_ticket
from mpp.queueing.enums import TicketChannel
services = list(Service.objects.filter(is_active=True, queue__isnull=False)
    .select_related("queue", "mall", "agency"))
for i in range({count}):
    issue_ticket(service=services[i % len(services)], channel=TicketChannel.KIOSK)
"""
    subprocess.run([PY, "-c", code], cwd=ROOT, env=sqlite_server_env(db), check=True)


def sqlite_anchor(workdir: Path, seconds: float) -> dict[str, float]:
    """The ticket transaction in plain sqlite3 (same schema, WAL, synchronous=NORMAL)."""
    db, _ = fresh_copy(workdir)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    mall_id, service_id = conn.execute(
        "SELECT mall_id, service_id FROM catalog_service s JOIN queueing_queueservice q "
        "ON q.service_id = s.id LIMIT 1"
    ).fetchone()
    day = time.strftime("%Y-%m-%d")
    count = 0
    latencies = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        number = conn.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM queueing_ticket "
            "WHERE mall_id = ? AND prefix = 'Z' AND day = ?",
            [mall_id, day],
        ).fetchone()[0]
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        cursor = conn.execute(
            "INSERT INTO queueing_ticket (code, day, prefix, number, channel, priority, "
            "is_priority, status, queued_at, issued_at, call_count, mall_id, service_id) "
            "VALUES (?, ?, 'Z', ?, 'api', 'none', 0, 'waiting', ?, ?, 0, ?, ?)",
            [f"B{count:09d}", day, number, now, now, mall_id, service_id],
        )
        conn.execute(
            "INSERT INTO queueing_ticketevent (day, kind, at, note, mall_id, service_id, "
            "ticket_id) VALUES (?, 'issued', ?, '', ?, ?, ?)",
            [day, now, mall_id, service_id, cursor.lastrowid],
        )
        conn.execute("COMMIT")
        latencies.append((time.perf_counter() - started) * 1000)
        count += 1
    conn.close()
    latencies.sort()
    return {
        "rps": count / seconds,
        "p50": latencies[len(latencies) // 2],
        "p99": latencies[int(len(latencies) * 0.99)],
        "max": latencies[-1],
        "requests": float(count),
    }


def median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    ordered = sorted(runs, key=lambda r: r["p99"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["rps_median"] = statistics.median(r["rps"] for r in runs)
    chosen["p99_all"] = max(r["p99"] for r in runs)
    chosen["max_all"] = max(r["max"] for r in runs)
    return chosen


def row(name: str, r: dict[str, float]) -> str:
    def f(key: str) -> str:
        value = r.get(key, float("nan"))
        return "-" if math.isnan(value) else f"{value:.1f}"

    return (
        f"| {name} | {f('rps_median')} | {f('p50')} | {f('p90')} | {f('p99')} | {f('max_all')} "
        f"| {int(r.get('non2xx', 0))} | {int(r.get('errors', 0))} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8501")))
    parser.add_argument("--waiting", type=int, default=5000)
    parser.add_argument("--only", default="", help="scenario names or first words, ';' between")
    parser.add_argument(
        "--server",
        choices=sorted(SERVERS),
        default="serve",
        help="serve: python -m mpp.serve (make run); asgi: plain uvicorn on Django's ASGI handler; "
        "trace: serve with a per-request trace (bench/trace_server.py)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk")
        return 2
    if port_in_use(args.port):
        print(f"port {args.port} is in use")
        return 2
    build_template()
    only = {s for s in args.only.split(";") if s}
    results: dict[str, dict[str, float]] = {}
    base = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory(prefix="mpp-embedded-") as tmp:
        workdir = Path(tmp)
        _, slugs = fresh_copy(workdir)
        script = workdir / "tickets.lua"
        script.write_text(TICKET_LUA % ", ".join(json.dumps(s) for s in slugs))
        scenarios: list[tuple[str, str, int, Path | None, int]] = [
            ("healthz c16", "/healthz", 16, None, 0),
            ("tickets c1", "/api/v1/queue/tickets", 1, script, 0),
            ("tickets c16", "/api/v1/queue/tickets", 16, script, 0),
            (f"tickets c16, {args.waiting} waiting", "/api/v1/queue/tickets", 16, script,
             args.waiting),
            ("api search c1", "/api/v1/services?q=bikin+ktp", 1, None, 0),
            ("api search c8", "/api/v1/services?q=bikin+ktp", 8, None, 0),
            ("/cari/ c1", "/cari/?q=bikin+ktp", 1, None, 0),
            ("/cari/ c8", "/cari/?q=bikin+ktp", 8, None, 0),
            ("/cari/ c8 gzip", "/cari/?q=bikin+ktp", 8, None, 0),
        ]  # fmt: skip
        chosen = [
            scenario
            for scenario in scenarios
            if not only or scenario[0].split(" ")[0] in only or scenario[0] in only
        ]
        # Round-robin: every round runs each scenario once, so on a machine whose load changes
        # (a shared one) each scenario sees the same spread of conditions, and the empty and
        # the full queue run back to back within a round.
        runs: dict[str, list[dict[str, float]]] = {name: [] for name, *_ in chosen}
        for round_number in range(args.repeat):
            for name, path, connections, lua, waiting in chosen:
                db, _ = fresh_copy(workdir)
                if waiting:
                    prefill(db, waiting)
                with server(db, args.port, SERVERS[args.server]):
                    runs[name].append(
                        wrk(base + path, connections, args.seconds, lua, name.endswith("gzip"))
                    )
                line = json.dumps(runs[name][-1])
                print(f"  round {round_number + 1} {name}: {line}", flush=True)
        for name, done in runs.items():
            results[name] = median_run(done)
        anchors = [sqlite_anchor(workdir, min(args.seconds, 5)) for _ in range(args.repeat)]
        results["raw SQLite ticket tx, 1 process"] = median_run(
            [{**a, "p90": float("nan")} for a in anchors]
        )
    print()
    print(
        f"embedded profile, server {args.server}, {args.seconds} s per run, "
        f"median of {args.repeat} (by p99)"
    )
    print("| scenario | req/s | p50 ms | p90 ms | p99 ms | max ms (all runs) | non-2xx | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for name, result in results.items():
        print(row(name, result))
    empty = runs.get("tickets c16")
    full = runs.get(f"tickets c16, {args.waiting} waiting")
    if empty and full:
        full_rps = statistics.median(r["rps"] for r in full)
        ratio = full_rps / statistics.median(r["rps"] for r in empty)
        paired = statistics.median(f["rps"] / e["rps"] for e, f in zip(empty, full, strict=True))
        print(
            f"throughput with {args.waiting} waiting / empty: {ratio:.0%} (medians), "
            f"{paired:.0%} (median of the per-round ratios)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
