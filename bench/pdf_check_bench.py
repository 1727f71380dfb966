"""Peak memory and time of the PDF upload check (issue 10.3) on large PDFs.

    PYTHONPATH=$PWD .venv/bin/python bench/pdf_check_bench.py [--repeats 5]

Builds, with pypdf's writer, (a) a ~10 MB PDF of 200 pages whose content streams are
incompressible (Flate), (b) the same plus a compressible stream per page, ~60 MB inflated in
all (just under the 64 MB budget),
then runs `check_pdf` on each, in a fresh subprocess per repeat, and prints the median wall time,
the tracemalloc peak and the growth of the process's peak RSS. No assertions: figures only.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile


def build(kind: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

    def flate(payload: bytes):
        stream = DecodedStreamObject()
        stream.set_data(payload)
        return writer._add_object(stream.flate_encode())

    writer = PdfWriter()
    for _ in range(200):
        page = writer.add_blank_page(width=595, height=842)
        parts = [flate(os.urandom(50 * 1024))]  # 50 KB, incompressible
        if kind == "mixed":
            parts.append(flate((b"0 0 m 595 842 l S\n" * 15_000)[: 250 * 1024]))  # 250 KB
        page[NameObject("/Contents")] = ArrayObject(parts)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def child(path: str) -> None:
    import resource
    import time
    import tracemalloc

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mpp.settings")
    django.setup()
    from mpp.applications.documents import check_pdf

    with open(path, "rb") as f:
        data = f.read()
    import pypdf  # noqa: F401 - imported before measuring, like a warm server

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    from mpp.applications.documents import UploadRefused

    try:
        check_pdf(data)
        outcome = "accepted"
    except UploadRefused as exc:
        outcome = "refused: " + exc.message
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "outcome": outcome,
                "s": seconds,
                "peak_mb": peak / 2**20,
                "rss_growth_mb": (after - before) / 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    for kind in ("random", "mixed"):
        data = build(kind)
        fd, path = tempfile.mkstemp(suffix=".pdf")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        runs = []
        for _ in range(args.repeats):
            out = subprocess.run(
                [sys.executable, __file__, "--child", path],
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode:
                sys.exit(out.stderr)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        os.unlink(path)
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0] if k != "outcome"}
        print(
            f"{kind:13s} file {len(data) / 2**20:5.1f} MB  median of {args.repeats}: "
            f"{med['s']:.2f} s, tracemalloc peak {med['peak_mb']:.0f} MB, "
            f"peak RSS growth {med['rss_growth_mb']:.0f} MB; {runs[0]['outcome']}"
        )


if __name__ == "__main__":
    main()
