"""The scheduler: runs the jobs of `schedule.JOBS` when they are due and records each outcome.

Several schedulers may run at once (one per app server, for redundancy): a due job is claimed
with one conditional UPDATE on its `JobState` row (due, and no live lease), so exactly one of
them runs it. A job runs as its own `python -m django <command>` process with a time-out, so a
crash or a memory leak in one job never takes the scheduler down; the last lines of its output
are kept on the row for the operator.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.db.models import F, Q
from django.utils import timezone

from mpp.operations.models import JobState
from mpp.operations.schedule import JOBS, Job

logger = logging.getLogger("mpp.scheduler")

OUTPUT_KEEP = 4000
#: The lease outlives the job's time-out by this much, so a scheduler that died mid-run
#: releases its jobs soon after they would have been killed anyway.
LEASE_MARGIN = timedelta(minutes=1)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    output: str
    duration_ms: int


Runner = Callable[[Job], Outcome]


def _tail(text: str) -> str:
    return text[-OUTPUT_KEEP:]


def run_in_subprocess(job: Job) -> Outcome:
    """Run the job's command as `python -m django …` in the project directory."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "")}
    env["DJANGO_SETTINGS_MODULE"] = env["DJANGO_SETTINGS_MODULE"] or "mpp.settings"
    started = time.monotonic()
    try:
        completed = subprocess.run(  # noqa: S603 - fixed argv from the job table, no shell
            [sys.executable, "-m", "django", job.command, *job.args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=job.timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        output = (exc.stdout or "") if isinstance(exc.stdout, str) else ""
        return Outcome(
            ok=False,
            output=_tail(f"{output}\ntimed out after {job.timeout} s"),
            duration_ms=int((time.monotonic() - started) * 1000),
        )
    output = (completed.stdout or "") + (completed.stderr or "")
    if completed.returncode != 0:
        output += f"\nexit status {completed.returncode}"
    return Outcome(
        ok=completed.returncode == 0,
        output=_tail(output.strip()),
        duration_ms=int((time.monotonic() - started) * 1000),
    )


def run_in_process(job: Job) -> Outcome:
    """Run the command in this process (tests, and `run_scheduler --in-process`)."""
    out = StringIO()
    started = time.monotonic()
    try:
        call_command(job.command, *job.args, stdout=out, stderr=out)
    except BaseException as exc:  # SystemExit(1) is how a command reports failure
        if isinstance(exc, KeyboardInterrupt):
            raise
        ok = isinstance(exc, SystemExit) and exc.code in (0, None)
        if not ok:
            out.write(f"\n{type(exc).__name__}: {exc}")
    else:
        ok = True
    return Outcome(
        ok=ok,
        output=_tail(out.getvalue().strip()),
        duration_ms=int((time.monotonic() - started) * 1000),
    )


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def sync_job_states(jobs: Iterable[Job] = JOBS, *, now: datetime | None = None) -> None:
    """Make sure every job of the table has its row and a due time."""
    now = now or timezone.now()
    jobs = list(jobs)
    existing = dict(
        JobState.objects.filter(name__in=[j.name for j in jobs]).values_list("name", "next_run_at")
    )
    for job in jobs:
        if job.name not in existing:
            JobState.objects.get_or_create(
                name=job.name, defaults={"next_run_at": job.schedule.first_after(now)}
            )
        elif existing[job.name] is None:
            JobState.objects.filter(name=job.name, next_run_at__isnull=True).update(
                next_run_at=job.schedule.first_after(now)
            )


def claim_job(job: Job, *, owner: str, now: datetime | None = None, force: bool = False) -> bool:
    """Take the job's lease if it is due (or `force`) and nobody holds a live lease.

    One conditional UPDATE: of several schedulers asking at the same moment, exactly one gets
    `True`. The next due time is set at the same moment, from the start of this run.
    """
    now = now or timezone.now()
    due = Q() if force else Q(next_run_at__lte=now)
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    claimed = JobState.objects.filter(due & free, name=job.name).update(
        lease_owner=owner[:120],
        lease_until=now + timedelta(seconds=job.timeout) + LEASE_MARGIN,
        last_started_at=now,
        next_run_at=job.schedule.next_after(now),
    )
    return claimed == 1


def record_outcome(job: Job, outcome: Outcome, *, owner: str) -> None:
    """Store the result of a run and give the lease back."""
    now = timezone.now()
    update: dict[str, object] = {
        "last_finished_at": now,
        "last_duration_ms": outcome.duration_ms,
        "last_output": outcome.output,
        "runs": F("runs") + 1,
    }
    if outcome.ok:
        update |= {"last_succeeded_at": now, "consecutive_failures": 0}
    else:
        update |= {
            "last_failed_at": now,
            "failures": F("failures") + 1,
            "consecutive_failures": F("consecutive_failures") + 1,
        }
    JobState.objects.filter(name=job.name).update(**update)
    JobState.objects.filter(name=job.name, lease_owner=owner[:120]).update(
        lease_owner="", lease_until=None
    )
    if outcome.ok:
        logger.info("job %s succeeded in %d ms", job.name, outcome.duration_ms)
    else:
        logger.error(
            "job %s failed after %d ms: %s", job.name, outcome.duration_ms, outcome.output[-500:]
        )


def run_job(job: Job, *, owner: str, runner: Runner = run_in_subprocess) -> Outcome:
    """Run a job that this scheduler has claimed and record what happened."""
    logger.info("job %s starting: %s %s", job.name, job.command, " ".join(job.args))
    try:
        outcome = runner(job)
    except Exception as exc:  # the runner itself broke (e.g. fork failed): still record it
        logger.exception("job %s could not run", job.name)
        outcome = Outcome(ok=False, output=f"{type(exc).__name__}: {exc}", duration_ms=0)
    record_outcome(job, outcome, owner=owner)
    return outcome


class Scheduler:
    """Claims and runs due jobs; `tick()` once, or `run_forever()`."""

    def __init__(
        self,
        jobs: tuple[Job, ...] = JOBS,
        *,
        owner: str | None = None,
        runner: Runner = run_in_subprocess,
        concurrency: int | None = None,
    ) -> None:
        self.jobs = jobs
        self.owner = owner or default_owner()
        self.runner = runner
        concurrency = settings.MPP_SCHEDULER_CONCURRENCY if concurrency is None else concurrency
        # concurrency=0 runs each job inline, in the calling thread (tests; `--once`).
        self.executor = (
            ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="mpp-job")
            if concurrency > 0
            else None
        )
        self.running: dict[str, Future[Outcome]] = {}
        self.stopping = threading.Event()

    def _run_in_thread(self, job: Job) -> Outcome:
        try:
            return run_job(job, owner=self.owner, runner=self.runner)
        finally:
            connection.close()

    def tick(self, *, now: datetime | None = None) -> list[str]:
        """Start every due job this scheduler can claim. Returns the names started."""
        self.running = {name: f for name, f in self.running.items() if not f.done()}
        sync_job_states(self.jobs, now=now)
        started = []
        for job in self.jobs:
            if self.stopping.is_set():
                break
            if job.name in self.running:
                continue
            if claim_job(job, owner=self.owner, now=now):
                if self.executor is None:
                    run_job(job, owner=self.owner, runner=self.runner)
                else:
                    self.running[job.name] = self.executor.submit(self._run_in_thread, job)
                started.append(job.name)
        return started

    def wait(self) -> None:
        for future in list(self.running.values()):
            future.result()

    def run_forever(self, *, interval: float) -> None:
        logger.info("scheduler %s started with %d jobs", self.owner, len(self.jobs))
        while not self.stopping.is_set():
            try:
                close_old_connections()
                self.tick()
            except Exception:  # the database may be restarting: try again next tick
                logger.exception("scheduler tick failed; retrying in %.0f s", interval)
            self.stopping.wait(interval)
        busy = sum(1 for future in self.running.values() if not future.done())
        logger.info("scheduler stopping; waiting for %d running job(s)", busy)
        self.shutdown()

    def shutdown(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True)

    def stop(self, *_args: object) -> None:
        self.stopping.set()

    def install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)


def overdue_jobs(jobs: tuple[Job, ...] = JOBS, *, now: datetime | None = None) -> list[str]:
    """Jobs whose last success (or first sighting, if they never succeeded) is older than
    their schedule allows: the job keeps failing or no scheduler is running."""
    now = now or timezone.now()
    states = {s.name: s for s in JobState.objects.filter(name__in=[j.name for j in jobs])}
    late = []
    for job in jobs:
        state = states.get(job.name)
        if state is None:
            late.append(job.name)  # no scheduler has ever run against this database
            continue
        reference = state.last_succeeded_at or state.created_at
        if reference < now - job.schedule.stale_after:
            late.append(job.name)
    return late
