"""The scheduler: the job table, due times, claims across schedulers, outcomes, lateness."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError
from django.utils import timezone

from mpp.operations.checks import check_job_table
from mpp.operations.models import JobState
from mpp.operations.schedule import JOBS, Job, daily, every, weekly
from mpp.operations.scheduler import (
    Outcome,
    Scheduler,
    claim_job,
    overdue_jobs,
    record_outcome,
    run_in_process,
    sync_job_states,
)

JAKARTA = ZoneInfo("Asia/Jakarta")


def test_job_table_names_unique_and_commands_parse_their_arguments():
    commands = get_commands()

    for job in JOBS:
        command = load_command_class(commands[job.command], job.command)
        parser = command.create_parser("manage.py", job.command)
        parser.parse_args(list(job.args))  # raises (SystemExit) on an argument it does not take

    assert len({job.name for job in JOBS}) == len(JOBS)
    assert check_job_table() == []


def test_job_table_holds_the_periodic_jobs_of_the_platform():
    assert {job.command for job in JOBS} >= {
        "release_no_shows",
        "escalate_overdue_complaints",
        "refresh_transparency_stats",
        "send_pending_notifications",
        "publish_audit_checkpoint",
    }


def test_check_job_table_reports_unknown_command(monkeypatch):
    from mpp.operations import schedule

    monkeypatch.setattr(schedule, "JOBS", (Job("typo", every(minutes=5), "relase_no_shows"),))

    errors = check_job_table()

    assert [e.id for e in errors] == ["operations.E002"]


def test_daily_next_after_uses_installation_zone():
    # 01:29 WIB on 5 Dec is 18:29 UTC on 4 Dec: the 01:30 run is one minute later.
    moment = datetime(2026, 12, 4, 18, 29, tzinfo=ZoneInfo("UTC"))

    due = daily("01:30").next_after(moment)

    assert due == datetime(2026, 12, 5, 1, 30, tzinfo=JAKARTA)


def test_daily_next_after_past_time_moves_to_tomorrow():
    moment = datetime(2026, 12, 5, 1, 30, tzinfo=JAKARTA)

    assert daily("01:30").next_after(moment) == datetime(2026, 12, 6, 1, 30, tzinfo=JAKARTA)


def test_weekly_next_after_finds_the_weekday():
    saturday = datetime(2026, 12, 5, 12, 0, tzinfo=JAKARTA)

    assert weekly("sun", "04:00").next_after(saturday) == datetime(
        2026, 12, 6, 4, 0, tzinfo=JAKARTA
    )
    assert weekly("sat", "04:00").next_after(saturday) == datetime(
        2026, 12, 12, 4, 0, tzinfo=JAKARTA
    )


def test_every_refuses_less_than_a_minute():
    with pytest.raises(ValueError, match="once a minute"):
        every(minutes=0)


@pytest.mark.django_db
def test_sync_job_states_interval_due_now_daily_due_next_occurrence():
    now = datetime(2026, 12, 5, 10, 0, tzinfo=JAKARTA)
    jobs = (
        Job("sweep", every(minutes=5), "clearsessions"),
        Job("nightly", daily("01:30"), "clearsessions"),
    )

    sync_job_states(jobs, now=now)

    due = dict(JobState.objects.values_list("name", "next_run_at"))
    assert due == {"sweep": now, "nightly": datetime(2026, 12, 6, 1, 30, tzinfo=JAKARTA)}


@pytest.mark.django_db
def test_claim_job_second_scheduler_refused_while_first_holds_lease():
    job = Job("sweep", every(minutes=5), "clearsessions")
    now = timezone.now()
    sync_job_states((job,), now=now)

    first = claim_job(job, owner="server-a:1", now=now)
    second = claim_job(job, owner="server-b:1", now=now)

    state = JobState.objects.get(name="sweep")
    assert (first, second) == (True, False)
    assert state.lease_owner == "server-a:1"
    assert state.next_run_at == now + timedelta(minutes=5)


@pytest.mark.django_db
def test_claim_job_refused_before_due_and_allowed_once_lease_expired():
    job = Job("sweep", every(minutes=5), "clearsessions", timeout=60)
    now = timezone.now()
    sync_job_states((job,), now=now)
    assert claim_job(job, owner="a", now=now)

    too_early = claim_job(job, owner="b", now=now + timedelta(minutes=4))
    # The holder died: its lease (time-out + margin) ran out and the job is due again.
    after_lease = claim_job(job, owner="b", now=now + timedelta(minutes=6))

    assert (too_early, after_lease) == (False, True)


@pytest.mark.django_db
def test_scheduler_tick_runs_due_job_and_records_success():
    expired = Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(days=1)
    )
    job = Job("clear-sessions", every(minutes=30), "clearsessions")
    scheduler = Scheduler((job,), owner="test", runner=run_in_process, concurrency=0)

    started = scheduler.tick()
    scheduler.wait()
    again = scheduler.tick()  # not due again for 30 minutes
    scheduler.wait()

    state = JobState.objects.get(name="clear-sessions")
    assert (started, again) == (["clear-sessions"], [])
    assert Session.objects.filter(pk=expired.pk).exists() is False
    assert (state.runs, state.failures, state.lease_owner, state.lease_until) == (1, 0, "", None)
    assert state.last_succeeded_at is not None


@pytest.mark.django_db
def test_scheduler_records_failure_with_output():
    job = Job("bad-rollup", every(minutes=5), "refresh_transparency_stats", ("--days=0",))
    scheduler = Scheduler((job,), owner="test", runner=run_in_process, concurrency=0)

    scheduler.tick()
    scheduler.wait()

    state = JobState.objects.get(name="bad-rollup")
    assert (state.runs, state.failures, state.consecutive_failures) == (1, 1, 1)
    assert state.last_succeeded_at is None
    assert "--days must be 1 or more." in state.last_output


@pytest.mark.django_db
def test_record_outcome_success_resets_consecutive_failures():
    job = Job("sweep", every(minutes=5), "clearsessions")
    sync_job_states((job,))
    record_outcome(job, Outcome(ok=False, output="boom", duration_ms=3), owner="x")
    record_outcome(job, Outcome(ok=False, output="boom", duration_ms=3), owner="x")

    record_outcome(job, Outcome(ok=True, output="done", duration_ms=5), owner="x")

    state = JobState.objects.get(name="sweep")
    assert (state.runs, state.failures, state.consecutive_failures) == (3, 2, 0)
    assert (state.last_output, state.last_duration_ms) == ("done", 5)


@pytest.mark.django_db
def test_overdue_jobs_names_jobs_without_recent_success():
    fresh = Job("fresh", every(minutes=5), "clearsessions")
    stale = Job("stale", every(minutes=5), "clearsessions")
    never = Job("never-ran", every(minutes=5), "clearsessions")
    now = timezone.now()
    sync_job_states((fresh, stale, never), now=now)
    JobState.objects.filter(name="fresh").update(last_succeeded_at=now - timedelta(minutes=10))
    JobState.objects.filter(name="stale").update(last_succeeded_at=now - timedelta(minutes=16))
    JobState.objects.filter(name="never-ran").update(created_at=now - timedelta(hours=1))

    late = overdue_jobs((fresh, stale, never), now=now)

    assert late == ["stale", "never-ran"]


@pytest.mark.django_db
def test_run_scheduler_run_unknown_job_names_the_jobs():
    with pytest.raises(CommandError, match=r"No job .nope.\. Jobs: release-no-shows"):
        call_command("run_scheduler", "--run", "nope")


@pytest.mark.django_db
def test_run_scheduler_run_executes_job_now_in_process(capsys):
    call_command("run_scheduler", "--run", "clear-sessions", "--in-process")

    state = JobState.objects.get(name="clear-sessions")
    assert (state.runs, state.failures) == (1, 0)


@pytest.mark.django_db
def test_run_scheduler_list_shows_every_job():
    from io import StringIO

    out = StringIO()
    call_command("run_scheduler", "--list", stdout=out)

    lines = out.getvalue().splitlines()
    assert [line.split()[0] for line in lines] == [job.name for job in JOBS]


@pytest.mark.django_db(transaction=True)
def test_run_scheduler_skip_leaves_those_jobs_out():
    from io import StringIO

    kept = "notification-sweep"
    skipped = ",".join(job.name for job in JOBS if job.name != kept)
    out = StringIO()
    call_command("run_scheduler", "--once", "--in-process", "--skip", skipped, stdout=out)

    assert out.getvalue().strip() == f"ran 1 job(s): {kept}"
    assert set(JobState.objects.filter(runs__gt=0).values_list("name", flat=True)) == {kept}


@pytest.mark.django_db
def test_run_scheduler_skip_of_an_unknown_job_names_the_jobs():
    with pytest.raises(CommandError, match=r"No job backups\. Jobs: release-no-shows"):
        call_command("run_scheduler", "--once", "--skip", "backup,backups")


def test_the_demo_scheduler_of_make_run_skips_only_existing_jobs():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    line = next(line for line in makefile.splitlines() if line.startswith("DEMO_SKIPPED_JOBS"))
    names = line.split(":=")[1].strip().split(",")
    assert set(names) <= {job.name for job in JOBS} and "backup" in names
    assert "run_scheduler --skip $(DEMO_SKIPPED_JOBS)" in makefile
