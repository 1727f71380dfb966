"""The figures of the transparency dashboard, read from the daily rollups (and from the
feedback app's own queries for the satisfaction index and complaints).

Every figure is a list of flat rows with a fixed set of keys (`SCHEMAS`), so the HTML page,
the CSV/JSON downloads and the `public_stats` API show the same numbers. The keys are a
public contract documented in docs/open-data.md: add keys at the end, never rename them.

Cost: a fixed number of queries whatever the period or the data size (agencies, rollups,
IKM per agency, IKM of the mall, complaints, fees).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, cast

from django.core.cache import cache
from django.db.models import Count, Max, TextField
from django.db.models.functions import Cast
from django.utils import translation

from mpp.catalog.display import describe_fee
from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall
from mpp.feedback.queries import complaint_counts, ikm_by_agency, ikm_for_mall
from mpp.transparency.models import DailyAgencyStats

SCHEMA_VERSION = 1

#: The columns of each downloadable figure, in order.
SCHEMAS: dict[str, tuple[str, ...]] = {
    "visitors": ("date", "visitors"),
    "busiest-hours": ("weekday", "hour", "tickets"),
    "times": (
        "agency",
        "agency_name",
        "waits",
        "wait_avg_minutes",
        "wait_p90_minutes",
        "services",
        "service_avg_minutes",
        "service_p90_minutes",
    ),
    "applications": (
        "agency",
        "agency_name",
        "submitted",
        "finished",
        "finished_in_time",
        "in_time_percent",
    ),
    "satisfaction": ("agency", "agency_name", "respondents", "ikm", "grade", "grade_label"),
    "complaints": ("agency", "agency_name", "received", "answered", "answered_late", "overdue"),
    "fees": (
        "agency",
        "agency_name",
        "service",
        "service_name",
        "fee_kind",
        "fee_amount",
        "fee_max",
        "fee",
    ),
}


def percentile_from_histogram(histogram: dict[str, int], fraction: float = 0.9) -> int | None:
    """Nearest-rank percentile of a minute histogram: the smallest bucket (whole minutes,
    rounded up) at or below which at least `fraction` of the values lie."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = math.ceil(fraction * total)
    seen = 0
    for minute in sorted(histogram, key=int):
        seen += histogram[minute]
        if seen >= rank:
            return int(minute)
    return None  # pragma: no cover - unreachable: the last bucket reaches the total


def _minutes(seconds: int, count: int) -> float | None:
    return round(seconds / count / 60, 1) if count else None


def _name(obj: Any) -> str:
    english = str(getattr(obj, "name_en", None) or "")
    if english and translation.get_language() == "en":
        return english
    return str(obj.name)


@dataclass
class _AgencyAcc:
    waits: int = 0
    wait_seconds: int = 0
    wait_hist: dict[str, int] = field(default_factory=dict)
    services: int = 0
    service_seconds: int = 0
    service_hist: dict[str, int] = field(default_factory=dict)
    submitted: int = 0
    finished: int = 0
    in_time: int = 0


def _merge(into: dict[str, int], other: dict[str, int]) -> None:
    for key, value in other.items():
        into[key] = into.get(key, 0) + value


@dataclass
class Figures:
    mall: Mall
    start: date
    end: date
    agency: Agency | None
    agencies: list[Agency]
    tables: dict[str, list[dict[str, Any]]]
    mall_ikm: dict[str, Any]
    #: The period's figures over every agency shown (the monthly report's summary).
    totals: dict[str, Any] = field(default_factory=dict)

    def meta(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "mall": self.mall.slug,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "agency": self.agency.slug if self.agency else None,
        }


def mall_agencies(mall: Mall) -> list[Agency]:
    return list(Agency.objects.filter(mall=mall, is_active=True).order_by("position", "name"))


Rollups = tuple[list[dict[str, Any]], list[dict[str, Any]], dict[int, _AgencyAcc]]

#: Seconds a computed period stays in the cache (a key also changes with every refresh).
CACHE_SECONDS = 600


def _cached_rollups(*, mall: Mall, start: date, end: date, agency: Agency | None) -> Rollups:
    """The rollup part of the figures, cached. The key holds the number of the mall's rollup
    rows and their latest refresh time, so any refresh (in any process, with any cache
    backend) makes a new key: one cheap query instead of reading a year of rows again."""
    state = DailyAgencyStats.objects.filter(mall=mall).aggregate(
        n=Count("pk"), last=Max("refreshed_at")
    )
    stamp = state["last"].timestamp() if state["last"] else 0
    key = (
        f"transparency:rollups:1:{mall.pk}:{state['n']}:{stamp}:{start}:{end}:"
        f"{agency.pk if agency else 0}"
    )
    cached = cache.get(key)
    if cached is not None:
        return cast(Rollups, cached)
    value = _rollups(mall=mall, start=start, end=end, agency=agency)
    cache.set(key, value, CACHE_SECONDS)
    return value


