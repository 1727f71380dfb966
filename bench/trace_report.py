"""Read the traces bench/trace_server.py wrote and say what the slow requests had in common.

python bench/trace_report.py TRACE.json [...] [--path /cari/]
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else float("nan")


def report(path: Path, only: str) -> None:
    data = json.loads(path.read_text())
    reqs = [r for r in data["requests"] if r[0].startswith(only)]
    if not reqs:
        print(path.name, "no requests for", only)
        return
    gcs = data["gcs"]
    misses = data["misses"]
    lat = [(r[4] - r[1]) * 1000 for r in reqs]
    queue = [(r[2] - r[1]) * 1000 for r in reqs]
    run = [(r[3] - r[2]) * 1000 for r in reqs]
    cpu = [r[5] * 1000 for r in reqs]
    span = reqs[-1][4] - reqs[0][1]
    print(
        f"== {path.name}: {len(reqs)} {only} requests over {span:.1f} s; "
        f"objects {data['objects']}, threshold {data['gc_threshold']}, "
        f"frozen {data['gc_freeze_count']}"
    )
    measures = (("latency", lat), ("wait thread", queue), ("in thread", run), ("cpu", cpu))
    for name, values in measures:
        print(
            f"  {name:12} p50 {pct(values, 0.5):7.1f} p90 {pct(values, 0.9):7.1f} "
            f"p99 {pct(values, 0.99):7.1f} max {max(values):7.1f} ms"
        )
    t0, t1 = reqs[0][1], reqs[-1][4]
    for gen in (0, 1, 2):
        durations = [(e - s) * 1000 for s, e, g, _ in gcs if g == gen and t0 <= s <= t1]
        if durations:
            print(
                f"  gc gen{gen}: {len(durations)} collections, total {sum(durations):.0f} ms, "
                f"median {statistics.median(durations):.2f} max {max(durations):.1f} ms"
            )
    for name in sorted({m[0] for m in misses}):
        durations = [(e - s) * 1000 for n, s, e in misses if n == name and t0 <= s <= t1]
        if durations:
            print(
                f"  miss {name}: {len(durations)}, total {sum(durations):.0f} ms, "
                f"max {max(durations):.1f} ms"
            )
    lags = [(w, late * 1000) for w, late in data.get("lags", []) if t0 <= w <= t1]
    if lags:
        late = [x for _, x in lags]
        print(
            f"  event loop late > 2 ms: {len(late)} times, total {sum(late):.0f} ms, "
            f"max {max(late):.1f} ms; > 20 ms: {sum(1 for x in late if x > 20)}"
        )
    cut = pct(lat, 0.99)
    slow = [r for r, latency in zip(reqs, lat, strict=True) if latency >= cut]
    with_gc2 = sum(1 for r in slow if any(g == 2 and s < r[4] and e > r[1] for s, e, g, _ in gcs))
    with_miss = sum(1 for r in slow if any(s < r[4] and e > r[1] for _, s, e in misses))
    all_gc2 = sum(1 for r in reqs if any(g == 2 and s < r[4] and e > r[1] for s, e, g, _ in gcs))
    gc_in = [
        sum((min(e, r[4]) - max(s, r[1])) * 1000 for s, e, _, _ in gcs if s < r[4] and e > r[1])
        for r in slow
    ]
    print(
        f"  slowest 1% (>= {cut:.0f} ms, {len(slow)}): overlapping a gen-2 gc {with_gc2} "
        f"(all requests: {all_gc2}/{len(reqs)}), a cache miss {with_miss}; "
        f"gc time inside them median {statistics.median(gc_in):.1f} ms"
    )
    # When in the run the slow ones happened (seconds since the first request).
    when = sorted(round(r[1] - t0, 2) for r in slow)
    print("  at s:", " ".join(f"{w:.2f}" for w in when[:40]))
    seconds = int(span) + 1
    per_second = [0] * seconds
    slow_per_second = [0] * seconds
    for r, latency in zip(reqs, lat, strict=True):
        index = int(r[1] - t0)
        per_second[index] += 1
        slow_per_second[index] += latency >= cut
    print("  per second req:", per_second)
    print("  per second slow:", slow_per_second)
    big = [(s - t0, (e - s) * 1000, g, c) for s, e, g, c in gcs if (e - s) * 1000 > 5 and t0 <= s]
    shown = [(round(a, 2), round(b, 1), g, c) for a, b, g, c in big][:20]
    print("  gcs > 5 ms (at s, ms, gen, collected):", shown)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("traces", nargs="+", type=Path)
    parser.add_argument("--path", default="/")
    args = parser.parse_args()
    for trace in args.traces:
        report(trace, args.path)


if __name__ == "__main__":
    main()
