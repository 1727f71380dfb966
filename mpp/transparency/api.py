"""`public_stats`: the dashboard's figures as JSON (no login), the same rows as the open-data
downloads (schemas in docs/open-data.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from mpp.core.schemas import ErrorOut
from mpp.core.tenancy import current_mall
from mpp.transparency.filters import FilterError, parse_period
from mpp.transparency.queries import dashboard_figures, mall_agencies
from mpp.transparency.views import mall_today

router = Router(tags=["transparency"])


class VisitorsRow(Schema):
    date: str
    visitors: int


class BusyRow(Schema):
    weekday: int = Field(description="ISO weekday: 1 = Monday … 7 = Sunday")
    hour: int = Field(description="Local hour of issue, 0–23")
    tickets: int


class TimesRow(Schema):
    agency: str
    agency_name: str
    waits: int
    wait_avg_minutes: float | None
    wait_p90_minutes: int | None
    services: int
    service_avg_minutes: float | None
    service_p90_minutes: int | None


class ApplicationsRow(Schema):
    agency: str
    agency_name: str
    submitted: int
    finished: int
    finished_in_time: int
    in_time_percent: float | None


class SatisfactionRow(Schema):
    agency: str | None
    agency_name: str
    respondents: int
    ikm: float | None
    grade: str | None
    grade_label: str


class ComplaintsRow(Schema):
    agency: str | None
    agency_name: str
    received: int
    answered: int
    answered_late: int
    overdue: int


class FeeRow(Schema):
    agency: str | None
    agency_name: str
    service: str
    service_name: str
    fee_kind: str
    fee_amount: int
    fee_max: int | None
    fee: str


class MallIkm(Schema):
    respondents: int
    ikm: float | None
    grade: str | None
    grade_label: str


class StatsOut(Schema):
    schema_version: int
    mall: str
    from_: str = Field(alias="from")
    to: str
    agency: str | None
    visitors: list[VisitorsRow]
    busiest_hours: list[BusyRow]
    times: list[TimesRow]
    applications: list[ApplicationsRow]
    satisfaction: list[SatisfactionRow]
    mall_satisfaction: MallIkm
    complaints: list[ComplaintsRow]
    fees: list[FeeRow]


@router.get(
    "/stats",
    response={200: StatsOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="public_stats",
    by_alias=True,
    summary="Public service statistics of the mall (transparency dashboard figures)",
)
def public_stats(
    request: HttpRequest,
    start: str | None = Query(None, alias="from", description="First day, YYYY-MM-DD"),
    end: str | None = Query(None, alias="to", description="Last day, YYYY-MM-DD (inclusive)"),
    agency: str | None = Query(None, description="Agency slug; empty for all agencies"),
) -> Any:
    mall = current_mall(request)
    if mall is None:
        return Status(404, {"detail": _("No mall is set up yet."), "errors": []})
    agencies = mall_agencies(mall)
    try:
        period = parse_period(
            start=start, end=end, agency=agency, agencies=agencies, today=mall_today(mall)
        )
    except FilterError as exc:
        errors = [{"field": f, "message": m} for f, m in exc.errors]
        return Status(400, {"detail": _("The filters are not valid."), "errors": errors})
    figures = dashboard_figures(
        mall=mall, start=period.start, end=period.end, agency=period.agency, agencies=agencies
    )
    t = figures.tables
    return {
        **figures.meta(),
        "visitors": t["visitors"],
        "busiest_hours": t["busiest-hours"],
        "times": t["times"],
        "applications": t["applications"],
        "satisfaction": t["satisfaction"],
        "mall_satisfaction": figures.mall_ikm,
        "complaints": t["complaints"],
        "fees": t["fees"],
    }
