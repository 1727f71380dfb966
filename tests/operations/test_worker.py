"""The background worker of the topology: django-tasks' database worker plus a heartbeat."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from mpp.notifications.domain import queue_notification
from mpp.notifications.enums import NotificationStatus
from mpp.notifications.models import Notification
from mpp.operations.heartbeat import live_workers
from mpp.operations.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db(transaction=True)


def test_run_worker_runs_tasks_and_reports_heartbeat(mall):
    queue_notification(channel="sms", to="+6281234567890", body="Tes", kind="drill", mall=mall)

    call_command(
        "run_worker",
        "--batch",
        "--queue-name",
        "notifications,default",
        "--no-startup-delay",
        "--worker-id",
        "worker-under-test",
        "--no-reload",
        stdout=StringIO(),
    )

    beat = WorkerHeartbeat.objects.get()
    assert list(Notification.objects.values_list("status", flat=True)) == [NotificationStatus.SENT]
    assert (beat.worker_id, beat.queues) == ("worker-under-test", "notifications,default")
    assert [w.worker_id for w in live_workers()] == ["worker-under-test"]
