"""National-scale search benchmark: N malls x the demo catalogue, timed scoped searches.

    .venv/bin/python bench/search_bench.py --malls 500                 # SQLite and PostgreSQL
    .venv/bin/python bench/search_bench.py --malls 500 --database sqlite
    .venv/bin/python bench/search_bench.py --malls 20 --runs 1          # quick smoke run

Builds its own database (never the demo one): ``var/bench/search.sqlite3`` for SQLite and the
PostgreSQL database ``mpp_search_bench`` on the server of ``--postgres-url``. The demo catalogue
of Ngawi is loaded through the domain layer, then cloned to N malls with per-mall variations of
agency and service names (bulk inserts), and the search index is rebuilt. A generated database
is reused when it already holds the requested number of malls (``--fresh`` forces a rebuild).

Queries are the evaluation set (tests/catalog/search_eval.py) plus typo variants of it, each
sent to a random mall. Every run times all queries after a warm-up; the script prints p50, p95
and p99 of wall-clock latency (search plus loading the page of services) per run and the
median of each across runs, with this process's CPU time and the machine's load average,
because a shared 2-core machine makes wall-clock time noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench" / "search.sqlite3"
PG_DATABASE = "mpp_search_bench"

# Name variations applied per mall, so malls do not share identical documents.
NAME_VARIANTS = [
    ("Penerbitan", "Pembuatan"),
    ("Pelayanan", "Layanan"),
    ("Permohonan", "Pengajuan"),
    ("Kartu Keluarga", "KK"),
    ("KTP-el", "KTP Elektronik"),
    ("Surat Keterangan", "Keterangan"),
    ("Pendaftaran", "Registrasi"),
]
REGENCIES = [
    "Ngawi", "Madiun", "Magetan", "Ponorogo", "Pacitan", "Bojonegoro", "Tuban", "Lamongan",
    "Gresik", "Sidoarjo", "Mojokerto", "Jombang", "Nganjuk", "Kediri", "Blitar", "Tulungagung",
    "Trenggalek", "Malang", "Pasuruan", "Probolinggo", "Lumajang", "Jember", "Bondowoso",
    "Situbondo", "Banyuwangi", "Sampang", "Pamekasan", "Sumenep", "Bangkalan", "Klaten",
    "Sragen", "Wonogiri", "Karanganyar", "Boyolali", "Sukoharjo", "Blora", "Rembang", "Pati",
]  # fmt: skip


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _setup_django(database: str, postgres_url: str) -> None:
    if database == "sqlite":
        SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        os.environ["SQLITE_PATH"] = str(SQLITE_PATH)
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = f"{postgres_url.rstrip('/')}/{PG_DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mpp.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _create_postgres_database(postgres_url: str, fresh: bool) -> None:
    import psycopg

    with psycopg.connect(f"{postgres_url.rstrip('/')}/postgres", autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]
        ).fetchone()
        if exists and fresh:
            conn.execute(f"DROP DATABASE {PG_DATABASE} WITH (FORCE)")
            exists = None
        if not exists:
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")


def _vary(text: str, rng: random.Random) -> str:
    for old, new in NAME_VARIANTS:
        if old in text and rng.random() < 0.5:
            text = text.replace(old, new)
    return text


def _clone(template_slug: str, malls: int, seed: int) -> None:
    """Copy the template mall's catalogue to `malls - 1` new malls with bulk inserts."""
    from django.db import transaction

    from mpp.catalog.models import Agency, ProcedureStep, Requirement, Service
    from mpp.core.models import Mall

    rng = random.Random(seed)
    template = Mall.objects.get(slug=template_slug)
    agencies = list(Agency.objects.filter(mall=template).order_by("pk"))
    services = list(Service.objects.filter(mall=template).order_by("pk"))
    requirements: dict[int, list[Requirement]] = {}
    for r in Requirement.objects.filter(service__mall=template).order_by("pk"):
        requirements.setdefault(r.service_id, []).append(r)
    steps: dict[int, list[ProcedureStep]] = {}
    for s in ProcedureStep.objects.filter(service__mall=template).order_by("pk"):
        steps.setdefault(s.service_id, []).append(s)

    def copy(obj: Any, **changes: Any) -> Any:
        clone = type(obj)(
            **{
                f.attname: getattr(obj, f.attname)
                for f in obj._meta.concrete_fields
                if not f.primary_key
            }
        )
        for name, value in changes.items():
            setattr(clone, name, value)
        return clone

    existing = Mall.objects.count()
    for number in range(existing, malls):
        with transaction.atomic():
            regency = f"{REGENCIES[number % len(REGENCIES)]} {number}"
            mall = copy(template, slug=f"mpp-{number}", name=f"Mal Pelayanan Publik {regency}")
            mall.short_name = f"MPP {regency}"
            mall.save()
            agency_map = {}
            new_agencies = [
                copy(a, mall_id=mall.pk, booth_id=None, name=f"{a.name} {regency}")
                for a in agencies
            ]
            for old, new in zip(agencies, Agency.objects.bulk_create(new_agencies), strict=True):
                agency_map[old.pk] = new.pk
            new_services = [
                copy(
                    s,
                    mall_id=mall.pk,
                    agency_id=agency_map[s.agency_id],
                    name=_vary(s.name, rng),
                    is_active=rng.random() > 0.03,  # a few inactive services per mall
                )
                for s in services
            ]
            created = Service.objects.bulk_create(new_services)
            Requirement.objects.bulk_create(
                copy(r, service_id=new.pk)
                for old, new in zip(services, created, strict=True)
                for r in requirements.get(old.pk, [])
            )
            ProcedureStep.objects.bulk_create(
                copy(s, service_id=new.pk)
                for old, new in zip(services, created, strict=True)
                for s in steps.get(old.pk, [])
            )
        if number % 50 == 0:
            print(f"  … {number} malls", flush=True)


