"""System checks of the operations app: the job table must name real commands."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register
from django.core.management import get_commands


@register()
def check_job_table(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from mpp.operations.schedule import JOBS

    errors: list[Error] = []
    commands = get_commands()
    seen: set[str] = set()
    for job in JOBS:
        if job.name in seen:
            errors.append(
                Error(f"Two scheduled jobs are called {job.name!r}.", id="operations.E001")
            )
        seen.add(job.name)
        if job.command not in commands:
            errors.append(
                Error(
                    f"Scheduled job {job.name!r} runs {job.command!r}, which is not a "
                    "management command.",
                    hint="Fix the line in mpp/operations/schedule.py.",
                    id="operations.E002",
                )
            )
    return errors
