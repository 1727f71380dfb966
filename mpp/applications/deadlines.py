"""Deadlines of applications, counted in working days (mpp.core.calendar).

- On the first submission the due date is the service's turnaround in working days after the
  submission day (the upper bound when the standard gives a range). Turnarounds in calendar
  "days" are read as working days (service standards say "hari" for "hari kerja"); minutes
  and hours become one working day.
- While the application waits for the applicant's revision the clock is paused: on
  resubmission the due date moves by the working days the pause lasted.
- Overdue: the due date has passed. Due soon: due today or on the next working day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mpp.applications.enums import FINISHED, ApplicationState, Urgency
from mpp.catalog.enums import TimeUnit
from mpp.core.calendar import WorkingCalendar, add_working_days, working_days_between
from mpp.core.models import Mall

if TYPE_CHECKING:
    from mpp.applications.models import Application
    from mpp.catalog.models import Service

DUE_SOON_WORKING_DAYS = 1


def turnaround_working_days(service: Service) -> int:
    value = service.turnaround_max or service.turnaround_value or 1
    if service.turnaround_unit in {TimeUnit.MINUTES, TimeUnit.HOURS}:
        return 1
    return max(int(value), 1)


def initial_due_date(service: Service, submitted_on: date, *, mall: Mall | None) -> date:
    return add_working_days(submitted_on, turnaround_working_days(service), mall=mall)


def extend_for_pause(due: date, paused_on: date, resumed_on: date, *, mall: Mall | None) -> date:
    """The due date after a pause from `paused_on` to `resumed_on`: later by the working days
    in between, so the agency keeps exactly the working days it had left."""
    return add_working_days(due, working_days_between(paused_on, resumed_on, mall=mall), mall=mall)


def _classify(application: Application, today: date, calendar: WorkingCalendar) -> str:
    if application.state in FINISHED or application.state == ApplicationState.DRAFT:
        return Urgency.NONE
    if application.state == ApplicationState.NEEDS_REVISION:
        return Urgency.PAUSED
    due = application.due_date
    if due is None:
        return Urgency.NONE
    if due < today:
        return Urgency.OVERDUE
    remaining, current = 0, today
    while current < due and remaining <= DUE_SOON_WORKING_DAYS:
        current += timedelta(days=1)
        if calendar.is_working_day(current):
            remaining += 1
    return Urgency.DUE_SOON if remaining <= DUE_SOON_WORKING_DAYS else Urgency.ON_TRACK


def urgency(application: Application, today: date) -> str:
    calendar = WorkingCalendar(application.mall, today, today + timedelta(days=40))
    return _classify(application, today, calendar)


def annotate_urgency(
    applications: Iterable[Application], today: date, *, mall: Mall | None
) -> list[Application]:
    """Set `.urgency` on each application, reading the calendar once for the whole list."""
    items = list(applications)
    calendar = WorkingCalendar(mall, today, today + timedelta(days=40))
    for item in items:
        item.urgency = _classify(item, today, calendar)  # type: ignore[attr-defined]
    return items


def next_working_day(today: date, *, mall: Mall | None) -> date:
    return add_working_days(today, 1, mall=mall)