def _rollups(*, mall: Mall, start: date, end: date, agency: Agency | None) -> Rollups:
    """Visitors per day, the weekday × hour map and the per-agency sums of a period, read
    from the daily rollups."""
    rows = DailyAgencyStats.objects.filter(mall=mall, day__gte=start, day__lte=end)
    if agency is not None:
        rows = rows.filter(agency=agency)
    per_day: dict[date, int] = {}
    heat = [[0] * 24 for _ in range(7)]
    per_agency: dict[int, _AgencyAcc] = {}
    # The JSON columns come back as text and are decoded in one json.loads call: decoding
    # 3 small documents per row one by one was most of the time on a year of rollups.
    raw = list(
        rows.annotate(
            hours_text=Cast("tickets_by_hour", TextField()),
            wait_text=Cast("wait_histogram", TextField()),
            service_text=Cast("service_histogram", TextField()),
        ).values_list(
            "agency_id",
            "day",
            "visitors",
            "wait_count",
            "wait_seconds",
            "service_count",
            "service_seconds",
            "applications_submitted",
            "applications_finished",
            "applications_in_time",
            "hours_text",
            "wait_text",
            "service_text",
        )
    )
    decoded = json.loads("[" + ",".join(",".join(r[10:]) for r in raw) + "]") if raw else []
    for index, (
        agency_id,
        day,
        day_visitors,
        waits,
        wait_s,
        services,
        service_s,
        submitted,
        finished,
        in_time,
        *_texts,
    ) in enumerate(raw):
        by_hour, wait_h, service_h = decoded[3 * index : 3 * index + 3]
        per_day[day] = per_day.get(day, 0) + day_visitors
        weekday = heat[day.weekday()]
        for hour, count in enumerate(by_hour):
            weekday[hour] += count
        acc = per_agency.setdefault(agency_id, _AgencyAcc())
        acc.waits += waits
        acc.wait_seconds += wait_s
        _merge(acc.wait_hist, wait_h)
        acc.services += services
        acc.service_seconds += service_s
        _merge(acc.service_hist, service_h)
        acc.submitted += submitted
        acc.finished += finished
        acc.in_time += in_time

    visitors = [
        {
            "date": (start + timedelta(days=n)).isoformat(),
            "visitors": per_day.get(start + timedelta(days=n), 0),
        }
        for n in range((end - start).days + 1)
    ]
    busiest = [
        {"weekday": wd + 1, "hour": hour, "tickets": heat[wd][hour]}
        for wd in range(7)
        for hour in range(24)
    ]
    return visitors, busiest, per_agency


