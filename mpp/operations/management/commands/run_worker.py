"""manage.py run_worker — the background worker of the topology: `db_worker` (django-tasks'
database worker, same options) plus a heartbeat that readiness and the metrics read.

    run_worker --queue-name notifications,default
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from mpp.operations.heartbeat import HeartbeatThread


class Command(DbWorkerCommand):
    help = "Run a background worker (database tasks) that reports a heartbeat."

    def handle(self, *args: Any, **options: Any) -> None:
        heartbeat = HeartbeatThread(worker_id=options["worker_id"], queues=options["queue_name"])
        heartbeat.beat_once()
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
            heartbeat.join(timeout=10)
