"""Deadlines in working days against a calendar with holidays and collective leave; the
clock pauses during revision; overdue and near-due cases come first in the inbox."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from mpp.applications import deadlines, domain, queries
from mpp.applications.enums import ApplicationState, Urgency
from mpp.core.enums import DayKind
from mpp.core.models import CalendarDay
from tests.applications.conftest import fill_completely

pytestmark = pytest.mark.django_db
S = ApplicationState
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def lebaran_2026(mall):
    """Idul Fitri 1447 H falls on Fri 20 and Sat 21 March 2026, with collective leave on
    Thu 19 and Mon 23–Tue 24 March (SKB 3 Menteri; the `holidays` package has the same)."""
    rows = [
        (date(2026, 3, 19), DayKind.COLLECTIVE_LEAVE, "Cuti bersama Idul Fitri"),
        (date(2026, 3, 20), DayKind.HOLIDAY, "Idul Fitri"),
        (date(2026, 3, 21), DayKind.HOLIDAY, "Idul Fitri"),
        (date(2026, 3, 23), DayKind.COLLECTIVE_LEAVE, "Cuti bersama Idul Fitri"),
        (date(2026, 3, 24), DayKind.COLLECTIVE_LEAVE, "Cuti bersama Idul Fitri"),
    ]
    for day, kind, name in rows:
        CalendarDay.objects.create(mall=None, day=day, kind=kind, name=name)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


def test_due_date_skips_weekend_holidays_and_collective_leave(mall, service, lebaran_2026):
    # Submitted Wed 18 March, 3 working days: Wed 25, Thu 26, Fri 27.
    assert deadlines.initial_due_date(service, date(2026, 3, 18), mall=mall) == date(2026, 3, 27)


def test_due_date_uses_the_upper_bound_of_a_range(mall, service):
    service.turnaround_value, service.turnaround_max = 3, 5
    # Mon 2 Nov 2026 + 5 working days = Mon 9 Nov.
    assert deadlines.initial_due_date(service, date(2026, 11, 2), mall=mall) == date(2026, 11, 9)


def test_hours_count_as_one_working_day(mall, service):
    service.turnaround_value, service.turnaround_unit = 2, "hours"
    assert deadlines.initial_due_date(service, date(2026, 11, 6), mall=mall) == date(2026, 11, 9)


def test_pause_moves_the_due_date_by_the_working_days_it_lasted(mall, lebaran_2026):
    # Paused Tue 17 March, resumed Wed 25 March: 18 and 25 are the only working days after
    # the 17th up to the 25th (19–24 are leave, holidays and a weekend): 2 days.
    assert deadlines.extend_for_pause(
        date(2026, 3, 18), date(2026, 3, 17), date(2026, 3, 25), mall=mall
    ) == date(2026, 3, 26)


@pytest.mark.usefixtures("lebaran_2026")
def test_revision_pauses_the_clock_end_to_end(mall, draft, citizen, verifier, monkeypatch):
    verifier.is_verified = lambda: True
    fill_completely(draft, citizen)
    monkeypatch.setattr(timezone, "now", lambda: _at(date(2026, 3, 16)))  # Monday
    domain.submit_application(application=draft, actor=citizen)
    draft.refresh_from_db()
    assert draft.due_date == date(2026, 3, 19 + 6)  # Tue 17, Wed 18, Wed 25 -> 25 March
    domain.transition_application(application=draft, to=S.IN_VERIFICATION, actor=verifier)
    domain.transition_application(
        application=draft, to=S.NEEDS_REVISION, actor=verifier, reason="Tanda tangan saksi kurang"
    )
    draft.refresh_from_db()
    assert draft.paused_on == date(2026, 3, 16)
    assert deadlines.urgency(draft, date(2026, 4, 30)) == Urgency.PAUSED
    # The applicant answers on Thursday 26 March: the pause lasted Tue 17, Wed 18, Wed 25,
    # Thu 26 = 4 working days, so the due date moves from 25 to 31 March.
    monkeypatch.setattr(timezone, "now", lambda: _at(date(2026, 3, 26)))
    domain.submit_application(application=draft, actor=citizen)
    draft.refresh_from_db()
    assert (draft.due_date, draft.paused_on) == (date(2026, 3, 31), None)
    assert draft.events.filter(to_state=S.SUBMITTED).last().details == {"due_date": "2026-03-31"}


def test_urgency_overdue_due_soon_on_track(mall, submitted, lebaran_2026):
    submitted.due_date = date(2026, 3, 25)
    assert deadlines.urgency(submitted, date(2026, 3, 26)) == Urgency.OVERDUE
    assert deadlines.urgency(submitted, date(2026, 3, 25)) == Urgency.DUE_SOON
    # Wed 18 March: the next working day is the 25th (after Lebaran) -> due soon.
    assert deadlines.urgency(submitted, date(2026, 3, 18)) == Urgency.DUE_SOON
    assert deadlines.urgency(submitted, date(2026, 3, 16)) == Urgency.ON_TRACK
    submitted.state = S.CLOSED
    assert deadlines.urgency(submitted, date(2026, 4, 30)) == Urgency.NONE


def test_inbox_shows_overdue_then_due_soon_then_the_rest(mall, service, citizen, verifier):
    from mpp.applications.models import Application

    verifier.is_verified = lambda: True
    today = date(2026, 11, 11)  # Wednesday
    apps = {}
    for label, due in (
        ("later", date(2026, 11, 20)),
        ("soon", date(2026, 11, 12)),
        ("overdue", date(2026, 11, 9)),
        ("today", date(2026, 11, 11)),
    ):
        app = domain.create_application(service=service, applicant=citizen)
        fill_completely(app, citizen)
        domain.submit_application(application=app, actor=citizen)
        Application.objects.filter(pk=app.pk).update(due_date=due)
        apps[label] = app.pk
    paused = Application.objects.get(pk=apps["later"])
    order = [a.pk for a in queries.inbox(verifier, today=today, mall=mall)]
    assert order == [apps["overdue"], apps["today"], apps["soon"], apps["later"]]
    overdue = [a.pk for a in queries.inbox(verifier, today=today, mall=mall, due="overdue")]
    assert overdue == [apps["overdue"]]
    soon = [a.pk for a in queries.inbox(verifier, today=today, mall=mall, due="due_soon")]
    assert soon == [apps["today"], apps["soon"]]
    assert paused.state == S.SUBMITTED
