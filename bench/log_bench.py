"""What one access-log line costs the app process: the `mpp.request` logger with make
prod-local's JSON format, written (a) to standard error as a StreamHandler does (into a pipe
that another process drains, as honcho or journald would) and (b) by the batched file handler
of `MPP_ACCESS_LOG_FILE` (mpp/operations/logs.py), against (c) no access log. CPU time of this
process per line, median of the repeats, all three in the same run.

    .venv/bin/python bench/log_bench.py [--lines 20000] [--repeat 5]

The reader of the pipe (here `cat`, under make prod-local honcho) pays its own CPU on top;
bench/prod_bench.py counts honcho's in its "rest of topology" column.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mpp.operations.logs import BatchedFileHandler, JsonFormatter, RequestIdFilter  # noqa: E402

EXTRA = {
    "method": "POST",
    "path": "/api/v1/queue/tickets",
    "route": "api/v1/queue/tickets",
    "status": 201,
    "duration_ms": 12.3,
}


def per_line_us(kind: str, lines: int, folder: str) -> float:
    log = logging.getLogger("mpp.request")
    log.handlers.clear()
    log.propagate = False
    log.setLevel(logging.INFO)
    sink = None
    handler: logging.Handler | None = None
    if kind == "stream":
        sink = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        assert sink.stdin is not None
        stream = open(sink.stdin.fileno(), "w", buffering=1, closefd=False)  # noqa: SIM115
        handler = logging.StreamHandler(stream)
    elif kind == "file":
        handler = BatchedFileHandler(f"{folder}/access.log", interval=0.5)
    if handler is not None:
        handler.setFormatter(JsonFormatter())
        handler.addFilter(RequestIdFilter())
        log.addHandler(handler)
    started = time.process_time()
    for _ in range(lines):
        if handler is not None:
            log.info("%s %s %s %.1f ms", "POST", "/api/v1/queue/tickets", 201, 12.3, extra=EXTRA)
    if handler is not None:
        handler.close()  # the file handler's last batch is written here, counted below
        log.removeHandler(handler)
    spent = time.process_time() - started
    if sink is not None:
        assert sink.stdin is not None
        sink.stdin.close()
        sink.wait()
    return spent / lines * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"none": [], "stream": [], "file": []}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.repeat):
            for kind, runs in results.items():  # interleaved: the noise falls on all three
                runs.append(per_line_us(kind, args.lines, folder))
    labels = {
        "none": "no access log",
        "stream": "standard error (a pipe, as under honcho or journald)",
        "file": "MPP_ACCESS_LOG_FILE (batched file handler)",
    }
    print(f"{args.lines} lines × {args.repeat} repeats, CPU µs of the app process per line")
    print("| access log | median | runs |")
    print("|---|---|---|")
    for kind, runs in results.items():
        print(
            f"| {labels[kind]} | **{statistics.median(runs):.1f}** | "
            + " / ".join(f"{r:.1f}" for r in runs)
            + " |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
