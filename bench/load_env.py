"""Settings for an app server under a load generator: one address sends thousands of tickets
and searches a minute, which the fair-use limits (mpp/core/fairuse.py, docs/security.md) would
answer with 429 after a few; and the demo mall must take walk-ins at whatever hour the benchmark
runs (mpp/core/opening.py). The limits and the hours are not what these benchmarks measure."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_test_env() -> dict[str, str]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from mpp.core.fairuse import DEFAULT_LIMITS

    unlimited = {
        action: {budget: [1_000_000_000, window] for budget, (_n, window) in budgets.items()}
        for action, budgets in DEFAULT_LIMITS.items()
    }
    return {"MPP_FAIR_USE": json.dumps(unlimited), "MPP_DEMO_MODE": "1"}
