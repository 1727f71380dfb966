"""Benchmark of the public transparency dashboard on a national-scale data set.

    .venv/bin/python bench/transparency_bench.py [--malls 100] [--agencies 12] [--days 365]
        [--raw-tickets 200000] [--raw-applications 40000] [--repeat 50] [--db PATH]

What it does (a fresh SQLite file, /tmp/mpp_transparency_bench.sqlite3 by default; nothing
touches the development database):

1. migrates the file and creates `--malls` malls with `--agencies` agencies (one service each);
2. **national scale, as rollups**: writes the daily rollup rows directly (malls × agencies ×
   days, e.g. 100 × 12 × 365 = 438,000 rows) with random counts whose totals are 10,000,000
   tickets and 2,000,000 applications; the dashboard reads only these rows, so this is the
   data size it sees. The raw rows are *not* generated at that scale;
3. **raw subset**: bulk-loads `--raw-tickets` real Ticket rows and `--raw-applications`
   Application rows for the first mall over its last 60 days, and times
   `refresh_daily_stats` over those 60 days (which then replaces the generated rows of
   that mall and those days);
4. renders the dashboard with Django's test client (full middleware, templates, DEBUG off)
   for the default 30 days, a whole year, a year filtered by one agency, the
   `public_stats` API and one CSV download for a year: 3 warm-ups, then `--repeat` timed
   renders each, first "cold" (the cache cleared before every request, so the rollups are
   read and summed each time) and then with the period's rollup sums cached; reports
   median, p95 and max wall time and the process's CPU time in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WIB = ZoneInfo("Asia/Jakarta")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def generate(args: argparse.Namespace, today: date, days: list[date]) -> None:  # noqa: PLR0915 - linear
    """Steps 1–3: malls, the national-scale rollups and the raw subset with its refresh."""
    from django.conf import settings
    from django.core.management import call_command

    from mpp.accounts.models import User
    from mpp.applications.enums import ApplicationState
    from mpp.applications.models import Application
    from mpp.catalog.models import Agency, Service
    from mpp.core.models import Mall
    from mpp.queueing.enums import TicketChannel, TicketStatus
    from mpp.queueing.models import Ticket
    from mpp.transparency.domain import refresh_daily_stats
    from mpp.transparency.models import DailyAgencyStats

    rng = random.Random(2026)
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - t0:.1f} s", flush=True)

    # --- malls, agencies, services ---
    malls = []
    services: dict[int, list[Service]] = {}
    for m in range(args.malls):
        slug = settings.MPP_DEFAULT_MALL if m == 0 else f"mall-{m:03d}"
        mall = Mall.objects.create(
            slug=slug, name=f"MPP {slug}", short_name=slug, regency="Kab", address="Jl."
        )
        malls.append(mall)
        agencies = Agency.objects.bulk_create(
            Agency(mall=mall, slug=f"agency-{a}", name=f"Dinas Contoh {a}",
                   short_name=f"D{a}", level="regency", position=a)
            for a in range(args.agencies)
        )  # fmt: skip
        services[mall.pk] = Service.objects.bulk_create(
            Service(mall=mall, agency=a, slug=f"service-{a.position}", name=f"Layanan {a.pk}",
                    turnaround_value=3, turnaround_unit="working_days", fee_kind="fixed",
                    fee_amount=rng.choice([0, 10000, 50000]), product="Dokumen",
                    complaint_handling="-", channel="counter", source="bench")
            for a in agencies
        )  # fmt: skip

    # --- national scale: rollup rows written directly ---
    cells = args.malls * args.agencies * args.days
    per_row_tickets = args.tickets / cells
    per_row_apps = args.applications / cells
    hour_weights = [0] * 7 + [4, 10, 8, 6, 3, 5, 3, 1] + [0] * 9
    t0 = time.perf_counter()
    total_tickets = total_apps = 0
    batch: list[DailyAgencyStats] = []
    for mall in malls:
        for service in services[mall.pk]:
            for day in days:
                visitors = max(0, round(rng.gauss(per_row_tickets, per_row_tickets / 4)))
                apps = max(0, round(rng.gauss(per_row_apps, per_row_apps / 3)))
                total_tickets += visitors
                total_apps += apps
                by_hour = [0] * 24
                for hour in rng.choices(range(24), weights=hour_weights, k=visitors):
                    by_hour[hour] += 1
                wait_hist: dict[str, int] = {}
                service_hist: dict[str, int] = {}
                wait_s = service_s = 0
                for _ in range(visitors):
                    w = rng.randrange(1, 61)
                    s = rng.randrange(2, 31)
                    wait_hist[str(w)] = wait_hist.get(str(w), 0) + 1
                    service_hist[str(s)] = service_hist.get(str(s), 0) + 1
                    wait_s += w * 60 - 30
                    service_s += s * 60 - 30
                finished = apps
                batch.append(
                    DailyAgencyStats(
                        mall=mall, agency_id=service.agency_id, day=day, visitors=visitors,
                        tickets_by_hour=by_hour, wait_count=visitors, wait_seconds=wait_s,
                        wait_histogram=wait_hist, service_count=visitors,
                        service_seconds=service_s, service_histogram=service_hist,
                        applications_submitted=apps, applications_finished=finished,
                        applications_in_time=round(finished * rng.uniform(0.6, 1.0)),
                    )
                )  # fmt: skip
                if len(batch) >= 5000:
                    DailyAgencyStats.objects.bulk_create(batch)
                    batch.clear()
    DailyAgencyStats.objects.bulk_create(batch)
    rollup_s = time.perf_counter() - t0
    rollups = DailyAgencyStats.objects.count()
    print(f"rollups: {rollups:,} rows = {total_tickets:,} tickets, {total_apps:,} "
          f"applications, written in {rollup_s:.1f} s", flush=True)  # fmt: skip

    # --- raw subset for the first mall, then the refresh timed ---
    mall = malls[0]
    user = User.objects.create(username="bench-applicant")
    raw_days = [today - timedelta(days=n) for n in range(60)]
    t0 = time.perf_counter()
    tickets = []
    for i in range(args.raw_tickets):
        day = raw_days[i % len(raw_days)]
        service = services[mall.pk][i % len(services[mall.pk])]
        hour = rng.choices(range(24), weights=hour_weights)[0]
        issued = datetime.combine(day, dtime(hour, rng.randrange(60)), tzinfo=WIB)
        called = issued + timedelta(seconds=rng.randrange(30, 3600))
        done = called + timedelta(seconds=rng.randrange(60, 1800))
        tickets.append(
            Ticket(mall=mall, code=f"B{i:09d}", day=day, prefix="A", number=i + 1,
                   service=service, channel=TicketChannel.KIOSK, status=TicketStatus.DONE,
                   queued_at=issued, issued_at=issued, called_at=called, started_at=called,
                   finished_at=done)
        )  # fmt: skip
        if len(tickets) >= 5000:
            Ticket.objects.bulk_create(tickets)
            tickets.clear()
    Ticket.objects.bulk_create(tickets)
    applications = []
    for i in range(args.raw_applications):
        service = services[mall.pk][i % len(services[mall.pk])]
        submitted = datetime.combine(
            raw_days[i % len(raw_days)], dtime(9, rng.randrange(60)), tzinfo=WIB
        )
        decided = submitted + timedelta(days=rng.randrange(0, 8))
        applications.append(
            Application(mall=mall, service=service, agency_id=service.agency_id,
                        applicant=user, tracking_code=f"BA{i:08d}",
                        state=ApplicationState.APPROVED, submitted_at=submitted,
                        first_submitted_at=submitted, decided_at=decided,
                        due_date=(submitted + timedelta(days=5)).date())
        )  # fmt: skip
    Application.objects.bulk_create(applications, batch_size=5000)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for day in raw_days:
        refresh_daily_stats(mall=mall, day=day)
    refresh_s = time.perf_counter() - t0
    print(f"raw subset: {args.raw_tickets:,} tickets + {args.raw_applications:,} applications "
          f"loaded in {load_s:.1f} s; refresh of 60 days: {refresh_s:.1f} s "
          f"({refresh_s / 60 * 1000:.0f} ms per day)", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--malls", type=int, default=100)
    parser.add_argument("--agencies", type=int, default=12)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--tickets", type=int, default=10_000_000)
    parser.add_argument("--applications", type=int, default=2_000_000)
    parser.add_argument("--raw-tickets", type=int, default=200_000)
    parser.add_argument("--raw-applications", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument(
        "--reuse", action="store_true", help="Keep the database of the last run; only render."
    )
    parser.add_argument(
        "--db",
        default="/tmp/mpp_transparency_bench.sqlite3",  # noqa: S108 - a throwaway benchmark file
    )
    args = parser.parse_args()

    db = Path(args.db)
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mpp.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    settings.DEBUG = False
    # Plain static storage: the benchmark must not depend on `collectstatic` having run.
    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    today = date.today()
    days = [today - timedelta(days=n) for n in range(args.days)]
    if not args.reuse:
        generate(args, today, days)

    # --- renders ---
    client = Client()
    year = {"from": days[-1].isoformat(), "to": today.isoformat()}
    cases = [
        ("dashboard, default 30 days", "/transparansi/", {}),
        ("dashboard, 365 days", "/transparansi/", year),
        ("dashboard, 365 days, one agency", "/transparansi/", {**year, "agency": "agency-1"}),
        ("public_stats API, 365 days", "/api/v1/stats", year),
        ("open data CSV (times), 365 days", "/transparansi/data/times.csv", year),
    ]
    print(
        "\n| request | median ms | p95 ms | max ms | CPU median ms | CPU p95 ms | bytes |"
        "\n|---|---|---|---|---|---|---|"
    )
    from django.core.cache import cache

    runs = [(label, url, params, cold) for cold in (True, False) for label, url, params in cases]
    for label, url, params, cold in runs:
        for _ in range(3):
            response = client.get(url, params)
            assert response.status_code == 200, (url, response.status_code)
        timings = []
        cpu = []
        for _ in range(args.repeat):
            if cold:  # every render reads the rollups again
                cache.clear()
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url, params)
            timings.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        name = f"{label}, {'cold (cache cleared)' if cold else 'cached rollups'}"
        print(f"| {name} | {statistics.median(timings):.1f} | {pct(timings, 95):.1f} | "
              f"{max(timings):.1f} | {statistics.median(cpu):.1f} | {pct(cpu, 95):.1f} | "
              f"{len(response.content):,} |", flush=True)  # fmt: skip

    print(f"load average at the end: {os.getloadavg()}")
    print(f"\nmachine: {platform.platform()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
          f"database file {db} ({db.stat().st_size / 1e6:.0f} MB)")  # fmt: skip


if __name__ == "__main__":
    main()