def _feedback_and_fees(
    *, mall: Mall, start: date, end: date, agency: Agency | None, by_id: dict[int, Agency]
) -> tuple[list[dict[str, Any]], dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """Satisfaction per agency and for the mall (feedback's queries), complaints (feedback's
    query) and the public fee list (the catalogue)."""
    satisfaction = []
    for row in ikm_by_agency(mall=mall, start=start, end=end):
        if agency is not None and row.key != agency.pk:
            continue
        a_obj = by_id.get(row.key)
        grade = row.result.grade
        satisfaction.append(
            {
                "agency": a_obj.slug if a_obj else None,
                "agency_name": _name(a_obj) if a_obj else row.name,
                "respondents": row.result.respondents,
                "ikm": float(row.result.ikm) if row.result.ikm is not None else None,
                "grade": grade.letter if grade else None,
                "grade_label": str(grade.label) if grade else "",
            }
        )
    mall_result = ikm_for_mall(mall=mall, start=start, end=end)
    mall_grade = mall_result.grade
    mall_ikm = {
        "respondents": mall_result.respondents,
        "ikm": float(mall_result.ikm) if mall_result.ikm is not None else None,
        "grade": mall_grade.letter if mall_grade else None,
        "grade_label": str(mall_grade.label) if mall_grade else "",
    }

    complaints = []
    for c in complaint_counts(mall=mall, start=start, end=end, agency=agency):
        a_obj = by_id.get(c.agency_id) if c.agency_id else None
        complaints.append(
            {
                "agency": a_obj.slug if a_obj else None,
                "agency_name": _name(a_obj) if a_obj else (c.agency_name or ""),
                "received": c.received,
                "answered": c.answered,
                "answered_late": c.answered_late,
                "overdue": c.overdue,
            }
        )

    services = Service.objects.filter(mall=mall, is_active=True, agency__is_active=True)
    if agency is not None:
        services = services.filter(agency=agency)
    fees = []
    for s in services.order_by("agency__position", "agency__name", "position", "name").only(
        "slug", "name", "name_en", "agency_id", "fee_kind", "fee_amount", "fee_max", "fee_unit"
    ):
        a_obj = by_id.get(s.agency_id)
        fees.append(
            {
                "agency": a_obj.slug if a_obj else None,
                "agency_name": _name(a_obj) if a_obj else "",
                "service": s.slug,
                "service_name": _name(s),
                "fee_kind": s.fee_kind,
                "fee_amount": s.fee_amount,
                "fee_max": s.fee_max,
                "fee": str(describe_fee(s)),
            }
        )

    return satisfaction, mall_ikm, complaints, fees


def _totals(per_agency: dict[int, _AgencyAcc], visitors: list[dict[str, Any]]) -> dict[str, Any]:
    total = _AgencyAcc()
    for acc in per_agency.values():
        total.waits += acc.waits
        total.wait_seconds += acc.wait_seconds
        _merge(total.wait_hist, acc.wait_hist)
        total.services += acc.services
        total.service_seconds += acc.service_seconds
        _merge(total.service_hist, acc.service_hist)
        total.submitted += acc.submitted
        total.finished += acc.finished
        total.in_time += acc.in_time
    return {
        "visitors": sum(r["visitors"] for r in visitors),
        "waits": total.waits,
        "wait_avg_minutes": _minutes(total.wait_seconds, total.waits),
        "wait_p90_minutes": percentile_from_histogram(total.wait_hist),
        "services": total.services,
        "service_avg_minutes": _minutes(total.service_seconds, total.services),
        "service_p90_minutes": percentile_from_histogram(total.service_hist),
        "submitted": total.submitted,
        "finished": total.finished,
        "finished_in_time": total.in_time,
        "in_time_percent": round(100 * total.in_time / total.finished, 1)
        if total.finished
        else None,
    }


def dashboard_figures(
    *,
    mall: Mall,
    start: date,
    end: date,
    agency: Agency | None = None,
    agencies: list[Agency] | None = None,
) -> Figures:
    """All figures of the dashboard for one mall, an inclusive local period and optionally
    one agency."""
    if agencies is None:
        agencies = mall_agencies(mall)
    by_id = {a.pk: a for a in agencies}

    visitors, busiest, per_agency = _cached_rollups(mall=mall, start=start, end=end, agency=agency)
    shown = [a for a in agencies if a.pk in per_agency]
    times = []
    applications = []
    for a in shown:
        acc = per_agency[a.pk]
        if acc.waits or acc.services:
            times.append(
                {
                    "agency": a.slug,
                    "agency_name": _name(a),
                    "waits": acc.waits,
                    "wait_avg_minutes": _minutes(acc.wait_seconds, acc.waits),
                    "wait_p90_minutes": percentile_from_histogram(acc.wait_hist),
                    "services": acc.services,
                    "service_avg_minutes": _minutes(acc.service_seconds, acc.services),
                    "service_p90_minutes": percentile_from_histogram(acc.service_hist),
                }
            )
        if acc.submitted or acc.finished:
            applications.append(
                {
                    "agency": a.slug,
                    "agency_name": _name(a),
                    "submitted": acc.submitted,
                    "finished": acc.finished,
                    "finished_in_time": acc.in_time,
                    "in_time_percent": round(100 * acc.in_time / acc.finished, 1)
                    if acc.finished
                    else None,
                }
            )

    satisfaction, mall_ikm, complaints, fees = _feedback_and_fees(
        mall=mall, start=start, end=end, agency=agency, by_id=by_id
    )
    return Figures(
        mall=mall,
        start=start,
        end=end,
        agency=agency,
        agencies=agencies,
        tables={
            "visitors": visitors,
            "busiest-hours": busiest,
            "times": times,
            "applications": applications,
            "satisfaction": satisfaction,
            "complaints": complaints,
            "fees": fees,
        },
        mall_ikm=mall_ikm,
        totals=_totals(per_agency, visitors),
    )
