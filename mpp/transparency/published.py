"""Open data of the published satisfaction index (the figures of the IKM poster and board
slide) and of the survey's follow-up commitments; documented in docs/open-data.md."""

from __future__ import annotations

from datetime import date
from typing import Any

from mpp.core.models import Mall
from mpp.feedback import queries, skm
from mpp.feedback.domain.followup import is_overdue
from mpp.feedback.periods import SkmPeriod
from mpp.feedback.skm_report import published_ikm

IKM_COLUMNS: tuple[str, ...] = (
    "scope",
    "agency",
    "agency_name",
    "period",
    "start",
    "end",
    "respondents",
    "population",
    "minimum_sample",
    "weight",
    "ikm",
    "grade",
    "grade_label",
    *[f"nrr_{code.lower()}" for code in skm.CODES],
)

FOLLOW_UP_COLUMNS: tuple[str, ...] = (
    "period_start",
    "period_end",
    "agency",
    "agency_name",
    "service",
    "service_name",
    "element",
    "action",
    "responsible",
    "due_date",
    "status",
    "progress",
    "completed_on",
    "overdue",
)


def _nrr(result: skm.IkmResult) -> dict[str, float | None]:
    return {
        f"nrr_{s.code.lower()}": float(s.nrr_display) if s.nrr_display is not None else None
        for s in result.scores
    }


def published_ikm_rows(*, mall: Mall, period: SkmPeriod, today: date) -> list[dict[str, Any]]:
    """The mall's row (with the population and the Krejcie–Morgan minimum), then one row per
    agency with answers (population left empty: counting it per agency would cost two
    queries per agency)."""
    published = published_ikm(mall=mall, period=period, today=today)
    mall_row = {
        "scope": "mall",
        "agency": None,
        "agency_name": mall.name,
        **published.as_row(),
    }
    rows = [{c: mall_row.get(c) for c in IKM_COLUMNS}]
    report = published.report
    slugs = dict(mall.agencies.values_list("pk", "slug"))
    for unit in queries.ikm_by_agency(mall=mall, start=report.start, end=report.end):
        grade = unit.result.grade
        row = {
            "scope": "agency",
            "agency": slugs.get(unit.key),
            "agency_name": unit.name,
            "period": period.code,
            "start": report.start.isoformat(),
            "end": report.end.isoformat(),
            "respondents": unit.result.respondents,
            "population": None,
            "minimum_sample": None,
            "weight": report.weight_display,
            "ikm": float(unit.result.ikm) if unit.result.ikm is not None else None,
            "grade": grade.letter if grade else None,
            "grade_label": str(grade.label) if grade else "",
            **_nrr(unit.result),
        }
        rows.append({c: row.get(c) for c in IKM_COLUMNS})
    return rows


def follow_up_rows(*, mall: Mall, today: date) -> list[dict[str, Any]]:
    rows = []
    for plan in queries.follow_up_plans(mall=mall):
        rows.append(
            {
                "period_start": plan.period_start.isoformat(),
                "period_end": plan.period_end.isoformat(),
                "agency": plan.agency.slug if plan.agency else None,
                "agency_name": plan.agency.name if plan.agency else mall.name,
                "service": plan.service.slug if plan.service else None,
                "service_name": plan.service.name if plan.service else None,
                "element": plan.element,
                "action": plan.action,
                "responsible": plan.responsible,
                "due_date": plan.due_date.isoformat(),
                "status": plan.status,
                "progress": plan.progress,
                "completed_on": plan.completed_on.isoformat() if plan.completed_on else None,
                "overdue": is_overdue(plan, today),
            }
        )
    return rows
