"""The live refresh of a whole hall's open pages: how many fetches the officers' consoles and the
citizens' phone pages make per queue event, how many statements and how much time that costs,
for pages refreshing on every nudge of the mall (before) and only for the nudges that concern
what they show (static/mpp/js/live.js, `concerns`; now), in the same run on the same data.

    .venv/bin/python bench/console_bench.py [--events 200] [--repeat 3] [--seed 7]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/console_bench.py --postgres ...

What it does (one process, in-process requests through Django's full stack, DEBUG off):
1. a fresh copy of the demo database (bench/embedded_bench.py builds it once: the Ngawi demo,
   every counter with its signed-in demo officer), open all day; with `--postgres` the same
   demo loaded once into PostgreSQL and copied for each repeat;
2. signs every counter's officer in (a session with the second factor passed), as each
   console in the hall is open;
3. drives the hall: `--events` queue events, half kiosk tickets for a random service, half an
   officer's "finish & call next" at a random counter, through the domain functions, and
   records the board nudges each event sends;
4. keeps a phone page open for every ticket issued until it is served (the capacity plan's
   assumption, docs/capacity.md);
5. for each event, every page that would refresh fetches what it shows (a console its live
   fragment `/antrian/loket/<n>/daftar/`, a phone its `status.json`) under each policy:
   "every nudge" (every open page when the event nudged the board) and "what they show" (the
   rule of live.js: the nudge names one of the page's services or counters, or neither; a
   phone also refreshes for its own ticket's nudge). Statements are counted with an execute
   wrapper.

Each repeat runs the events on a fresh copy; the table shows medians over the repeats.
The browser's coalescing of nudges (150–400 ms) is left out: one event's nudges make one
refresh per page under both policies.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from embedded_bench import build_template, fresh_copy
from load_env import sqlite_server_env
from prod_bench import database_url, recreate_database

ROOT = Path(__file__).resolve().parents[1]
ALL_DAY = json.dumps([{"days": list(range(7)), "opens": "00:00", "closes": "23:59"}])


def concerns(scope: dict[str, Any] | None, nudge: dict[str, Any]) -> bool:
    """static/mpp/js/live.js's `concerns`: does a nudge concern a page that shows `scope`?"""
    if scope is None:
        return True
    service, counter = nudge.get("service"), nudge.get("counter")
    if service is None and counter is None:
        return True
    return service in scope["services"] or counter in scope["counters"]


def setup(db: Path, postgres: str) -> None:
    os.environ.update(sqlite_server_env(db))
    if postgres:
        os.environ["DATABASE_URL"] = database_url(postgres, PG_DB)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="mpp.settings",
        DEBUG="false",
        ALLOWED_HOSTS="testserver",
        LOG_LEVEL="ERROR",
        MPP_ACCESS_LOG="false",
        STATIC_PLAIN="1",
        STATIC_ROOT=str(db.parent),  # fragments and JSON name no static file; quiets whitenoise
    )
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    import django

    django.setup()


@dataclass
class Page:
    """An open page that follows the mall's live stream: an officer's console or a phone."""

    kind: str  # "console" or "phone"
    url: str  # what it fetches on a refresh
    client: Any
    scope: dict[str, Any]
    channel: str = ""  # its own channel besides the board's (a ticket's page)


