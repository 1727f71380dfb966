"""The survey's population: the people served in a period (issue 12, PermenPAN-RB 14/2017's
sample is drawn from them). Registered with the feedback app in `TransparencyConfig.ready`,
because the feedback app cannot read tickets or applications itself (they depend on it)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from mpp.applications.models import Application
from mpp.catalog.models import Agency, Service
from mpp.core.clock import mall_zone
from mpp.core.models import Mall
from mpp.queueing.enums import TicketStatus
from mpp.queueing.models import Ticket


def served_visits(
    *,
    mall: Mall,
    start: date,
    end: date,
    service: Service | None = None,
    agency: Agency | None = None,
) -> int:
    """Finished tickets (served, not no-shows) and decided applications (approved or
    rejected: the applicant got the agency's answer) in the inclusive local period and the
    scope. Two count queries."""
    zone = mall_zone(mall)
    low = datetime.combine(start, time.min, tzinfo=zone)
    high = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    tickets = Ticket.objects.filter(
        mall=mall, status=TicketStatus.DONE, finished_at__gte=low, finished_at__lt=high
    )
    applications = Application.objects.filter(mall=mall, decided_at__gte=low, decided_at__lt=high)
    if service is not None:
        tickets = tickets.filter(service=service)
        applications = applications.filter(service=service)
    elif agency is not None:
        tickets = tickets.filter(service__agency=agency)
        applications = applications.filter(agency=agency)
    return tickets.count() + applications.count()
