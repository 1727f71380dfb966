"""Search quality on the demo catalogue: top-1 and top-3 accuracy over realistic queries.

    .venv/bin/pytest tests/catalog/test_search_eval.py -s      # prints the report and misses

The evaluation set is tests/catalog/search_eval.py (the tuning cases and a held-out part
written after tuning). Thresholds, on all cases: top-1 >= 90 %, top-3 >= 98 %.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from mpp.catalog.models import Service
from mpp.catalog.search import search_services
from mpp.core.models import Mall
from mpp.demo.catalog import load_demo_catalog as load_demo
from tests.catalog.search_eval import ALL_CASES, HELD_OUT

TOP1_THRESHOLD = 0.90
TOP3_THRESHOLD = 0.98

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_search_eval_set_meets_accuracy_thresholds():
    load_demo()
    mall = Mall.objects.get()
    slugs = set(Service.objects.filter(mall=mall, is_active=True).values_list("slug", flat=True))
    unknown = sorted({slug for case in ALL_CASES for slug in case.acceptable} - slugs)
    assert unknown == [], "evaluation set names services the demo catalogue does not have"

    top1 = top3 = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    held_out = set(HELD_OUT)
    misses = []
    for case in ALL_CASES:
        result = search_services(mall=mall, query=case.query, limit=3)
        found = [s.slug for s in result.services]
        hit1 = bool(found) and found[0] in case.acceptable
        hit3 = any(slug in case.acceptable for slug in found[:3])
        top1 += hit1
        top3 += hit3
        for key in (case.kind, "(held out)" if case in held_out else "(tuning)"):
            counts = by_kind[key]
            counts[0] += 1
            counts[1] += hit1
            counts[2] += hit3
        if not hit1:
            note = f" (did you mean: {result.suggestion})" if result.suggestion else ""
            misses.append(
                f"  {'top-3' if hit3 else 'MISS '} {case.query!r}{note}: expected "
                f"{case.expected}, got {found}"
            )

    total = len(ALL_CASES)
    lines = [
        f"search evaluation: {total} queries, top-1 {top1 / total:.1%} ({top1}), "
        f"top-3 {top3 / total:.1%} ({top3})",
        *(
            f"  {kind:<13} {n:>3} queries  top-1 {h1 / n:.0%}  top-3 {h3 / n:.0%}"
            for kind, (n, h1, h3) in sorted(by_kind.items())
        ),
        "not first:" if misses else "every query found its service first",
        *misses,
    ]
    print("\n" + "\n".join(lines))
    assert total >= 120
    assert top1 / total >= TOP1_THRESHOLD, "\n".join(lines)
    assert top3 / total >= TOP3_THRESHOLD, "\n".join(lines)