def _queries(rng: random.Random, count: int) -> list[str]:
    from tests.catalog.search_eval import ALL_CASES

    base = [case.query for case in ALL_CASES]
    typos = []
    for query in base:
        words = query.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) >= 6:
            i = rng.randrange(1, len(word) - 1)
            words[longest] = word[:i] + word[i + 1 :]  # drop one letter
            typos.append(" ".join(words))
    pool = base + typos
    return [rng.choice(pool) for _ in range(count)]


def _build(args: argparse.Namespace) -> dict[str, float]:
    """Generate the malls and the index unless the database already has them."""
    from django.db import connection

    from mpp.catalog.search.indexing import rebuild_index
    from mpp.core.models import Mall

    build: dict[str, float] = {}
    if Mall.objects.count() != args.malls:
        from mpp.demo.catalog import load_demo_catalog as load_demo

        if Mall.objects.exists():
            sys.exit(f"{connection.settings_dict['NAME']} holds another size; use --fresh.")
        started = time.perf_counter()
        load_demo()
        template = Mall.objects.get()
        print(f"[{args.database}] cloning {template.slug} to {args.malls} malls", flush=True)
        _clone(template.slug, args.malls, args.seed)
        build["generate_s"] = time.perf_counter() - started
        started = time.perf_counter()
        rebuild_index()
        build["index_s"] = time.perf_counter() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    elif args.reindex:
        started = time.perf_counter()
        rebuild_index()
        build["index_s"] = time.perf_counter() - started
    return build


def run(args: argparse.Namespace) -> dict[str, Any]:
    if args.database == "postgres":
        _create_postgres_database(args.postgres_url, args.fresh)
    elif args.fresh and SQLITE_PATH.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    _setup_django(args.database, args.postgres_url)

    from django.core.management import call_command
    from django.db import connection

    from mpp.catalog.models import Service
    from mpp.catalog.search import search_services
    from mpp.core.models import Mall

    call_command("migrate", verbosity=0)
    build = _build(args)

    malls = list(Mall.objects.order_by("pk"))
    service_count = Service.objects.count()
    rng = random.Random(args.seed)
    queries = _queries(rng, args.queries)
    targets = [rng.choice(malls) for _ in queries]

    def timed_pass() -> tuple[list[float], list[float]]:
        wall, cpu = [], []
        for query, mall in zip(queries, targets, strict=True):
            started, started_cpu = time.perf_counter(), time.process_time()
            result = search_services(mall=mall, query=query, limit=20)
            [s.agency_id for s in result.services]
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        return wall, cpu

    timed_pass()  # warm-up: stemmer dictionary, caches, database pages
    runs = []
    for number in range(args.runs):
        load = os.getloadavg()[0]
        timings, cpu = timed_pass()
        summary = {
            "p50": _percentile(timings, 0.50),
            "p95": _percentile(timings, 0.95),
            "p99": _percentile(timings, 0.99),
            "max": max(timings),
            # This process's CPU time (Python + SQLite in-process; PostgreSQL's server time is
            # not included): the part of the latency that is ours, less sensitive to a busy
            # machine than wall-clock time.
            "cpu_p50": _percentile(cpu, 0.50),
            "cpu_p95": _percentile(cpu, 0.95),
            "load": load,
        }
        runs.append(summary)
        print(
            f"[{args.database}] run {number + 1}: "
            + "  ".join(f"{k} {v:.1f}" for k, v in summary.items()),
            flush=True,
        )
    return {
        "database": args.database,
        "server": connection.vendor
        + " "
        + (
            connection.Database.sqlite_version
            if connection.vendor == "sqlite"
            else f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
        ),
        "malls": len(malls),
        "services": service_count,
        "queries_per_run": len(queries),
        "runs": runs,
        "median": {
            key: statistics.median(r[key] for r in runs)
            for key in ("p50", "p95", "p99", "max", "cpu_p50", "cpu_p95", "load")
        },
        **build,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--malls", type=int, default=500)
    parser.add_argument("--queries", type=int, default=400, help="queries per run")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--database", choices=["sqlite", "postgres", "both"], default="both", help="engine"
    )
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--fresh", action="store_true", help="regenerate the database")
    parser.add_argument("--reindex", action="store_true", help="rebuild the index first")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args()

    if args.database == "both":
        # One process per engine: Django settings are read once per process.
        results = []
        for database in ("sqlite", "postgres"):
            command = [sys.executable, __file__, *sys.argv[1:], "--database", database, "--json"]
            output = subprocess.run(command, check=True, capture_output=True, text=True)
            sys.stderr.write(output.stderr)
            lines = output.stdout.strip().splitlines()
            print("\n".join(lines[:-1]))
            results.append(json.loads(lines[-1]))
    else:
        results = [run(args)]
        if args.json:
            print(json.dumps(results[0]))
            return

    print()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    for r in results:
        m = r["median"]
        extra = "".join(f", {k} {r[k]:.0f} s" for k in ("generate_s", "index_s") if k in r)
        print(
            f"{r['server']}: {r['malls']} malls, {r['services']} services, "
            f"{r['queries_per_run']} queries x {len(r['runs'])} runs — median "
            f"p50 {m['p50']:.1f} ms, p95 {m['p95']:.1f} ms, p99 {m['p99']:.1f} ms "
            f"(CPU p50 {m['cpu_p50']:.1f} ms, p95 {m['cpu_p95']:.1f} ms; "
            f"load average {m['load']:.1f}){extra}"
        )


if __name__ == "__main__":
    main()
