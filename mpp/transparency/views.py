"""The public transparency dashboard and its open-data downloads (no login)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mpp.core import charts
from mpp.core.clock import mall_zone
from mpp.core.errors import DomainError
from mpp.core.models import Mall
from mpp.core.opendata import bad_filters, table_download
from mpp.core.pdf import pdf_download, report_error, report_language
from mpp.core.tenancy import mall_or_404
from mpp.facilities.queries import usage_figures
from mpp.feedback.periods import parse_period as parse_skm_period
from mpp.feedback.queries import follow_up_plans
from mpp.feedback.skm_report import published_period
from mpp.transparency.filters import FilterError, Period, parse_period
from mpp.transparency.monthly import month_bounds
from mpp.transparency.monthly import monthly_report as build_monthly_report
from mpp.transparency.published import (
    FOLLOW_UP_COLUMNS,
    IKM_COLUMNS,
    follow_up_rows,
    published_ikm_rows,
)
from mpp.transparency.queries import (
    SCHEMA_VERSION,
    SCHEMAS,
    Figures,
    dashboard_figures,
    mall_agencies,
)


def mall_today(mall: Mall) -> date:
    return timezone.now().astimezone(mall_zone(mall)).date()


def _period(request: HttpRequest, mall: Mall, agencies: list[Any]) -> Period:
    return parse_period(
        start=request.GET.get("from"),
        end=request.GET.get("to"),
        agency=request.GET.get("agency"),
        agencies=agencies,
        today=mall_today(mall),
    )


def _heat(figures: Figures) -> dict[str, Any]:
    grid = [[0] * 24 for _ in range(7)]
    for row in figures.tables["busiest-hours"]:
        grid[row["weekday"] - 1][row["hour"]] = row["tickets"]
    busy = [h for h in range(24) if any(grid[d][h] for d in range(7))]
    hours = list(range(min(busy), max(busy) + 1)) if busy else list(range(8, 16))
    days = [str(WEEKDAYS_ABBR[d]) for d in range(7)]
    # The quietest hour with any visitors on each weekday: the advice the map is for.
    quiet = []
    for d in range(7):
        open_hours = [h for h in hours if grid[d][h]]
        if open_hours:
            best = min(open_hours, key=lambda h: (grid[d][h], h))
            quiet.append((days[d], best))
    return {
        "svg": charts.heat_map(_("Tickets by weekday and hour"), grid, days, hours),
        "hours": hours,
        "rows": [(days[d], [grid[d][h] for h in hours]) for d in range(7)],
        "quiet": quiet,
    }


def _charts(figures: Figures) -> dict[str, Any]:
    t = figures.tables
    return {
        "visitors": charts.column_chart(
            _("Visitors per day"), [(r["date"][5:], r["visitors"]) for r in t["visitors"]]
        ),
        "heat": _heat(figures),
        "wait": charts.bar_chart(
            _("Waiting time per agency (minutes)"),
            [
                (r["agency_name"], (r["wait_avg_minutes"], r["wait_p90_minutes"]))
                for r in t["times"]
            ],
            [_("Average"), _("90th percentile")],
        ),
        "service": charts.bar_chart(
            _("Service time per agency (minutes)"),
            [
                (r["agency_name"], (r["service_avg_minutes"], r["service_p90_minutes"]))
                for r in t["times"]
            ],
            [_("Average"), _("90th percentile")],
        ),
        "applications": charts.bar_chart(
            _("Applications finished within the deadline (%)"),
            [(r["agency_name"], (r["in_time_percent"],)) for r in t["applications"]],
            [_("Within the deadline")],
            maximum=100,
            unit="%",
        ),
        "satisfaction": charts.bar_chart(
            _("Satisfaction index (IKM) per agency"),
            [(r["agency_name"], (r["ikm"],)) for r in t["satisfaction"]],
            [_("IKM (25–100)")],
            maximum=100,
        ),
        "complaints": charts.bar_chart(
            _("Complaints per agency"),
            [
                (
                    r["agency_name"] or _("Mall management"),
                    (r["received"], r["answered"], r["overdue"]),
                )
                for r in t["complaints"]
            ],
            [_("Received"), _("Answered"), _("Overdue")],
        ),
    }


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    agencies = mall_agencies(mall)
    context: dict[str, Any] = {"agencies": agencies, "values": request.GET}
    try:
        period = _period(request, mall, agencies)
    except FilterError as exc:
        context["errors"] = exc.errors
        return render(request, "transparency/dashboard.html", context, status=400)
    figures = dashboard_figures(
        mall=mall, start=period.start, end=period.end, agency=period.agency, agencies=agencies
    )
    query = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    if period.agency:
        query["agency"] = period.agency.slug
    t = figures.tables
    context.update(
        figures=figures,
        t=t,
        charts=_charts(figures),
        query=urlencode(query),
        total_visitors=sum(r["visitors"] for r in t["visitors"]),
        period=period,
        # Co-working and MSME booths: the four weeks up to the end of the period.
        facilities=usage_figures(mall, today=period.end, weeks=4),
        follow_ups=follow_up_plans(
            mall=mall, agency=period.agency, open_or_done_since=period.start
        ),
    )
    return render(request, "transparency/dashboard.html", context)


@require_GET
def published_ikm_data(request: HttpRequest, fmt: str) -> HttpResponse:
    """The published IKM of a period (`?period=2026-S2`, default as on the poster): the
    mall's row, then one row per agency with answers. Columns: `IKM_COLUMNS`."""
    if fmt not in {"csv", "json"}:
        raise Http404
    mall = mall_or_404(request)
    today = mall_today(mall)
    raw = request.GET.get("period") or ""
    try:
        period = parse_skm_period(raw) if raw else published_period(mall=mall, today=today)
    except DomainError as exc:
        return bad_filters([("period", exc.message)])
    rows = published_ikm_rows(mall=mall, period=period, today=today)
    meta = {"schema_version": SCHEMA_VERSION, "mall": mall.slug, "figure": "ikm"}
    return table_download(rows, IKM_COLUMNS, meta, f"mpp-{mall.slug}-ikm-{period.code}.{fmt}", fmt)


