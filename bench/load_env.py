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


def sqlite_server_env(db: Path) -> dict[str, str]:
    """The environment of an embedded (SQLite) app server on the database file `db`, under load:
    no PostgreSQL or Redis from the caller's shell, quiet logs, the limits and hours above."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    env.update(
        {
            "SQLITE_PATH": str(db),
            "DJANGO_SETTINGS_MODULE": "mpp.settings",
            "LOG_LEVEL": "WARNING",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Pages name static files; without a collected manifest (make run collects one
            # into var/static) the plain storage keeps /cari/ from answering 500.
            "STATIC_PLAIN": "1",
            "PYTHONPATH": str(ROOT),
            **load_test_env(),
        }
    )
    return env


#: wrk script: kiosk tickets round-robin over the services named in `%s` (JSON strings).
TICKET_LUA = r"""
local services = {%s}
local i = 0
request = function()
  i = i + 1
  local body = '{"service": "' .. services[(i %% #services) + 1] .. '"}'
  return wrk.format("POST", "/api/v1/queue/tickets",
    {["Content-Type"] = "application/json"}, body)
end
"""
