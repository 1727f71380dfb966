"""National network benchmark (issue 14 item 6): 500 malls against a one-mall installation,
in the same run, over HTTP in the production profile (``python -m mpp.serve``, DEBUG off).

    .venv/bin/python bench/national_bench.py                      # 500 malls, 200 requests/URL
    .venv/bin/python bench/national_bench.py --malls 50 --requests 50   # quick smoke run

Builds two SQLite files under var/bench/ (reused when they already hold the requested size):

* ``national-<N>.sqlite3``: the Ngawi demo catalogue cloned to N malls (bench/search_bench.py's
  cloner: agencies, services, requirements, steps, the search index), spread over the 38
  provinces, and 30 days of daily rollups for 5 agencies of every mall;
* ``national-1.sqlite3``: the same for one mall.

Then serves each file in turn with ``python -m mpp.serve`` (one worker, the production
profile's settings; fair use unlimited as in every benchmark, bench/load_env.py) and times,
sequentially from one client, after 20 warm-up requests each:

* the portal search ``/nasional/cari/?q=…`` (the same URL on both installations), rotating
  over passport, KTP, business licence, birth certificate and family card queries;
* a mall's home page: ``/m/<slug>/`` of a random mall (national) / ``/`` (one mall);
* the national comparison ``/nasional/perbandingan/`` (national and one mall alike).

Prints p50/p95 per URL and the national / one-mall ratio of the p95s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "var" / "bench"
PY = str(ROOT / ".venv" / "bin" / "python")
QUERIES = ["paspor", "ktp elektronik", "izin usaha", "akta kelahiran", "kartu keluarga"]
AGENCIES_WITH_ROLLUPS = 5
DAYS = 30

sys.path.insert(0, str(ROOT / "bench"))
from load_env import sqlite_server_env  # noqa: E402

BUILD_SCRIPT = """
import random, sys, time
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
sys.path.insert(0, {bench!r})
import search_bench
from mpp.catalog.models import Agency
from mpp.catalog.search.indexing import rebuild_index
from mpp.core.models import Mall
from mpp.demo.catalog import load_demo_catalog
from mpp.national.regions import PROVINCES
from mpp.transparency.models import DailyAgencyStats
malls = {malls}
started = time.perf_counter()
load_demo_catalog()
template = Mall.objects.get()
if malls > 1:
    search_bench._clone(template.slug, malls, 7)
provinces = sorted(PROVINCES)
rng = random.Random(7)
for index, mall in enumerate(Mall.objects.order_by("pk")):
    if index:
        code = provinces[index % len(provinces)]
        mall.region_code = f"{{code}}.{{index // len(provinces) + 1:02d}}"
        mall.latitude = round(rng.uniform(-9.5, 4.5), 4)
        mall.longitude = round(rng.uniform(96.0, 139.0), 4)
        mall.save(update_fields=["region_code", "latitude", "longitude"])
rebuild_index()
today = timezone.localdate()
rows = []
for mall in Mall.objects.order_by("pk"):
    agencies = list(Agency.objects.filter(mall=mall).order_by("pk")[:{agencies}])
    for back in range(1, {days} + 1):
        for agency in agencies:
            waits = rng.randrange(5, 80)
            rows.append(DailyAgencyStats(
                mall=mall, agency=agency, day=today - timedelta(days=back), visitors=waits,
                wait_count=waits, wait_seconds=waits * rng.randrange(300, 1800),
                wait_histogram={{str(m): rng.randrange(1, 9) for m in range(0, 60, 5)}},
                applications_finished=rng.randrange(0, 6), applications_in_time=0,
            ))
    if len(rows) > 5000:
        DailyAgencyStats.objects.bulk_create(rows); rows = []
DailyAgencyStats.objects.bulk_create(rows)
print(f"built {{Mall.objects.count()}} malls in {{time.perf_counter() - started:.0f}} s")
"""


def build(db: Path, malls: int) -> None:
    if db.exists():
        return
    BENCH.mkdir(parents=True, exist_ok=True)
    partial = db.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    env = sqlite_server_env(partial)
    subprocess.run(
        [PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    script = BUILD_SCRIPT.format(
        bench=str(ROOT / "bench"), malls=malls, agencies=AGENCIES_WITH_ROLLUPS, days=DAYS
    )
    subprocess.run([PY, "-c", script], cwd=ROOT, env=env, check=True)
    connection = sqlite3.connect(partial)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    partial.rename(db)


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own server
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - started) * 1000


def _wait_up(base: str) -> None:
    for _ in range(300):
        try:
            _get(f"{base}/healthz")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def measure(db: Path, port: int, urls: dict[str, list[str]], requests: int) -> dict[str, Any]:
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [PY, "-m", "mpp.serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT, env=sqlite_server_env(db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_up(base)
        out: dict[str, Any] = {}
        for name, paths in urls.items():
            for i in range(20):
                _get(base + paths[i % len(paths)])
            times = [_get(base + paths[i % len(paths)]) for i in range(requests)]
            ordered = sorted(times)
            out[name] = {
                "p50": statistics.median(times),
                "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
                "max": ordered[-1],
            }
        return out
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--malls", type=int, default=500)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--port", type=int, default=15080)
    args = parser.parse_args()

    national_db = BENCH / f"national-{args.malls}.sqlite3"
    single_db = BENCH / "national-1.sqlite3"
    build(national_db, args.malls)
    build(single_db, 1)

    rng = random.Random(3)
    slugs = ["ngawi"] + [f"mpp-{n}" for n in range(1, args.malls)]
    home = [f"/m/{rng.choice(slugs)}/" for _ in range(50)]
    search = [f"/nasional/cari/?q={q.replace(' ', '+')}" for q in QUERIES]
    compare = ["/nasional/perbandingan/"]
    national = measure(
        national_db, args.port, {"search": search, "home": home, "compare": compare}, args.requests
    )
    single = measure(
        single_db,
        args.port + 1,
        {
            "search": search,
            "home": ["/"],
            "compare": compare,
        },
        args.requests,
    )
    result = {
        "malls": args.malls,
        "requests": args.requests,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
        "national": national,
        "one_mall": single,
        "ratio_p95": {k: national[k]["p95"] / single[k]["p95"] for k in national},
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
