"""Readiness checks: can this app server do its work, and is the machinery around it moving?

Each check returns a `Check`: ok or not, whether it is *critical* (this server cannot serve
without it: the database), and details for the operator. Redis, the workers and the scheduler
are not critical for one server: without Redis pages still work (boards poll, limits fall back
to this process), and a dead worker or scheduler is not this server's fault — taking every app
server out of the load balancer because the worker died would turn a delay into an outage.
They are reported (and `?strict=1` turns any failure into 503, for monitoring probes).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone


@dataclass
class Check:
    ok: bool
    critical: bool
    detail: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "critical": self.critical, **self.detail}


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def check_database(alias: str = "default") -> Check:
    started = time.perf_counter()
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return Check(False, True, {"error": type(exc).__name__, "ms": _elapsed_ms(started)})
    return Check(True, True, {"vendor": connections[alias].vendor, "ms": _elapsed_ms(started)})


def check_replica() -> Check | None:
    if "replica" not in settings.DATABASES:
        return None
    result = check_database("replica")
    # A replica that is down costs speed, not service: reads fall back to the primary.
    result.critical = False
    return result


def check_redis() -> Check:
    if not settings.REDIS_URL:
        return Check(True, False, {"configured": False})
    from mpp.core.redis_cache import redis_ping

    started = time.perf_counter()
    ok, error = redis_ping()
    detail: dict[str, Any] = {"configured": True, "ms": _elapsed_ms(started)}
    if error:
        detail["error"] = error
    return Check(ok, False, detail)


def check_workers(*, now: datetime | None = None) -> Check:
    """At least one live worker for every task queue, and no ready task waiting too long."""
    from mpp.operations.heartbeat import live_workers
    from mpp.operations.metrics import database_tasks, oldest_ready_task_age

    if not database_tasks():
        return Check(True, False, {"backend": "immediate"})

    now = now or timezone.now()
    queues = list(settings.TASKS["default"].get("QUEUES", ["default"]))
    workers = live_workers(now=now)
    served = {
        queue: sum(
            1
            for worker in workers
            if "*" in worker.queues.split(",") or queue in worker.queues.split(",")
        )
        for queue in queues
    }
    ages = oldest_ready_task_age(now=now)
    limit = settings.MPP_READY_MAX_TASK_AGE_SECONDS
    stuck = {queue: age for queue, age in ages.items() if age > limit}
    return Check(
        all(served.values()) and not stuck,
        False,
        {
            "workers": served,
            "oldest_ready_task_seconds": ages,
            **({"stuck_queues": sorted(stuck)} if stuck else {}),
        },
    )


def check_scheduler(*, now: datetime | None = None) -> Check:
    from mpp.operations.models import JobState
    from mpp.operations.schedule import JOBS
    from mpp.operations.scheduler import overdue_jobs

    now = now or timezone.now()
    late = overdue_jobs(JOBS, now=now)
    last = (
        JobState.objects.filter(last_started_at__isnull=False)
        .order_by("-last_started_at")
        .values_list("last_started_at", flat=True)
        .first()
    )
    detail: dict[str, Any] = {
        "late_jobs": late,
        "last_run_seconds_ago": int((now - last).total_seconds()) if last else None,
    }
    return Check(not late, False, detail)


def readiness(*, now: datetime | None = None) -> dict[str, Check]:
    checks: dict[str, Check] = {"database": check_database()}
    replica = check_replica()
    if replica is not None:
        checks["replica"] = replica
    checks["redis"] = check_redis()
    if checks["database"].ok:
        # Without the database there is nothing to read these from.
        checks["workers"] = check_workers(now=now)
        checks["scheduler"] = check_scheduler(now=now)
    return checks


def overall(checks: dict[str, Check]) -> str:
    if any(c.critical and not c.ok for c in checks.values()):
        return "unavailable"
    if any(not c.ok for c in checks.values()):
        return "degraded"
    return "ok"
