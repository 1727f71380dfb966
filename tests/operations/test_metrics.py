"""Prometheus metrics: request latency from the middleware, queue and machinery figures from
the database, and who may read them."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from mpp.notifications.tasks import deliver
from mpp.operations.heartbeat import beat
from mpp.operations.models import JobState
from mpp.operations.schedule import JOBS
from mpp.operations.scheduler import sync_job_states
from mpp.queueing import domain, queries
from mpp.queueing.models import Ticket
from tests.queueing.conftest import build_hall


def _samples(text: str, name: str) -> dict[str, float]:
    """{label-string: value} of one metric in the text exposition."""
    found = {}
    for line in text.splitlines():
        match = re.match(rf"^{name}(\{{[^}}]*\}})? (\S+)$", line)
        if match:
            found[match.group(1) or ""] = float(match.group(2))
    return found


@pytest.mark.django_db
def test_metrics_queue_figures_per_agency(client, monkeypatch):
    # A fixed late morning: near midnight the first ticket would belong to yesterday's queue.
    now = datetime(2026, 12, 2, 10, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    monkeypatch.setattr(timezone, "now", lambda: now)
    hall = build_hall(counters=1)
    first = domain.issue_ticket(service=hall.ktp, now=now - timedelta(minutes=20))
    domain.issue_ticket(service=hall.kk, now=now - timedelta(minutes=10))
    domain.issue_ticket(service=hall.akta, now=now - timedelta(minutes=5))
    called = domain.call_next(
        counter=hall.counters[0], officer=hall.officers[0], now=now - timedelta(minutes=2)
    )

    text = client.get("/metrics").content.decode()

    labels = '{agency="dukcapil",mall="ngawi"}'
    assert called == first
    assert _samples(text, "mpp_queue_waiting_tickets") == {labels: 2.0}
    assert _samples(text, "mpp_tickets_issued_last_hour") == {labels: 3.0}
    assert _samples(text, "mpp_tickets_called_last_hour") == {labels: 1.0}
    # Called 18 minutes after it was issued.
    assert _samples(text, "mpp_queue_wait_seconds_last_hour") == {labels: 1080.0}
    oldest = _samples(text, "mpp_queue_oldest_wait_seconds")[labels]
    assert 600 <= oldest <= 620


@pytest.mark.django_db
def test_metrics_request_latency_counts_routes_not_raw_paths(client):
    hall = build_hall(counters=1)
    # The queue's process caches may still hold an earlier test's mall for this host (the
    # suite reuses slugs): the ticket lookup would then answer 404 in some test orders.
    queries.clear_caches()
    ticket = domain.issue_ticket(service=hall.ktp)
    before = client.get("/metrics").content.decode()

    client.get(f"/api/v1/queue/tickets/{ticket.code}")
    client.get("/api/v1/queue/tickets/ZZZZZZZZ")
    text = client.get("/metrics").content.decode()

    key = "mpp_http_request_duration_seconds_count"

    def count(status: str, src: str) -> float:
        return sum(
            value
            for labels, value in _samples(src, key).items()
            if 'route="api/v1/queue/tickets/<code>"' in labels
            and f'status="{status}"' in labels
            and 'method="GET"' in labels
        )

    assert (
        count("2xx", text) - count("2xx", before),
        count("4xx", text) - count("4xx", before),
    ) == (
        1.0,
        1.0,
    )
    assert ticket.code not in text


@pytest.mark.django_db
def test_metrics_task_backlog_workers_and_jobs(client):
    sync_job_states(JOBS)
    JobState.objects.filter(name="backup").update(consecutive_failures=2)
    JobState.objects.filter(name="notification-sweep").update(
        last_succeeded_at=timezone.now() - timedelta(minutes=1)
    )
    beat(worker_id="w1", queues="*")
    deliver.enqueue(1)
    deliver.enqueue(2)

    text = client.get("/metrics").content.decode()

    assert _samples(text, "mpp_tasks_ready") == {
        '{queue="default"}': 0.0,
        '{queue="notifications"}': 2.0,
    }
    assert _samples(text, "mpp_workers_alive") == {"": 1.0}
    assert _samples(text, "mpp_job_late")['{job="notification-sweep"}'] == 0.0
    success = _samples(text, "mpp_job_last_success_timestamp_seconds")
    assert success['{job="notification-sweep"}'] > 0
    assert success['{job="clear-sessions"}'] == 0.0


@pytest.mark.django_db
def test_metrics_scrape_query_count_does_not_grow_with_malls(client, django_assert_max_num_queries):
    for slug in ("ngawi", "madiun", "magetan"):
        from tests.factories import AgencyFactory, MallFactory, ServiceFactory
        from tests.queueing.factories import QueueServiceFactory

        agency = AgencyFactory(mall=MallFactory(slug=slug))
        service = ServiceFactory(agency=agency)
        QueueServiceFactory(service=service, prefix="A")
        for _ in range(3):
            domain.issue_ticket(service=service)

    with django_assert_max_num_queries(12):
        text = client.get("/metrics").content.decode()

    assert len(_samples(text, "mpp_queue_waiting_tickets")) == 3
    assert sum(_samples(text, "mpp_queue_waiting_tickets").values()) == 9.0
    assert Ticket.objects.count() == 9


@pytest.mark.django_db
def test_metrics_refused_through_proxy_without_token(client):
    response = client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert (response.status_code, response.content) == (
        403,
        "Metrics need MPP_METRICS_TOKEN (Authorization: Bearer …) or a local request.\n".encode(),
    )


@pytest.mark.django_db
def test_metrics_token_required_when_set(client, settings):
    settings.MPP_METRICS_TOKEN = "s3cret-token"

    refused = client.get("/metrics")
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer nope")
    allowed = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")

    assert [refused.status_code, wrong.status_code, allowed.status_code] == [403, 403, 200]
    assert "mpp_workers_alive" in allowed.content.decode()
