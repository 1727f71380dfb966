"""Run every benchmark in turn (`make bench`). Each benchmark prints its own figures; copy the
ones you quote into docs/performance.md together with the command and the machine.

The benchmarks need PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and Redis on
127.0.0.1:6379 where they measure the production profile; each creates its own database and
never touches the demo database.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    ["search_bench.py", "--malls", "500", "--runs", "5"],
    ["queue_load.py", "--workers", "2", "--seconds", "15", "--connections", "16"],
    ["queue_wait_sim.py", "--seed", "7"],
]


def main() -> int:
    failed = []
    for script, *args in BENCHMARKS:
        path = HERE / script
        if not path.exists():
            continue
        print(f"=== {script} {' '.join(args)}", flush=True)
        result = subprocess.run([sys.executable, str(path), *args], check=False)
        if result.returncode != 0:
            failed.append(script)
    listed = {benchmark[0] for benchmark in BENCHMARKS}
    extra = sorted(p.name for p in HERE.glob("*_bench.py") if p.name not in listed)
    for script in extra:
        print(f"=== {script}", flush=True)
        if subprocess.run([sys.executable, str(HERE / script)], check=False).returncode != 0:
            failed.append(script)
    if failed:
        print("failed:", ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
