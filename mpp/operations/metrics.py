"""Prometheus metrics: request latency from the middleware, and the state of the malls and of
the machinery read from the database when Prometheus scrapes `/metrics`.

Two kinds, on purpose:
- *Per request* (`mpp_http_request_duration_seconds`): one histogram observation in the
  request middleware, the only cost on the hot path (a few microseconds). With several app
  processes, set `PROMETHEUS_MULTIPROC_DIR` to an empty directory shared by them (the
  topology does) and every scrape sums all processes.
- *Per scrape* (queue length and waiting time per agency, tickets per hour, task backlog,
  workers, scheduled jobs): a handful of aggregate queries when `/metrics` is read, so the
  figures are the database's truth whichever process answers, and cost nothing between
  scrapes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Avg, Case, Count, DurationField, ExpressionWrapper, F, Min, When
from django.db.models.functions import Greatest
from django.utils import timezone
from prometheus_client import REGISTRY, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector

# Buckets for pages and API calls of a government service: most under 100 ms, anything over
# a second is a problem someone should look at.
REQUEST_LATENCY = Histogram(
    "mpp_http_request_duration_seconds",
    "Time from the request entering Django to the response leaving it.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_STATUS = {1: "1xx", 2: "2xx", 3: "3xx", 4: "4xx", 5: "5xx"}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Record one request. Labels are bounded: the URL pattern (never the raw path), the
    method (unknown ones folded into OTHER) and the status class."""
    REQUEST_LATENCY.labels(
        method if method in _METHODS else "OTHER", route, _STATUS.get(status // 100, "other")
    ).observe(seconds)


def database_tasks() -> bool:
    """Do background tasks go through the database (and so need `run_worker` processes)?"""
    return str(settings.TASKS["default"]["BACKEND"]).endswith("DatabaseBackend")


def oldest_ready_task_age(*, now: datetime | None = None) -> dict[str, int]:
    """Seconds the oldest task ready to run has waited, per queue (0 when none waits)."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = now or timezone.now()
    queues = list(settings.TASKS["default"].get("QUEUES", ["default"]))
    ages = dict.fromkeys(queues, 0)
    if not database_tasks():
        return ages
    # A deferred task (a retry in 5 minutes) has waited only since it became due.
    became_due = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
    )
    rows = (
        DBTaskResult.objects.ready()
        .values("queue_name")
        .annotate(oldest=Min(became_due))
        .values_list("queue_name", "oldest")
    )
    for queue, oldest in rows:
        ages[queue] = max(0, int((now - oldest).total_seconds()))
    return ages


def _gauge(name: str, documentation: str, labels: list[str]) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, labels=labels)


class DomainCollector:
    """Figures read from the database at scrape time."""

    def collect(self) -> Iterator[Metric]:
        now = timezone.now()
        yield from self._queue(now)
        yield from self._tasks(now)
        yield from self._jobs(now)

    def _queue(self, now: datetime) -> Iterator[Metric]:
        from mpp.queueing.enums import TicketStatus
        from mpp.queueing.models import Ticket

        # Today's and yesterday's service days cover every zone of the country (WIB to WIT)
        # and keep the query on the queue index instead of the whole history.
        recent_days = (now - timedelta(days=1)).date()
        waiting = _gauge(
            "mpp_queue_waiting_tickets", "Tickets waiting to be called.", ["mall", "agency"]
        )
        oldest = _gauge(
            "mpp_queue_oldest_wait_seconds",
            "How long the longest-waiting ticket has waited.",
            ["mall", "agency"],
        )
        for row in (
            Ticket.objects.filter(day__gte=recent_days, status=TicketStatus.WAITING)
            .values("mall__slug", "service__agency__slug")
            .annotate(n=Count("pk"), first=Min("queued_at"))
            .order_by()
        ):
            labels = [row["mall__slug"], row["service__agency__slug"]]
            waiting.add_metric(labels, row["n"])
            oldest.add_metric(labels, max(0.0, (now - row["first"]).total_seconds()))
        yield waiting
        yield oldest

        hour_ago = now - timedelta(hours=1)
        wait = _gauge(
            "mpp_queue_wait_seconds_last_hour",
            "Average wait (queued to called) of the tickets called in the last hour.",
            ["mall", "agency"],
        )
        called = _gauge(
            "mpp_tickets_called_last_hour", "Tickets called in the last hour.", ["mall", "agency"]
        )
        for called_row in (
            Ticket.objects.filter(day__gte=recent_days, called_at__gte=hour_ago)
            .values("mall__slug", "service__agency__slug")
            .annotate(
                n=Count("pk"),
                avg=Avg(
                    ExpressionWrapper(F("called_at") - F("queued_at"), output_field=DurationField())
                ),
            )
            .order_by()
        ):
            labels = [called_row["mall__slug"], called_row["service__agency__slug"]]
            called.add_metric(labels, called_row["n"])
            average = called_row["avg"]
            wait.add_metric(labels, max(0.0, average.total_seconds()) if average else 0.0)
        yield wait
        yield called

        issued = _gauge(
            "mpp_tickets_issued_last_hour", "Tickets issued in the last hour.", ["mall", "agency"]
        )
        for issued_row in (
            Ticket.objects.filter(day__gte=recent_days, issued_at__gte=hour_ago)
            .values("mall__slug", "service__agency__slug")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            issued.add_metric(
                [issued_row["mall__slug"], issued_row["service__agency__slug"]], issued_row["n"]
            )
        yield issued

    def _tasks(self, now: datetime) -> Iterator[Metric]:
        from mpp.notifications.enums import NotificationStatus
        from mpp.notifications.models import Notification
        from mpp.operations.heartbeat import live_workers

        ready = _gauge("mpp_tasks_ready", "Background tasks ready to run.", ["queue"])
        age = _gauge(
            "mpp_tasks_oldest_ready_seconds", "Age of the oldest task ready to run.", ["queue"]
        )
        running = _gauge("mpp_tasks_running", "Background tasks running now.", ["queue"])
        ages = oldest_ready_task_age(now=now)
        counts = dict.fromkeys(ages, 0)
        running_counts = dict.fromkeys(ages, 0)
        if database_tasks():
            from django_tasks_db.models import DBTaskResult

            for queue, n in (
                DBTaskResult.objects.ready()
                .values("queue_name")
                .annotate(n=Count("pk"))
                .values_list("queue_name", "n")
            ):
                counts[queue] = n
            for queue, n in (
                DBTaskResult.objects.running()
                .values("queue_name")
                .annotate(n=Count("pk"))
                .values_list("queue_name", "n")
            ):
                running_counts[queue] = n
        for queue in ages:
            ready.add_metric([queue], counts.get(queue, 0))
            age.add_metric([queue], ages[queue])
            running.add_metric([queue], running_counts.get(queue, 0))
        yield ready
        yield age
        yield running

        workers = _gauge("mpp_workers_alive", "Background workers seen in the last 3 beats.", [])
        workers.add_metric([], len(live_workers(now=now)))
        yield workers

        outbox = _gauge(
            "mpp_notifications_unsent", "Notifications not sent yet, by status.", ["status"]
        )
        unsent = [
            NotificationStatus.PENDING,
            NotificationStatus.RETRYING,
            NotificationStatus.SENDING,
        ]
        found = dict(
            Notification.objects.filter(status__in=unsent)
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        for status in unsent:
            outbox.add_metric([str(status)], found.get(status, 0))
        yield outbox

    def _jobs(self, now: datetime) -> Iterator[Metric]:
        from mpp.operations.models import JobState
        from mpp.operations.schedule import JOBS
        from mpp.operations.scheduler import overdue_jobs

        names = [job.name for job in JOBS]
        states = {s.name: s for s in JobState.objects.filter(name__in=names)}
        late = set(overdue_jobs(JOBS, now=now))
        success = _gauge(
            "mpp_job_last_success_timestamp_seconds",
            "When the scheduled job last succeeded (Unix time; 0 = never).",
            ["job"],
        )
        failures = _gauge(
            "mpp_job_consecutive_failures",
            "Failed runs of the job since its last success.",
            ["job"],
        )
        overdue = _gauge(
            "mpp_job_late", "1 when the job has not succeeded as often as scheduled.", ["job"]
        )
        for name in names:
            state = states.get(name)
            last = state.last_succeeded_at if state else None
            success.add_metric([name], last.timestamp() if last else 0)
            failures.add_metric([name], state.consecutive_failures if state else 0)
            overdue.add_metric([name], 1 if name in late else 0)
        yield success
        yield failures
        yield overdue


def render_metrics() -> bytes:
    """The text exposition of every metric: this process's (or all processes') request
    figures, then the database figures."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        process_registry: Any = CollectorRegistry()
        MultiProcessCollector(process_registry)
    else:
        process_registry = REGISTRY
    domain_registry = CollectorRegistry(auto_describe=False)
    domain_registry.register(DomainCollector())
    return generate_latest(process_registry) + generate_latest(domain_registry)
