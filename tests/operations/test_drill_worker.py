"""Fault drill: the background worker is killed (SIGKILL) while it sends notifications.

The real worker (`manage.py run_worker`, as deploy/Procfile runs it) sends SMS through the real
HTTP sender to a fake gateway (tests/notifications/fake_provider.py) that takes its time to
answer. In the middle of a send the worker dies without a goodbye. The gateway reports on the
messages it accepted (its delivery callbacks carry our reference). A new worker takes over the
queue; ten minutes later the notification sweep (a scheduled job) finds the dead worker's
claim. At the end the gateway has received every message exactly once, and every row says
sent.

A worker killed after the gateway accepted a message but before any delivery report arrives
would send that message once more after the ten minutes (docs/operations.md §11): the gateway's
report is what tells "accepted" from "lost".
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from mpp.notifications.domain import queue_notification, record_delivery_report
from mpp.notifications.domain.delivery import STALE_CLAIM
from mpp.notifications.enums import DeliveryStatus, NotificationStatus
from mpp.notifications.models import Notification
from tests.notifications.fake_provider import FakeProvider
from tests.queueing.server import _database_env
from tests.queueing.server import test_server_env as server_env

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = 12

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def worker_env(provider: FakeProvider) -> dict[str, str]:
    env = {
        **os.environ,
        **_database_env(),
        **server_env(),
        "DJANGO_SETTINGS_MODULE": "mpp.settings",
        "TASKS_BACKEND": "database",
        "LOG_LEVEL": "WARNING",
        "MPP_SMS_SENDER": "mpp.notifications.senders.HttpSmsSender",
        "SMS_GATEWAY": "json",
        "SMS_API_URL": f"{provider.url}/sms/send",
        "SMS_API_KEY": "sms-key",
        "SMS_API_USER": "mpp",
        "SMS_SENDER_ID": "MPPNGAWI",
        "MPP_NOTIFY_HTTP_TIMEOUT": "10",
    }
    env.pop("REDIS_URL", None)
    return env


def start_worker(env: dict[str, str], name: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--queue-name", "notifications",
         "--no-startup-delay", "--no-reload", "--interval", "0.2", "--worker-id", name],
        cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_for(condition, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def references(provider: FakeProvider) -> list[str]:
    return [r.json["reference"] for r in provider.sent("/sms/send")]


def test_drill_worker_killed_while_sending_each_notification_sent_once():
    provider = FakeProvider()
    # The gateway is slow: the first answers take long, so the worker is mid-send when killed.
    provider.answer("/sms", delay=3.0, times=2)
    env = worker_env(provider)
    rows = [
        queue_notification(
            channel="sms", to=f"+62812345678{i:02d}", body=f"Pesan {i}", kind="drill", urgent=True
        )
        for i in range(MESSAGES)
    ]
    workers: list[subprocess.Popen[bytes]] = []
    try:
        first = start_worker(env, "drill-worker-1")
        workers.append(first)
        wait_for(lambda: len(provider.sent("/sms")) >= 1, 60, "the first send")
        stop(first, signal.SIGKILL)  # mid-send: the gateway has the message, no answer yet
        killed = set(
            Notification.objects.filter(status=NotificationStatus.SENDING).values_list(
                "reference", flat=True
            )
        )
        assert killed, "the worker died before claiming anything"

        # The gateway reports on what it accepted (its delivery callback names our reference).
        for reference in references(provider):
            record_delivery_report(status=DeliveryStatus.DELIVERED, reference=reference)

        second = start_worker(env, "drill-worker-2")
        workers.append(second)
        pending = (NotificationStatus.PENDING, NotificationStatus.RETRYING)
        wait_for(
            lambda: not Notification.objects.filter(status__in=pending).exists(),
            90,
            "the second worker to send the rest",
        )
        stop(second)

        # Ten minutes on: the dead worker's claim is stale; the scheduled sweep settles it.
        Notification.objects.filter(status=NotificationStatus.SENDING).update(
            claimed_at=timezone.now() - STALE_CLAIM - timedelta(minutes=1)
        )
        sweep = subprocess.run(
            [sys.executable, "manage.py", "run_scheduler", "--run", "notification-sweep"],
            check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert sweep.returncode == 0, sweep.stdout + sweep.stderr
    finally:
        for worker in workers:
            stop(worker, signal.SIGKILL)
        provider.close()

    statuses = Counter(Notification.objects.values_list("status", flat=True))
    assert statuses == {NotificationStatus.SENT: MESSAGES}
    sent = Counter(references(provider))
    assert set(sent) == {str(row.reference) for row in rows}
    assert [ref for ref, n in sent.items() if n != 1] == [], json.dumps(sent)
    assert {str(k) for k in killed} <= set(sent)
