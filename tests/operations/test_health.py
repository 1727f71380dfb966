"""Liveness, readiness and the database-down answer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone

from mpp.notifications.tasks import deliver
from mpp.operations.heartbeat import beat
from mpp.operations.models import JobState
from mpp.operations.schedule import JOBS
from mpp.operations.scheduler import sync_job_states


def _all_jobs_fresh() -> None:
    sync_job_states(JOBS)
    JobState.objects.update(last_succeeded_at=timezone.now(), last_started_at=timezone.now())


def test_livez_answers_ok(client):
    response = client.get("/livez")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


@pytest.mark.django_db
def test_readyz_everything_running_is_ok(client):
    _all_jobs_fresh()
    beat(worker_id="w1", queues="notifications,default")

    response = client.get("/readyz?strict=1")

    body = response.json()
    assert (response.status_code, body["status"]) == (200, "ok")
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["workers"]["workers"] == {"default": 1, "notifications": 1}
    assert body["checks"]["scheduler"]["late_jobs"] == []


@pytest.mark.django_db
def test_readyz_without_worker_is_degraded_but_serving(client):
    _all_jobs_fresh()

    response = client.get("/readyz")
    strict = client.get("/readyz?strict=1")

    body = response.json()
    assert (response.status_code, body["status"]) == (200, "degraded")
    assert body["checks"]["workers"]["ok"] is False
    assert body["checks"]["workers"]["workers"] == {"default": 0, "notifications": 0}
    assert (strict.status_code, strict["Retry-After"]) == (503, "10")


@pytest.mark.django_db
def test_readyz_worker_of_one_queue_only_leaves_other_unserved(client):
    _all_jobs_fresh()
    beat(worker_id="w1", queues="default")

    body = client.get("/readyz").json()

    assert body["checks"]["workers"]["workers"] == {"default": 1, "notifications": 0}


@pytest.mark.django_db
def test_readyz_worker_last_seen_long_ago_counts_as_gone(client):
    _all_jobs_fresh()
    beat(worker_id="w1", queues="*")
    from mpp.operations.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update(last_seen_at=timezone.now() - timedelta(minutes=5))

    body = client.get("/readyz").json()

    assert body["checks"]["workers"]["workers"] == {"default": 0, "notifications": 0}


@pytest.mark.django_db
def test_readyz_reports_task_waiting_too_long_as_stuck(client, settings):
    settings.MPP_READY_MAX_TASK_AGE_SECONDS = 60
    _all_jobs_fresh()
    beat(worker_id="w1", queues="*")
    result = deliver.enqueue(12345)
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=3)
    )

    checks = client.get("/readyz").json()["checks"]

    assert checks["workers"]["ok"] is False
    assert checks["workers"]["stuck_queues"] == ["notifications"]
    assert 179 <= checks["workers"]["oldest_ready_task_seconds"]["notifications"] <= 185


@pytest.mark.django_db
def test_readyz_names_late_jobs(client):
    _all_jobs_fresh()
    beat(worker_id="w1", queues="*")
    JobState.objects.filter(name="notification-sweep").update(
        last_succeeded_at=timezone.now() - timedelta(hours=2)
    )

    body = client.get("/readyz").json()

    assert (body["status"], body["checks"]["scheduler"]["late_jobs"]) == (
        "degraded",
        ["notification-sweep"],
    )


@pytest.mark.django_db
def test_readyz_database_down_is_503(client, monkeypatch):
    from mpp.operations import health

    def broken(alias="default"):
        return health.Check(False, True, {"error": "OperationalError"})

    monkeypatch.setattr(health, "check_database", broken)

    response = client.get("/readyz")

    body = response.json()
    assert (response.status_code, body["status"]) == (503, "unavailable")
    assert set(body["checks"]) == {"database", "redis"}


@pytest.mark.django_db
@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_readyz_redis_unreachable_is_reported_not_fatal(client):
    _all_jobs_fresh()
    beat(worker_id="w1", queues="*")

    response = client.get("/readyz")

    body = response.json()
    assert (response.status_code, body["status"]) == (200, "degraded")
    assert body["checks"]["redis"]["ok"] is False
    assert body["checks"]["redis"]["error"] == "ConnectionError"


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails the way it does while PostgreSQL restarts."""
    from django.db import connections

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(type(connections["default"]), "cursor", refuse)


@pytest.mark.django_db
def test_page_database_error_answers_503_in_indonesian(client, database_down):
    client.raise_request_exception = False

    response = client.get("/", HTTP_X_REQUEST_ID="proxy-id-1234")

    html = response.content.decode()
    assert (response.status_code, response["Retry-After"]) == (503, "15")
    assert "<h1>Layanan sedang tidak tersedia sebentar</h1>" in html
    assert "proxy-id-1234" in html
    assert response["X-Request-ID"] == "proxy-id-1234"


@pytest.mark.django_db
def test_api_database_error_answers_503_json(client, database_down):
    client.raise_request_exception = False

    response = client.post(
        "/api/v1/queue/tickets", {"service": "ktp-el"}, content_type="application/json"
    )

    assert (response.status_code, response["Retry-After"]) == (503, "15")
    assert response.json() == {
        "detail": "Kami tidak dapat menjangkau basis data saat ini. Semua yang Anda kirim "
        "sebelum saat ini tidak hilang. Silakan coba lagi dalam satu menit.",
        "errors": [],
    }
