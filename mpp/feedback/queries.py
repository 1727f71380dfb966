"""Reusable reads of the feedback app, for its pages, its API, and the transparency dashboard.

Dashboard entry points (stable, keyword-only, mall-scoped, no personal data):

- `ikm_report(mall=…, start=…, end=…, service=…, agency=…)` → `SkmReport` for one scope.
- `ikm_by_agency(mall=…, start=…, end=…)` / `ikm_by_service(…)` / `ikm_for_mall(…)` → IKM rows.
- `complaint_counts(mall=…, start=…, end=…)` → received / answered / answered late / overdue
  per agency (`ComplaintCounts`; agency None = handled by the mall management).

Periods are inclusive mall-local dates. Each function costs a fixed number of queries (one
aggregate per call, grouped by agency or service), whatever the number of rows.

The survey's population is the number of people **served** in the period and scope (issue 12:
finished tickets and decided applications), not the invitations handed out. The feedback app
cannot read tickets or applications itself (they depend on it), so the app that can registers
a counter with `register_population_source` in its `AppConfig.ready` (the transparency app
does); without one, invitations issued are the fallback and the report says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from mpp.catalog.models import Agency, Service
from mpp.core.clock import mall_zone
from mpp.core.models import Mall
from mpp.feedback import skm
from mpp.feedback.enums import (
    FOLLOW_UP_OPEN,
    ComplaintStatus,
    Education,
    FollowUpStatus,
    Gender,
    ModerationStatus,
    Occupation,
)
from mpp.feedback.models import Complaint, FollowUpPlan, SurveyInvitation, SurveyResponse

#: population(mall=, start=, end=, service=, agency=) → number of people served in the period.
PopulationSource = Callable[..., int]

_population_sources: list[PopulationSource] = []

#: What the population of a report was counted from (shown in the report's method).
BASIS_SERVED = "served"
BASIS_INVITATIONS = "invitations"


def register_population_source(source: PopulationSource) -> None:
    """Count the people served with `source` (called once per report; several sources add
    up, e.g. tickets and applications). Registering the same function twice has no effect."""
    if source not in _population_sources:
        _population_sources.append(source)


def served_population(
    *,
    mall: Mall,
    start: date,
    end: date,
    service: Service | None = None,
    agency: Agency | None = None,
) -> int:
    """People served in the period and scope, from the registered sources (invitations
    issued when none is registered)."""
    if not _population_sources:
        return invitations_issued(mall=mall, start=start, end=end, service=service, agency=agency)
    return sum(
        int(source(mall=mall, start=start, end=end, service=service, agency=agency))
        for source in _population_sources
    )


def population_basis() -> str:
    return BASIS_SERVED if _population_sources else BASIS_INVITATIONS


def _aggregates() -> dict[str, Any]:
    out: dict[str, Any] = {"respondents": Count("pk")}
    for unsur in skm.UNSUR:
        out[f"{unsur.field}_sum"] = Sum(unsur.field)
        out[f"{unsur.field}_n"] = Count(unsur.field)
    return out


def _result(row: dict[str, Any], weight: Fraction | None) -> skm.IkmResult:
    totals = {
        u.code: (int(row[f"{u.field}_sum"] or 0), int(row[f"{u.field}_n"] or 0)) for u in skm.UNSUR
    }
    return skm.scores_from_totals(totals, int(row["respondents"] or 0), weight)


def _bounds(mall: Mall, start: date, end: date) -> tuple[datetime, datetime]:
    zone = mall_zone(mall)
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def responses(
    *,
    mall: Mall,
    start: date,
    end: date,
    service: Service | None = None,
    agency: Agency | None = None,
) -> QuerySet[SurveyResponse]:
    qs = SurveyResponse.objects.filter(mall=mall, survey_date__gte=start, survey_date__lte=end)
    if service is not None:
        qs = qs.filter(service=service)
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs


def invitations_issued(
    *,
    mall: Mall,
    start: date,
    end: date,
    service: Service | None = None,
    agency: Agency | None = None,
) -> int:
    """One-time invitations issued in the period: the population only when no source of
    served visits is registered."""
    low, high = _bounds(mall, start, end)
    qs = SurveyInvitation.objects.filter(mall=mall, created_at__gte=low, created_at__lt=high)
    if service is not None:
        qs = qs.filter(service=service)
    if agency is not None:
        qs = qs.filter(service__agency=agency)
    return qs.count()


@dataclass
class SkmReport:
    mall: Mall
    start: date
    end: date
    service: Service | None
    agency: Agency | None
    result: skm.IkmResult
    population: int
    minimum_sample: int
    profile: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    basis: str = BASIS_SERVED
    #: Per element code, the number of answers 1, 2, 3 and 4 (the raw tallies).
    tallies: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    suggestion_count: int = 0

    @property
    def scope_name(self) -> str:
        if self.service is not None:
            return self.service.name
        if self.agency is not None:
            return self.agency.name
        return self.mall.name

    @property
    def response_rate(self) -> float | None:
        """Respondents as a share of the people served (percent, one decimal)."""
        if not self.population:
            return None
        return round(100 * self.respondents / self.population, 1)

    def weakest(self, count: int = 3) -> list[skm.UnsurScore]:
        """The elements with the lowest NRR (ties in regulation order), answered ones only."""
        answered = [s for s in self.result.scores if s.nrr is not None]
        return sorted(answered, key=lambda s: (s.nrr, skm.CODES.index(s.code)))[:count]

    @property
    def respondents(self) -> int:
        return self.result.respondents

    @property
    def sample_is_enough(self) -> bool:
        return self.respondents >= self.minimum_sample

    @property
    def weight_display(self) -> str:
        weight = self.result.weight
        if weight == Fraction(1, 9):
            return "1/9"
        return str(float(weight))


#: Age groups of the respondent profile (inclusive lower bounds; the last is open).
AGE_GROUPS: tuple[tuple[int, int | None], ...] = (
    (10, 24),
    (25, 34),
    (35, 44),
    (45, 54),
    (55, None),
)


def _age_rows(qs: QuerySet[SurveyResponse]) -> list[tuple[str, str, int]]:
    aggregates = {
        f"g{i}": Count("pk", filter=Q(age__gte=low, **({"age__lte": high} if high else {})))
        for i, (low, high) in enumerate(AGE_GROUPS)
    }
    aggregates["unknown"] = Count("pk", filter=Q(age__isnull=True))
    counts = qs.order_by().aggregate(**aggregates)
    rows = [
        (
            f"{low}-{high}" if high else f"{low}+",
            f"{low}–{high}" if high else f"≥ {low}",
            int(counts[f"g{i}"]),
        )
        for i, (low, high) in enumerate(AGE_GROUPS)
    ]
    if counts["unknown"]:
        rows.append(("", "—", int(counts["unknown"])))
    return rows


def answer_tallies(qs: QuerySet[SurveyResponse]) -> dict[str, tuple[int, int, int, int]]:
    """How many respondents gave 1, 2, 3 and 4 to each element: one aggregate query."""
    aggregates = {
        f"{unsur.field}_{score}": Count("pk", filter=Q(**{unsur.field: score}))
        for unsur in skm.UNSUR
        for score in skm.SCORES
    }
    row = qs.order_by().aggregate(**aggregates)
    return {
        unsur.code: (
            int(row[f"{unsur.field}_1"]),
            int(row[f"{unsur.field}_2"]),
            int(row[f"{unsur.field}_3"]),
            int(row[f"{unsur.field}_4"]),
        )
        for unsur in skm.UNSUR
    }


def _profile(qs: QuerySet[SurveyResponse]) -> dict[str, list[tuple[str, str, int]]]:
    out: dict[str, list[tuple[str, str, int]]] = {}
    for name, choices in (("gender", Gender), ("education", Education), ("occupation", Occupation)):
        counts = dict(qs.order_by().values_list(name).annotate(n=Count("pk")))
        rows = [(value, str(label), int(counts.get(value, 0))) for value, label in choices.choices]
        if counts.get(""):
            rows.append(("", "—", int(counts[""])))
        out[name] = rows
        if name == "gender":
            out["age"] = _age_rows(qs)
    return out


def ikm_report(
    *,
    mall: Mall,
    start: date,
    end: date,
    service: Service | None = None,
    agency: Agency | None = None,
    weight: Fraction | None = None,
    population: int | PopulationSource | None = None,
    with_details: bool = True,
) -> SkmReport:
    """The SKM report of one scope (mall, agency or service) and period: NRR per element, IKM
    and grade, respondents, the period's population (people served; `population` may be a
    number or a callable, default: the people served, see `served_population`) and the
    Krejcie–Morgan minimum sample. With details: the respondent profile, the raw tallies and
    the latest suggestions.
    """
    qs = responses(mall=mall, start=start, end=end, service=service, agency=agency)
    row = qs.aggregate(**_aggregates())
    result = _result(row, weight)
    basis = BASIS_SERVED
    if population is None:
        population = served_population
        basis = population_basis()
    served = (
        population(mall=mall, start=start, end=end, service=service, agency=agency)
        if callable(population)
        else int(population)
    )
    # Everybody who answered was served, whatever the population source says.
    served = max(served, result.respondents)
    report = SkmReport(
        mall=mall,
        start=start,
        end=end,
        service=service,
        agency=agency,
        result=result,
        population=served,
        minimum_sample=skm.krejcie_morgan(served),
        basis=basis,
    )
    if with_details:
        report.profile = _profile(qs)
        report.tallies = answer_tallies(qs)
        # How many wrote one (a count reveals no text); only the text the mall manager
        # approved is shown, since the report is public (mpp.feedback.domain.moderation).
        report.suggestion_count = qs.exclude(suggestion="").count()
        report.suggestions = list(
            qs.exclude(suggestion="")
            .filter(suggestion_status=ModerationStatus.APPROVED)
            .order_by("-submitted_at")
            .values_list("suggestion", flat=True)[:50]
        )
    return report


@dataclass(frozen=True)
class IkmRow:
    key: int
    name: str
    result: skm.IkmResult


def _grouped(
    qs: QuerySet[SurveyResponse], by: str, name: str, weight: Fraction | None
) -> list[IkmRow]:
    rows = qs.order_by().values(by, name).annotate(**_aggregates()).order_by(name)
    return [IkmRow(row[by], row[name], _result(row, weight)) for row in rows]


def ikm_by_agency(
    *, mall: Mall, start: date, end: date, weight: Fraction | None = None
) -> list[IkmRow]:
    """IKM per agency for the period (agencies without respondents are left out)."""
    qs = responses(mall=mall, start=start, end=end)
    return _grouped(qs, "agency_id", "agency__name", weight)


def ikm_by_service(
    *,
    mall: Mall,
    start: date,
    end: date,
    agency: Agency | None = None,
    weight: Fraction | None = None,
) -> list[IkmRow]:
    qs = responses(mall=mall, start=start, end=end, agency=agency)
    return _grouped(qs, "service_id", "service__name", weight)


def ikm_for_mall(
    *, mall: Mall, start: date, end: date, weight: Fraction | None = None
) -> skm.IkmResult:
    return _result(responses(mall=mall, start=start, end=end).aggregate(**_aggregates()), weight)


# --- Complaints ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintCounts:
    agency_id: int | None
    agency_name: str
    received: int
    answered: int
    answered_late: int
    overdue: int


def complaint_counts(
    *,
    mall: Mall,
    start: date,
    end: date,
    agency: Agency | None = None,
    today: date | None = None,
) -> list[ComplaintCounts]:
    """Per handling agency: complaints received in the period, answered in the period (and of
    those, answered after their deadline), and overdue now (received in the period, still
    waiting for verification or an answer past the deadline as of `today`)."""
    zone = mall_zone(mall)
    today = today or timezone.now().astimezone(zone).date()
    low, high = _bounds(mall, start, end)
    # Protected reports (ADR 0019) stay out of these figures: a count under the oversight unit
    # would tell an officer that someone reported; the unit reports them through its own channel.
    qs = Complaint.objects.filter(mall=mall, is_protected=False)
    if agency is not None:
        qs = qs.filter(agency=agency)
    received_q = Q(received_at__gte=low, received_at__lt=high)
    answered_q = Q(answered_at__gte=low, answered_at__lt=high)
    overdue_q = received_q & (
        Q(status=ComplaintStatus.RECEIVED, verify_due__lt=today)
        | Q(status=ComplaintStatus.DISPOSITIONED, answer_due__lt=today)
    )
    rows = (
        qs.filter(received_q | answered_q)
        .order_by()
        .values("agency_id", "agency__name")
        .annotate(
            received=Count("pk", filter=received_q),
            answered=Count("pk", filter=answered_q),
            # Late: answered on a day after the deadline (the date is taken in the active
            # time zone, the installation's TIME_ZONE, which is the mall's zone).
            answered_late=Count(
                "pk",
                filter=answered_q
                & Q(answer_due__isnull=False, answered_at__date__gt=F("answer_due")),
            ),
            overdue=Count("pk", filter=overdue_q),
        )
        .order_by("agency__name")
    )
    return [
        ComplaintCounts(
            row["agency_id"],
            row["agency__name"] or "",
            row["received"],
            row["answered"],
            row["answered_late"],
            row["overdue"],
        )
        for row in rows
    ]


def published_complaints(mall: Mall) -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(mall=mall, is_published=True)
        .select_related("agency", "service")
        .order_by("-received_at")
    )


def complaint_by_code(mall: Mall, code: str) -> Complaint | None:
    return (
        Complaint.objects.select_related("agency", "service", "mall")
        .filter(mall=mall, code=code)
        .first()
    )


# --- Follow-up plans ----------------------------------------------------------------------------


def follow_up_plans(
    *,
    mall: Mall,
    agency: Agency | None = None,
    service: Service | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
    ended_before: date | None = None,
    open_or_done_since: date | None = None,
    recorded_until: date | None = None,
) -> list[FollowUpPlan]:
    """Follow-up commitments of a scope, ordered by due date: those answering exactly one
    survey period (`period_start`/`period_end`), or those of earlier periods
    (`ended_before`), optionally only the ones still open or finished since a day, or those
    recorded by a day (in the active time zone, the mall's). The scope
    of an agency includes its services' commitments; the mall's includes everything."""
    qs = FollowUpPlan.objects.filter(mall=mall).select_related("agency", "service")
    if service is not None:
        qs = qs.filter(service=service)
    elif agency is not None:
        qs = qs.filter(agency=agency)
    if period_start is not None and period_end is not None:
        qs = qs.filter(period_start=period_start, period_end=period_end)
    if ended_before is not None:
        qs = qs.filter(period_end__lt=ended_before)
    if recorded_until is not None:
        qs = qs.filter(created_at__date__lte=recorded_until)
    if open_or_done_since is not None:
        qs = qs.filter(
            Q(status__in=FOLLOW_UP_OPEN)
            | Q(status=FollowUpStatus.DONE, completed_on__gte=open_or_done_since)
        )
    return list(qs.order_by("due_date", "element", "pk"))


def issued_invitation(*, service: Service, channel: str, reference: str) -> SurveyInvitation | None:
    """The survey invitation already issued for a finished ticket or application, if any.

    Read-only: pages show the link; the invitation itself is issued when the service ends
    (mpp.feedback.subscribers), never on a page view.
    """
    reference = (reference or "").strip()[:40]
    if not reference:
        return None
    return SurveyInvitation.objects.filter(
        service=service, channel=channel, reference=reference
    ).first()