def _open_consoles(counters: list[Any]) -> list[Page]:
    """Every counter's officer signed in (a session with the second factor passed), with the
    console's scope: its services and its counter."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    consoles = []
    for counter in counters:
        client = Client()
        device, _ = TOTPDevice.objects.get_or_create(
            user=counter.officer, name="bench", defaults={"confirmed": True}
        )
        client.force_login(counter.officer, backend="django.contrib.auth.backends.ModelBackend")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        scope = {"services": {s.pk for s in counter.services.all()}, "counters": {counter.pk}}
        url = f"/antrian/loket/{counter.number}/daftar/"
        consoles.append(Page("console", url, client, scope))
    return consoles


def run(events: int, seed: int) -> dict[tuple[str, str], dict[str, float]]:
    from django.db import connection
    from django.test import Client

    from mpp.core import events as live
    from mpp.queueing import domain, queries
    from mpp.queueing.enums import AT_COUNTER, TicketStatus
    from mpp.queueing.models import Counter, Ticket

    counters = list(
        Counter.objects.filter(is_active=True, officer__isnull=False)
        .select_related("officer", "mall")
        .prefetch_related("services")
        .order_by("number")
    )
    consoles = _open_consoles(counters)
    services = {s.pk: s for c in counters for s in c.services.all()}
    served = sorted(services)
    phone_client = Client()
    phones: dict[str, Page] = {}  # every ticket waiting or at a counter has its page open

    nudges: list[tuple[str, dict[str, Any]]] = []
    original = live.publish_many

    def record(messages: list[tuple[str, dict[str, Any]]]) -> None:
        nudges.extend(messages)
        original(messages)

    live.publish_many = record  # type: ignore[assignment]
    statements = [0]

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements[0] += 1
        return execute(sql, params, many, context)

    rng = random.Random(seed)
    totals = {
        (kind, policy): {"pages": 0.0, "fetches": 0, "statements": 0, "seconds": 0.0}
        for kind in ("console", "phone")
        for policy in ("every", "scoped")
    }
    for _ in range(events):
        nudges.clear()
        if rng.random() < 0.5:
            ticket = domain.issue_ticket(service=services[rng.choice(served)])
            scope = queries.live_scope(ticket.service)
            phones[ticket.code] = Page(
                "phone",
                f"/antrian/tiket/{ticket.code}/status.json",
                phone_client,
                {"services": set(scope["services"]), "counters": set(scope["counters"])},
                f"ticket:{ticket.code}",
            )
        else:
            counter = rng.choice(counters)
            current = Ticket.objects.filter(counter=counter, status__in=AT_COUNTER).first()
            domain.call_next(
                counter=counter, officer=counter.officer, finish=current.code if current else ""
            )
        open_codes = set(
            Ticket.objects.filter(code__in=list(phones))
            .filter(status__in=[TicketStatus.WAITING, *AT_COUNTER])
            .values_list("code", flat=True)
        )
        for code in set(phones) - open_codes:
            del phones[code]  # served: the citizen closes the page
        board = [m for channel, m in nudges if channel.startswith("board:")]
        own = {channel for channel, _ in nudges if channel.startswith("ticket:")}
        pages = consoles + list(phones.values())
        for policy in ("every", "scoped"):
            for kind in ("console", "phone"):
                todo = [
                    p
                    for p in pages
                    if p.kind == kind
                    and (
                        p.channel in own
                        or (board and policy == "every")
                        or any(concerns(p.scope, n) for n in board)
                    )
                ]
                statements[0] = 0
                started = time.perf_counter()
                with connection.execute_wrapper(count):
                    for page in todo:
                        response = page.client.get(page.url)
                        if response.status_code != 200:
                            raise SystemExit(f"{page.url}: {response.status_code}")
                total = totals[(kind, policy)]
                total["seconds"] += time.perf_counter() - started
                total["pages"] += sum(p.kind == kind for p in pages)
                total["fetches"] += len(todo)
                total["statements"] += statements[0]
    live.publish_many = original  # type: ignore[assignment]
    return {
        key: {
            "pages": t["pages"] / events,
            "fetches": t["fetches"] / events,
            "statements": t["statements"] / events,
            "ms": 1000 * t["seconds"] / events,
            "ms_per_fetch": 1000 * t["seconds"] / max(1, t["fetches"]),
        }
        for key, t in totals.items()
    }


PG_DB, PG_TEMPLATE = "mpp_console_bench", "mpp_console_bench_template"


def pg_template(server_url: str, sqlite_db: Path) -> None:
    """The demo in PostgreSQL (`load_demo` and opened all day as on SQLite when the template is
    made; migrated on every run, so a kept template follows later migrations): the repeats
    start from copies of it (`CREATE DATABASE … TEMPLATE`)."""
    import psycopg

    with psycopg.connect(database_url(server_url, "postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_TEMPLATE])
        new = exists.fetchone() is None
    if new:
        recreate_database(server_url, PG_TEMPLATE)
    env = {**sqlite_server_env(sqlite_db), "DATABASE_URL": database_url(server_url, PG_TEMPLATE)}
    commands = [["migrate", "--noinput", "-v", "0"]] + ([["load_demo"]] if new else [])
    for args in commands:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if not new:
        return
    with psycopg.connect(database_url(server_url, PG_TEMPLATE), autocommit=True) as conn:
        conn.execute("UPDATE core_mall SET opening_hours = %s", [ALL_DAY])
        conn.execute("UPDATE queueing_counter SET opening_hours = '[]', breaks = '[]'")
        conn.execute(
            "UPDATE queueing_queueservice SET slot_capacity = NULL, walk_in_enabled = true"
        )
        conn.execute("DELETE FROM queueing_slot")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--postgres",
        action="store_true",
        help=f"on PostgreSQL ($DATABASE_URL's server; databases {PG_DB} and {PG_TEMPLATE})",
    )
    args = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "") if args.postgres else ""
    if args.postgres and not server_url:
        raise SystemExit(
            "--postgres needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)"
        )
    build_template()
    runs: list[dict[tuple[str, str], dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="mpp-console-") as tmp:
        db, _slugs = fresh_copy(Path(tmp))
        if server_url:
            pg_template(server_url, db)
            recreate_database(server_url, PG_DB, template=PG_TEMPLATE)
        setup(db, server_url)
        for i in range(args.repeat):
            if i:
                from django.db import connection

                connection.close()
                if server_url:
                    recreate_database(server_url, PG_DB, template=PG_TEMPLATE)
                else:
                    fresh_copy(Path(tmp))
            runs.append(run(args.events, args.seed + i))
    where = "PostgreSQL" if server_url else "SQLite"
    print(f"{where}, {args.events} events per repeat, {args.repeat} repeats, medians")
    print(
        "| pages | refresh on | open pages (mean) | fetches per event | statements per event "
        "| ms per event | ms per fetch |"
    )
    print("|---|---|---|---|---|---|---|")
    for kind in ("console", "phone"):
        for policy, name in (("every", "every nudge (before)"), ("scoped", "what they show")):
            median = {
                key: statistics.median(r[(kind, policy)][key] for r in runs)
                for key in runs[0][(kind, policy)]
            }
            print(
                f"| {kind} | {name} | {median['pages']:.1f} | {median['fetches']:.1f} "
                f"| {median['statements']:.1f} | {median['ms']:.1f} "
                f"| {median['ms_per_fetch']:.2f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
