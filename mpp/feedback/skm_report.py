"""The SKM report (laporan hasil survei kepuasan masyarakat) of one period and scope, in the
structure agencies publish under PermenPAN-RB 14/2017: cover, foreword, method (population,
the Krejcie–Morgan sample and the sample reached, period, questionnaire, formula), respondent
profile, NRR and weighted NRR per element, IKM and grade, the weakest elements with their
follow-up plan, the previous period's follow-up, conclusion, annexes (questionnaire, tallies,
results per unit). Read-only; docs/skm-method.md explains the method and its sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mpp.catalog.models import Agency, Service
from mpp.core import charts
from mpp.core.models import Mall
from mpp.feedback import queries, skm
from mpp.feedback.domain.followup import is_overdue
from mpp.feedback.models import FollowUpPlan
from mpp.feedback.periods import SkmPeriod, semester_of

_PROFILE_TITLES = {
    "gender": gettext_lazy("Sex"),
    "age": gettext_lazy("Age (years)"),
    "education": gettext_lazy("Education"),
    "occupation": gettext_lazy("Occupation"),
}


@dataclass
class SkmDocument:
    report: queries.SkmReport
    period: SkmPeriod | None
    previous: queries.SkmReport | None
    units: list[queries.IkmRow]
    unit_kind: str  # "agency", "service" or ""
    plans: list[tuple[FollowUpPlan, bool]]
    previous_plans: list[tuple[FollowUpPlan, bool]]
    charts: dict[str, Any]
    profile: list[tuple[str, list[tuple[str, str, int, float]]]]
    questionnaire: list[tuple[int, skm.Unsur, list[tuple[int, Any]]]]
    tallies: list[tuple[skm.UnsurScore, tuple[int, int, int, int]]]

    @property
    def grades(self) -> tuple[skm.Grade, ...]:
        return skm.GRADES

    @property
    def weakest(self) -> list[skm.UnsurScore]:
        return self.report.weakest(3)


def _profile(report: queries.SkmReport) -> list[tuple[str, list[tuple[str, str, int, float]]]]:
    out = []
    total = max(1, report.respondents)
    for key in ("gender", "age", "education", "occupation"):
        rows = report.profile.get(key, [])
        shares = [(value, label, n, round(100 * n / total, 1)) for value, label, n in rows]
        out.append((str(_PROFILE_TITLES[key]), shares))
    return out


def skm_document(
    *,
    mall: Mall,
    start: date,
    end: date,
    agency: Agency | None,
    service: Service | None,
    period: SkmPeriod | None,
    today: date,
) -> SkmDocument:
    """Everything the printed SKM report shows; a fixed number of queries (two reports, the
    breakdown per unit, two lists of follow-up plans)."""
    report = queries.ikm_report(mall=mall, start=start, end=end, agency=agency, service=service)
    previous = None
    if period is not None:
        before = period.previous()
        previous = queries.ikm_report(
            mall=mall,
            start=before.start,
            end=before.end,
            agency=agency,
            service=service,
            with_details=False,
        )
    if service is not None:
        units: list[queries.IkmRow] = []
        unit_kind = ""
    elif agency is not None:
        units = queries.ikm_by_service(mall=mall, start=start, end=end, agency=agency)
        unit_kind = "service"
    else:
        units = queries.ikm_by_agency(mall=mall, start=start, end=end)
        unit_kind = "agency"
    plans = queries.follow_up_plans(
        mall=mall, agency=agency, service=service, period_start=start, period_end=end
    )
    previous_plans = queries.follow_up_plans(
        mall=mall, agency=agency, service=service, ended_before=start, open_or_done_since=start
    )
    result = report.result
    nrr_chart = charts.row_bars(
        _("Service value per element (NRR, scale 1–4)"),
        [
            (f"{s.code} {s.unsur.name}", float(s.nrr_display) if s.nrr_display else None)
            for s in result.scores
        ],
        maximum=4,
        minimum=1,
        marks=[(2.60, "C"), (3.0644, "B"), (3.5324, "A")],
    )
    questionnaire = [
        (
            number,
            skm.UNSUR_BY_CODE[code],
            list(zip(skm.SCORES, skm.UNSUR_BY_CODE[code].labels, strict=True)),
        )
        for number, code in enumerate(skm.QUESTIONNAIRE_ORDER, start=1)
    ]
    return SkmDocument(
        report=report,
        period=period,
        previous=previous,
        units=units,
        unit_kind=unit_kind,
        plans=[(p, is_overdue(p, today)) for p in plans],
        previous_plans=[(p, is_overdue(p, today)) for p in previous_plans],
        charts={"nrr": nrr_chart},
        profile=_profile(report),
        questionnaire=questionnaire,
        tallies=[(s, report.tallies.get(s.code, (0, 0, 0, 0))) for s in result.scores],
    )


# --- The published IKM: poster, board slide, open data -------------------------------------------


@dataclass
class PublishedIkm:
    """The figures the mall publishes for one period: in the hall (poster, board slide) and
    in the open data."""

    mall: Mall
    period: SkmPeriod
    report: queries.SkmReport
    commitments: list[tuple[FollowUpPlan, bool]]

    @property
    def so_far(self) -> bool:
        """The period is still running: the figures are those up to today."""
        return self.report.end < self.period.end

    def as_row(self) -> dict[str, Any]:
        result = self.report.result
        grade = result.grade
        return {
            "period": self.period.code,
            "start": self.report.start.isoformat(),
            "end": self.report.end.isoformat(),
            "respondents": self.report.respondents,
            "population": self.report.population,
            "minimum_sample": self.report.minimum_sample,
            "weight": self.report.weight_display,
            "ikm": float(result.ikm) if result.ikm is not None else None,
            "grade": grade.letter if grade else None,
            "grade_label": str(grade.label) if grade else "",
            **{
                f"nrr_{s.code.lower()}": float(s.nrr_display) if s.nrr_display is not None else None
                for s in result.scores
            },
        }


def published_period(*, mall: Mall, today: date) -> SkmPeriod:
    """The period shown by default: the last finished semester when it has answers, else the
    running one (so a new mall still shows its first figures)."""
    current = semester_of(today)
    last = current.previous()
    if queries.responses(mall=mall, start=last.start, end=last.end).exists():
        return last
    return current


def published_ikm(
    *, mall: Mall, period: SkmPeriod, today: date, commitments: int = 5
) -> PublishedIkm:
    """The mall's index for the period (up to today when it is still running) and its open
    follow-up commitments, nearest due date first."""
    end = min(period.end, today) if period.start <= today else period.end
    report = queries.ikm_report(mall=mall, start=period.start, end=end, with_details=False)
    plans = [
        p
        for p in queries.follow_up_plans(mall=mall, open_or_done_since=period.start)
        if p.period_end >= period.previous().start
    ][:commitments]
    return PublishedIkm(
        mall=mall,
        period=period,
        report=report,
        commitments=[(p, is_overdue(p, today)) for p in plans],
    )
