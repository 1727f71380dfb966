"""Reusable reads: the applicant's list, the officer inbox, one case with everything the
case page shows (a fixed number of queries whatever the size of the case)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from mpp.applications import access
from mpp.applications.deadlines import next_working_day
from mpp.applications.enums import FINISHED, OPEN_FOR_AGENCY, ApplicationState
from mpp.applications.models import Application, ApplicationStatusEvent, Document
from mpp.catalog.models import Requirement, Service
from mpp.core.models import Mall


def online_services(mall: Mall) -> QuerySet[Service]:
    return (
        Service.objects.filter(
            mall=mall,
            is_active=True,
            agency__is_active=True,
            accepts_online_applications=True,
        )
        .select_related("agency")
        .order_by("agency__position", "agency__name", "position", "name")
    )


def my_applications(user: Any) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("service", "agency")
        .order_by("-updated_at")
    )


def with_case_data(queryset: QuerySet[Application]) -> QuerySet[Application]:
    return queryset.select_related(
        "service", "agency", "mall", "applicant", "assigned_to"
    ).prefetch_related(
        Prefetch("service__requirements", queryset=Requirement.objects.order_by("position", "pk")),
        "service__application_fields",
        Prefetch(
            "events",
            queryset=ApplicationStatusEvent.objects.select_related("actor").order_by(
                "created_at", "pk"
            ),
        ),
        Prefetch("documents", queryset=Document.objects.filter(is_current=True)),
    )


def inbox(
    user: Any,
    *,
    today: date,
    mall: Mall | None,
    state: str = "",
    service: str = "",
    due: str = "",
    mine: bool = False,
) -> QuerySet[Application]:
    """Open applications the officer may see, overdue first, then due soon, then by due
    date; cases waiting for the applicant come last."""
    soon = next_working_day(today, mall=mall)
    queryset = access.agency_queryset(user).select_related("service", "agency", "assigned_to")
    if state in ApplicationState.values:
        queryset = queryset.filter(state=state)
    elif state == "all":
        pass
    else:
        queryset = queryset.filter(state__in=OPEN_FOR_AGENCY)
    if service:
        queryset = queryset.filter(service__slug=service)
    running = ~Q(state__in=[*FINISHED, ApplicationState.NEEDS_REVISION])
    if due == "overdue":
        queryset = queryset.filter(running, due_date__lt=today)
    elif due == "due_soon":
        queryset = queryset.filter(running, due_date__gte=today, due_date__lte=soon)
    elif due == "paused":
        queryset = queryset.filter(state=ApplicationState.NEEDS_REVISION)
    if mine:
        queryset = queryset.filter(assigned_to=user)
    return queryset.annotate(
        urgency_rank=Case(
            When(running & Q(due_date__lt=today), then=Value(0)),
            When(running & Q(due_date__lte=soon), then=Value(1)),
            When(state=ApplicationState.NEEDS_REVISION, then=Value(3)),
            When(state__in=list(FINISHED), then=Value(4)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("urgency_rank", "due_date", "submitted_at", "pk")


def inbox_services(user: Any) -> QuerySet[Service]:
    ids = access.agency_queryset(user).values("service_id")
    return Service.objects.filter(pk__in=ids).order_by("name")
