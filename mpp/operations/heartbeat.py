"""Worker heartbeats: each background worker process writes its row every few seconds.

Readiness (`/readyz`) and the metrics count the workers seen recently per queue; together
with the age of the oldest ready task (a worker that is alive but stuck) this tells an
operator whether notifications and other background work are moving.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from mpp.operations.models import WorkerHeartbeat

logger = logging.getLogger("mpp.worker")


def beat(*, worker_id: str, queues: str, started_at: datetime | None = None) -> None:
    """Record that this worker is alive now (one UPSERT)."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:120],
            "pid": os.getpid(),
            "queues": queues[:200],
            "last_seen_at": now,
        },
        create_defaults={
            "hostname": socket.gethostname()[:120],
            "pid": os.getpid(),
            "queues": queues[:200],
            "last_seen_at": now,
            "started_at": started_at or now,
        },
    )


def forget_dead_workers(*, older_than: timedelta = timedelta(days=1)) -> int:
    deleted, _ = WorkerHeartbeat.objects.filter(
        last_seen_at__lt=timezone.now() - older_than
    ).delete()
    return deleted


def live_workers(*, now: datetime | None = None) -> list[WorkerHeartbeat]:
    now = now or timezone.now()
    horizon = now - timedelta(seconds=settings.MPP_WORKER_HEARTBEAT_SECONDS * 3)
    return list(WorkerHeartbeat.objects.filter(last_seen_at__gte=horizon))


class HeartbeatThread(threading.Thread):
    """Beats every `MPP_WORKER_HEARTBEAT_SECONDS` until stopped; never raises (a database
    restart must not kill the worker: the beat resumes when the database is back)."""

    def __init__(self, *, worker_id: str, queues: str) -> None:
        super().__init__(name="mpp-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.queues = queues
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def beat_once(self) -> None:
        """One beat from the calling thread: the worker is visible from its first moment, even
        when its run (e.g. `--batch`) ends before the thread is first scheduled."""
        try:
            beat(worker_id=self.worker_id, queues=self.queues, started_at=self.started_at)
        except Exception:
            logger.warning("worker heartbeat failed; the thread retries", exc_info=True)

    def run(self) -> None:
        beats = 0
        while not self.stopped.is_set():
            try:
                beat(worker_id=self.worker_id, queues=self.queues, started_at=self.started_at)
                if beats % 1000 == 0:
                    forget_dead_workers()
                beats += 1
            except Exception:
                logger.warning("worker heartbeat failed; retrying", exc_info=True)
                connection.close()
            self.stopped.wait(settings.MPP_WORKER_HEARTBEAT_SECONDS)
        connection.close()

    def stop(self) -> None:
        self.stopped.set()
