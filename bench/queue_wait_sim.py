"""Simulated day at a Dukcapil booth: how wrong is the wait estimate?

Runs the real domain functions (issue_ticket, call_next, start/finish) against a throw-away
SQLite database with a simulated clock: Poisson arrivals (a morning peak), log-normal
handling times per service, 3 counters, 8 % priority visitors. At every ticket issue it records
the estimate shown on the ticket; when the ticket is called it records the real wait. Two days
are played: day 1 starts with no history (estimates use the configured default), day 2 uses
day 1's measured handling times.

    .venv/bin/python bench/queue_wait_sim.py [--seed 7] [--days 2]

Prints mean/median/p90 absolute error, bias, and how often the real wait fell inside the
range shown (±30 %), next to a naive estimate (people ahead × 10 min ÷ counters).
"""

from __future__ import annotations

import argparse
import heapq
import math
import os
import random
import statistics
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    db = Path(tempfile.mkdtemp()) / "wait-sim.sqlite3"
    os.environ["SQLITE_PATH"] = str(db)
    os.environ["DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mpp.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


SERVICES = [  # slug, mean handling minutes, sigma of log-normal, share of arrivals
    ("ktp-el", 7.0, 0.45, 0.55),
    ("kk", 12.0, 0.5, 0.30),
    ("akta", 9.0, 0.4, 0.15),
]
COUNTERS = 3
OPEN_MIN, CLOSE_MIN = 8 * 60, 14 * 60  # arrivals 08:00–14:00 WIB


def arrival_rate(minute_of_day: int) -> float:
    """Visitors per minute: a peak in the first two hours, then steady."""
    return 0.40 if minute_of_day < 10 * 60 else 0.25


def simulate(seed: int, days: int) -> list[dict[str, float]]:  # noqa: PLR0915 - one event loop
    from mpp.accounts.enums import StaffRole
    from mpp.accounts.models import StaffMembership, User
    from mpp.catalog.models import Agency, Service
    from mpp.core.models import Mall
    from mpp.queueing import domain
    from mpp.queueing.models import Counter, QueueService
    from mpp.queueing.queries import clear_caches, estimate_wait

    rng = random.Random(seed)
    mall = Mall.objects.create(
        slug="sim", name="MPP Sim", short_name="Sim", regency="Ngawi", address="-",
        opening_hours=[{"days": [0, 1, 2, 3, 4, 5, 6], "opens": "00:00", "closes": "23:59"}],
    )  # fmt: skip
    agency = Agency.objects.create(
        mall=mall, slug="dukcapil", name="Dukcapil", short_name="Dukcapil", level="regency"
    )
    services = {}
    for slug, _mean, _sigma, _share in SERVICES:
        service = Service.objects.create(
            mall=mall, agency=agency, slug=slug, name=slug, turnaround_value=1,
            turnaround_unit="days", fee_kind="free", product="-", complaint_handling="-",
            channel="counter", source="simulation",
        )  # fmt: skip
        QueueService.objects.create(service=service, prefix="A", default_handling_minutes=10)
        services[slug] = service
    counters, officers = [], []
    for n in range(COUNTERS):
        counter = Counter.objects.create(mall=mall, agency=agency, number=n + 1)
        counter.services.set(services.values())
        user = User.objects.create(username=f"sim{n}")
        StaffMembership.objects.create(
            user=user, mall=mall, agency=agency, role=StaffRole.COUNTER_OFFICER
        )
        domain.sign_in_counter(counter=counter, officer=user)
        counters.append(counter)
        officers.append(user)

    results = []
    for day in range(days):
        base = datetime(2026, 11, 30, 0, 0, tzinfo=UTC) + timedelta(days=day) - timedelta(hours=7)
        events: list[tuple[float, int, str, int]] = []  # (minute, seq, kind, index)
        seq = 0
        t = float(OPEN_MIN)
        while True:
            t += rng.expovariate(arrival_rate(int(t)))
            if t >= CLOSE_MIN:
                break
            heapq.heappush(events, (t, seq, "arrive", 0))
            seq += 1
        for i in range(COUNTERS):
            heapq.heappush(events, (float(OPEN_MIN), seq, "free", i))
            seq += 1
        shown: dict[int, tuple[float, int, int, int, int]] = {}
        idle: set[int] = set()
        records = []
        while events:
            minute, _, kind, index = heapq.heappop(events)
            now = base + timedelta(minutes=minute)
            if kind == "arrive":
                slug = rng.choices([s[0] for s in SERVICES], weights=[s[3] for s in SERVICES])[0]
                priority = "elderly" if rng.random() < 0.08 else ""
                ticket = domain.issue_ticket(service=services[slug], priority=priority, now=now)
                clear_caches()  # the caches live seconds; the sim's minutes pass in milliseconds
                estimate = estimate_wait(services[slug], ticket=ticket, now=now)
                shown[ticket.pk] = (
                    minute,
                    estimate.minutes,
                    estimate.low,
                    estimate.high,
                    estimate.ahead,
                )
                for i in sorted(idle):  # wake an idle counter
                    idle.discard(i)
                    heapq.heappush(events, (minute, seq, "free", i))
                    seq += 1
                    break
                continue
            # A counter is free: finish its current ticket (if any), call the next one.
            ticket = domain.call_next(counter=counters[index], officer=officers[index], now=now)
            if ticket is None:
                idle.add(index)
                continue
            issued_min, est, low, high, ahead = shown.pop(ticket.pk)
            actual = minute - issued_min
            records.append({"est": est, "low": low, "high": high, "actual": actual, "ahead": ahead})
            walk = 0.5
            mean, sigma = next((m, s) for sl, m, s, _ in SERVICES if sl == ticket.service.slug)
            duration = rng.lognormvariate(math.log(mean) - sigma**2 / 2, sigma)
            domain.start_service(
                ticket=ticket, officer=officers[index], now=now + timedelta(minutes=walk)
            )
            heapq.heappush(events, (minute + walk + duration, seq, "free", index))
            seq += 1
        # Close the day: finish what is still at a counter.
        for i, counter in enumerate(counters):
            current = counter.tickets.filter(status__in=["called", "serving"]).first()
            if current:
                domain.finish_service(
                    ticket=current, officer=officers[i], now=base + timedelta(hours=16)
                )
        results.append(summarise(records, day + 1))
    return results


def summarise(records: list[dict[str, float]], day: int) -> dict[str, float]:
    errors = [abs(r["est"] - r["actual"]) for r in records]
    signed = [r["est"] - r["actual"] for r in records]
    naive = [abs(r["ahead"] * 10 / COUNTERS - r["actual"]) for r in records]
    inside = [r["low"] - 2 <= r["actual"] <= r["high"] + 2 for r in records]
    ordered = sorted(errors)
    return {
        "day": day,
        "visits": len(records),
        "mean_wait": statistics.mean(r["actual"] for r in records),
        "mae": statistics.mean(errors),
        "median_ae": statistics.median(errors),
        "p90_ae": ordered[int(0.9 * (len(ordered) - 1))],
        "bias": statistics.mean(signed),
        "in_range": 100 * sum(inside) / len(inside),
        "naive_mae": statistics.mean(naive),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--days", type=int, default=2)
    args = parser.parse_args()
    setup_django()
    rows = simulate(args.seed, args.days)
    print(
        "| day | visits | mean real wait | MAE | median AE | p90 AE | bias "
        "| real wait in shown range (±2 min) | naive MAE |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['day']} | {r['visits']} | {r['mean_wait']:.1f} min | {r['mae']:.1f} min | "
            f"{r['median_ae']:.1f} min | {r['p90_ae']:.1f} min | {r['bias']:+.1f} min | "
            f"{r['in_range']:.0f} % | {r['naive_mae']:.1f} min |"
        )


if __name__ == "__main__":
    main()
