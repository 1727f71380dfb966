"""The job table: every periodic job of the platform, one line each.

The scheduler (`manage.py run_scheduler`, one process per installation or per server: they
coordinate through the database) runs each job's management command in its own process when
it is due and records the outcome in `JobState`; readiness (`/readyz`) and the metrics report
jobs whose last success is older than their schedule allows.

To add a job, add one line to `JOBS`: a unique name, a schedule (`every`, `daily`, `weekly`;
times are in the installation's `TIME_ZONE`), the management command and its arguments.
Commands must be idempotent: a job that was missed (the scheduler was down) runs once when it
comes back, and a job that died half-way simply runs again next time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Every:
    """Every `interval`, counted from the start of the previous run."""

    interval: timedelta

    def next_after(self, moment: datetime) -> datetime:
        return moment + self.interval

    def first_after(self, moment: datetime) -> datetime:
        # An interval job is due as soon as the scheduler first sees it (sweeps are cheap and
        # idempotent; waiting a whole interval after every deploy would hide a broken job).
        return moment

    @property
    def stale_after(self) -> timedelta:
        """A last success older than this means the job (or the scheduler) is in trouble."""
        return max(self.interval * 3, timedelta(minutes=15))

    def __str__(self) -> str:
        minutes = int(self.interval.total_seconds() // 60)
        return f"every {minutes} min" if minutes < 120 else f"every {minutes // 60} h"


@dataclass(frozen=True)
class At:
    """At a wall-clock time of the installation's zone, on some weekdays (all by default)."""

    at: time
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)

    def next_after(self, moment: datetime) -> datetime:
        zone = ZoneInfo(settings.TIME_ZONE)
        local = moment.astimezone(zone)
        day = local.date()
        for offset in range(8):
            candidate_day = day + timedelta(days=offset)
            if candidate_day.weekday() not in self.weekdays:
                continue
            candidate = datetime.combine(candidate_day, self.at, tzinfo=zone)
            if candidate > local:
                return candidate
        raise AssertionError("unreachable: a weekday always comes within a week")

    def first_after(self, moment: datetime) -> datetime:
        return self.next_after(moment)

    @property
    def stale_after(self) -> timedelta:
        gap_days = 1 if len(self.weekdays) == 7 else 7
        # One missed run is tolerated only for as long as the next one needs to come round,
        # plus two hours for a long backup or a scheduler restart.
        return timedelta(days=gap_days, hours=2)

    def __str__(self) -> str:
        days = (
            "daily"
            if len(self.weekdays) == 7
            else ",".join(WEEKDAYS[d] for d in sorted(self.weekdays))
        )
        return f"{days} at {self.at:%H:%M}"


Schedule = Every | At


def every(*, minutes: int = 0, hours: int = 0) -> Every:
    interval = timedelta(minutes=minutes, hours=hours)
    if interval < timedelta(minutes=1):
        raise ValueError("a job runs at most once a minute")
    return Every(interval)


def daily(at: str) -> At:
    return At(time.fromisoformat(at))


def weekly(weekday: str, at: str) -> At:
    return At(time.fromisoformat(at), (WEEKDAYS.index(weekday),))


@dataclass(frozen=True)
class Job:
    name: str
    schedule: Schedule
    command: str
    args: tuple[str, ...] = ()
    #: Seconds before the run is killed and counted as failed.
    timeout: int = 15 * 60
    description: str = field(default="", compare=False)


JOBS: tuple[Job, ...] = (
    # Queue and rooms: free the seats of bookings whose check-in window closed.
    Job("release-no-shows", every(minutes=5), "release_no_shows", timeout=120),
    Job("release-room-no-shows", every(minutes=5), "release_room_no_shows", timeout=120),
    Job("plan-slots", daily("00:15"), "plan_slots", timeout=1800),
    # Complaints: escalate missed SP4N-LAPOR! deadlines, close answered complaints left quiet.
    Job("escalate-complaints", every(hours=1), "escalate_overdue_complaints", timeout=600),
    # Transparency dashboard rollups (yesterday and today).
    Job("transparency-rollups", every(minutes=15), "refresh_transparency_stats", timeout=600),
    # Notifications whose task was lost, retries that are due, claims of dead workers.
    Job("notification-sweep", every(minutes=5), "send_pending_notifications", timeout=600),
    # Citizens' reminders: bookings (the day before, one hour before) and complaint answers
    # awaiting the reporter's response. Each reminder goes out once (dedupe keys).
    Job("booking-reminders", every(minutes=5), "send_booking_reminders", timeout=300),
    Job("complaint-reminders", every(hours=1), "send_complaint_reminders", timeout=300),
    # Audit trail: publish the head of every chain, and check the whole chain every night.
    Job("audit-checkpoint", every(hours=1), "publish_audit_checkpoint", timeout=300),
    Job("audit-verify", daily("02:30"), "verify_audit_chain", timeout=3600),
    # Backups (docs/operations.md): nightly, and weekly a restore drill into a scratch database.
    Job("backup", daily("01:30"), "backup", timeout=4 * 3600),
    Job("restore-drill", weekly("sun", "04:00"), "restore_drill", timeout=4 * 3600),
    # Housekeeping.
    Job("prune-task-results", daily("03:15"), "prune_db_task_results", ("--queue-name=*",)),
    Job("clear-sessions", daily("03:30"), "clearsessions"),
    Job("holidays", weekly("mon", "05:00"), "load_holidays", timeout=300),
)


def job_named(name: str, jobs: tuple[Job, ...] = JOBS) -> Job | None:
    return next((job for job in jobs if job.name == name), None)