@require_GET
def follow_up_data(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every follow-up commitment of the mall with its progress. Columns: `FOLLOW_UP_COLUMNS`."""
    if fmt not in {"csv", "json"}:
        raise Http404
    mall = mall_or_404(request)
    rows = follow_up_rows(mall=mall, today=mall_today(mall))
    meta = {"schema_version": SCHEMA_VERSION, "mall": mall.slug, "figure": "follow-up-plans"}
    return table_download(
        rows, FOLLOW_UP_COLUMNS, meta, f"mpp-{mall.slug}-follow-up-plans.{fmt}", fmt
    )


@require_GET
def open_data(request: HttpRequest, figure: str, fmt: str) -> HttpResponse:
    if figure not in SCHEMAS or fmt not in {"csv", "json"}:
        raise Http404
    mall = mall_or_404(request)
    agencies = mall_agencies(mall)
    try:
        period = _period(request, mall, agencies)
    except FilterError as exc:
        return bad_filters(exc.errors)
    figures = dashboard_figures(
        mall=mall, start=period.start, end=period.end, agency=period.agency, agencies=agencies
    )
    columns = SCHEMAS[figure]
    rows = [{c: row.get(c) for c in columns} for row in figures.tables[figure]]
    name = f"mpp-{mall.slug}-{figure}-{period.start}-{period.end}.{fmt}"
    return table_download(rows, columns, {**figures.meta(), "figure": figure}, name, fmt)


@require_GET
def monthly_report(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """The monthly report of the mall, or of one agency (`?agency=<slug>`), for the regent and
    the inspectorate. The page shows the dashboard's figures for the month; `?format=pdf`
    gives the printed report (cover, summary against the previous month and the same month
    last year, charts, follow-up of the survey, signature), in Indonesian or, with
    `&lang=en`, in English."""
    mall = mall_or_404(request)
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404
    agencies = mall_agencies(mall)
    start, end = month_bounds(year, month)
    slug = request.GET.get("agency") or None
    agency = next((a for a in agencies if a.slug == slug), None)
    if slug and agency is None:
        raise Http404
    if request.GET.get("format") == "pdf":
        lang = report_language(request)
        if lang is None:
            return report_error(
                request, _("Choose the report's language: id (Indonesian) or en (English).")
            )
        with translation.override(lang):
            report = build_monthly_report(
                mall=mall,
                year=year,
                month=month,
                agency=agency,
                agencies=agencies,
                today=mall_today(mall),
            )
        name = (
            f"laporan-{mall.slug}-{year:04d}-{month:02d}"
            f"{'-' + agency.slug if agency else ''}{'-en' if lang == 'en' else ''}.pdf"
        )
        return pdf_download(
            request,
            "transparency/print/monthly.html",
            {"report": report, "mall": mall, "generated_at": timezone.now()},
            filename=name,
            lang=lang,
        )
    figures = dashboard_figures(mall=mall, start=start, end=end, agency=agency, agencies=agencies)
    t = figures.tables
    context = {
        "figures": figures,
        "t": t,
        "charts": _charts(figures),
        "period": Period(start, end, agency),
        "total_visitors": sum(r["visitors"] for r in t["visitors"]),
        "report": True,
        "generated_at": timezone.now(),
        "pdf_query": urlencode({"agency": agency.slug} if agency else {}),
        "follow_ups": follow_up_plans(
            mall=mall, agency=agency, open_or_done_since=start, recorded_until=end
        ),
    }
    return render(request, "transparency/report.html", context)
