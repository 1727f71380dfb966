"""The living demo's history (mpp/demo/history.py): 60 days of seeded activity for Ngawi."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db.models import F, Sum

from mpp.applications.models import Application
from mpp.audit.models import AuditEvent
from mpp.core.models import Mall
from mpp.demo.catalog import load_demo_catalog
from mpp.demo.history import CODE_PREFIX, load_demo_history
from mpp.feedback.enums import FollowUpStatus
from mpp.feedback.models import Complaint, FollowUpPlan, SurveyResponse
from mpp.queueing.demo import load_queue_demo
from mpp.queueing.models import Ticket
from mpp.transparency.models import DailyAgencyStats

# A fixed Monday: the history never depends on the wall clock.
TODAY = date(2026, 11, 16)


@pytest.fixture
def mall(db):
    load_demo_catalog()
    mall = Mall.objects.get(slug="ngawi")
    load_queue_demo(mall)
    return mall


@pytest.mark.django_db
def test_history_fills_sixty_days_and_the_rollups(mall):
    report = load_demo_history(mall, today=TODAY)

    assert report.days >= 38  # working days of 60 calendar days, holidays off
    tickets = Ticket.objects.filter(mall=mall)
    assert tickets.count() == report.tickets > 3000
    assert not tickets.exclude(code__startswith=CODE_PREFIX).exists()
    assert tickets.filter(day__gte=TODAY).count() == 0
    assert tickets.filter(day__lt=TODAY - timedelta(days=60)).count() == 0
    assert not tickets.filter(day__week_day__in=[1, 7]).exists()  # no Sundays/Saturdays
    # The busiest hours follow a morning peak: 09–11 busier than 14–15.
    stats = DailyAgencyStats.objects.filter(mall=mall)
    by_hour = [0] * 24
    for row in stats:
        for hour, count in enumerate(row.tickets_by_hour):
            by_hour[hour] += count
    assert sum(by_hour) == report.tickets
    assert by_hour[9] + by_hour[10] > by_hour[14] + by_hour[15] > 0
    assert by_hour[0] == by_hour[20] == 0
    assert stats.aggregate(v=Sum("visitors"))["v"] == report.tickets
    assert stats.values("agency").distinct().count() >= 8
    # Applications: some decided on time, some late, some still open.
    finished = stats.aggregate(f=Sum("applications_finished"), t=Sum("applications_in_time"))
    assert 0 < finished["t"] < finished["f"]
    assert Application.objects.filter(mall=mall, decided_at__isnull=True).exists()
    # Survey answers on the SKM scale, with a respondent profile.
    answers = SurveyResponse.objects.filter(mall=mall)
    assert answers.count() == report.responses > 1000
    assert set(answers.values_list("u3", flat=True)) <= {1, 2, 3, 4}
    assert answers.exclude(gender="").exists() and answers.exclude(education="").exists()
    # Suggestions: the older ones approved by the demo mall manager (audited), the last
    # week's still awaiting moderation.
    suggestions = answers.exclude(suggestion="")
    approved = suggestions.filter(suggestion_status="approved")
    assert approved.count() == report.suggestions_approved > 20
    assert suggestions.filter(suggestion_status="pending").count() == report.suggestions_pending
    assert 0 < report.suggestions_pending < report.suggestions_approved
    assert not approved.filter(survey_date__gte=TODAY - timedelta(days=7)).exists()
    assert set(approved.values_list("suggestion_moderated_by__username", flat=True)) == {
        "pengelola"
    }
    assert AuditEvent.objects.filter(action="survey.suggestion_moderated").count() == (
        report.suggestions_approved
    )
    # Complaints: answered, some after the deadline.
    complaints = Complaint.objects.filter(mall=mall)
    assert complaints.count() == report.complaints > 5
    assert complaints.filter(answered_at__date__gt=F("answer_due")).exists()
    assert complaints.filter(answered_at__isnull=False).exists()
    # Follow-up plans on the weakest elements, one under way and one done; a signatory.
    plans = FollowUpPlan.objects.filter(mall=mall)
    assert plans.count() == report.follow_ups == 3
    assert set(plans.values_list("status", flat=True)) == {
        FollowUpStatus.PLANNED,
        FollowUpStatus.IN_PROGRESS,
        FollowUpStatus.DONE,
    }
    mall.refresh_from_db()
    assert mall.head_nip and "demo" in mall.head_name


@pytest.mark.django_db
def test_history_is_seeded_and_loads_once(mall):
    first = load_demo_history(mall, today=TODAY)
    waits = sorted(
        (t.code, t.called_at - t.issued_at) for t in Ticket.objects.filter(mall=mall)[:50]
    )

    again = load_demo_history(mall, today=TODAY)

    assert again.skipped and str(again) == "already loaded, nothing changed"
    assert Ticket.objects.filter(mall=mall).count() == first.tickets
    # Same seed, same figures: rebuilding from scratch gives the same tickets.
    Ticket.objects.filter(mall=mall).delete()
    SurveyResponse.objects.filter(mall=mall).delete()
    Complaint.objects.filter(mall=mall).delete()
    Application.objects.filter(mall=mall).delete()
    rebuilt = load_demo_history(mall, today=TODAY)
    assert (rebuilt.tickets, rebuilt.responses, rebuilt.applications, rebuilt.complaints) == (
        first.tickets,
        first.responses,
        first.applications,
        first.complaints,
    )
    assert waits == sorted(
        (t.code, t.called_at - t.issued_at) for t in Ticket.objects.filter(mall=mall)[:50]
    )
