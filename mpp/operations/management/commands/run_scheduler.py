"""manage.py run_scheduler — run the periodic jobs of `mpp/operations/schedule.py`.

run_scheduler                 run forever (the `scheduler` process of the topology)
run_scheduler --once          start every due job once, wait for them, exit
run_scheduler --list          print the job table with each job's last run
run_scheduler --run NAME      run one job now, due or not, and exit with its status
run_scheduler --skip A,B      leave these jobs out (the demo of `make run` skips the backups)
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mpp.operations.models import JobState
from mpp.operations.schedule import JOBS, Job, job_named
from mpp.operations.scheduler import (
    Scheduler,
    claim_job,
    default_owner,
    overdue_jobs,
    run_in_process,
    run_in_subprocess,
    run_job,
    sync_job_states,
)


class Command(BaseCommand):
    help = "Run the platform's periodic jobs (no-show release, escalations, rollups, backups…)."

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--once", action="store_true", help="Run due jobs once and exit.")
        mode.add_argument("--list", action="store_true", help="Show the jobs and their state.")
        mode.add_argument("--run", metavar="JOB", help="Run this job now and exit.")
        parser.add_argument(
            "--in-process",
            action="store_true",
            help="Run commands inside this process instead of one process per job.",
        )
        parser.add_argument(
            "--skip",
            default="",
            metavar="JOB[,JOB…]",
            help="Comma-separated jobs this scheduler leaves out (e.g. backup,restore-drill).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between looks at the table (default MPP_SCHEDULER_INTERVAL).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        runner = run_in_process if options["in_process"] else run_in_subprocess
        if options["list"]:
            self._list()
            return
        if options["run"]:
            job = job_named(options["run"])
            if job is None:
                names = ", ".join(j.name for j in JOBS)
                raise CommandError(f"No job {options['run']!r}. Jobs: {names}")
            sync_job_states()
            owner = default_owner()
            if not claim_job(job, owner=owner, force=True):
                raise CommandError(f"Job {job.name} is running elsewhere right now.")
            outcome = run_job(job, owner=owner, runner=runner)
            self.stdout.write(outcome.output)
            if not outcome.ok:
                raise CommandError(f"Job {job.name} failed.")
            return
        jobs = self._jobs_without(options["skip"])
        if options["once"]:
            scheduler = Scheduler(
                jobs=jobs, runner=runner, concurrency=0 if options["in_process"] else None
            )
            started = scheduler.tick()
            scheduler.wait()
            scheduler.shutdown()
            self.stdout.write(f"ran {len(started)} job(s): {', '.join(started) or '-'}")
            return
        scheduler = Scheduler(jobs=jobs, runner=runner)
        scheduler.install_signal_handlers()
        scheduler.run_forever(interval=options["interval"] or settings.MPP_SCHEDULER_INTERVAL)

    @staticmethod
    def _jobs_without(skip: str) -> tuple[Job, ...]:
        names = {name.strip() for name in skip.split(",") if name.strip()}
        unknown = names - {job.name for job in JOBS}
        if unknown:
            known = ", ".join(job.name for job in JOBS)
            raise CommandError(f"No job {', '.join(sorted(unknown))}. Jobs: {known}")
        return tuple(job for job in JOBS if job.name not in names)

    def _list(self) -> None:
        sync_job_states()
        states = {s.name: s for s in JobState.objects.all()}
        late = set(overdue_jobs())
        now = timezone.now()

        def when(moment: Any) -> str:
            if moment is None:
                return "never"
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")

        for job in JOBS:
            state = states[job.name]
            status = "LATE" if job.name in late else "ok"
            if state.lease_until and state.lease_until > now:
                status += " (running)"
            self.stdout.write(
                f"{job.name:<24} {job.schedule!s:<20} {job.command:<30} "
                f"last ok {when(state.last_succeeded_at):<19}  next {when(state.next_run_at):<19}  "
                f"{status}"
            )
