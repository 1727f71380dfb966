"""The satisfaction survey (SKM) of PermenPAN-RB 14/2017: the nine elements (unsur), the
questionnaire, the satisfaction index (IKM), its grade, and the Krejcie–Morgan sample size.

Pure functions over plain values, no database: the same code grades a stored period, a test
fixture and a Hypothesis example.

Rules (docs/domain-facts.md §4):

- Answers are keyed by element **code** (U1…U9), never by position. The questionnaire asks
  about facilities (sarana, U9) in question 8 and complaint handling (U8) in question 9, the
  reverse of the element order; `QUESTIONNAIRE_ORDER` encodes that and nothing else does.
- NRR of an element = sum of its answers ÷ the number of respondents who **answered it**.
- IKM = Σ (NRR × weight) × 25, with the weight a setting (`FEEDBACK_SKM_WEIGHT`): exactly 1/9
  by default, `0.11` or `0.111` as many agencies publish. Computed with exact fractions, then
  rounded half-up to 2 decimals, then graded with the interval table (the bands leave gaps at
  64.99|65.00, 76.60|76.61, 88.30|88.31, which rounding first closes).
- When an element has no answer at all there is no IKM: the report says which one is missing
  rather than publish an index computed over fewer elements.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SCORES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Unsur:
    """One element: its code, its name, the question and the four answer labels (1 … 4)."""

    code: str
    name: Promise
    question: Promise
    labels: tuple[Promise, Promise, Promise, Promise]

    @property
    def field(self) -> str:
        """The model column that stores this element's answer (u1 … u9)."""
        return self.code.lower()


_SUITABLE = (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable"))

#: The nine elements in the regulation's order (the order of reports).
UNSUR: tuple[Unsur, ...] = (
    Unsur(
        "U1",
        _("Requirements"),
        _("How do you rate the match between the service requirements and the type of service?"),
        _SUITABLE,
    ),
    Unsur(
        "U2",
        _("Systems, mechanisms and procedures"),
        _("How do you rate how easy the service procedure at this unit is?"),
        (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy")),
    ),
    Unsur(
        "U3",
        _("Completion time"),
        _("How do you rate the speed of the service?"),
        (_("Not fast"), _("Less fast"), _("Fast"), _("Very fast")),
    ),
    Unsur(
        "U4",
        _("Cost/fee"),
        _("How do you rate the fairness of the cost/fee of the service?"),
        (_("Very expensive"), _("Rather expensive"), _("Cheap"), _("Free of charge")),
    ),
    Unsur(
        "U5",
        _("Product specification of the service"),
        _(
            "How do you rate the match between the service product in the service standard "
            "and the result you received?"
        ),
        _SUITABLE,
    ),
    Unsur(
        "U6",
        _("Competence of the officers"),
        _("How do you rate the competence/ability of the officers in the service?"),
        (_("Not competent"), _("Less competent"), _("Competent"), _("Very competent")),
    ),
    Unsur(
        "U7",
        _("Behaviour of the officers"),
        _("How do you rate the behaviour of the officers (courtesy and friendliness)?"),
        (
            _("Not polite and friendly"),
            _("Less polite and friendly"),
            _("Polite and friendly"),
            _("Very polite and friendly"),
        ),
    ),
    Unsur(
        "U8",
        _("Handling of complaints, suggestions and input"),
        _("How do you rate the handling of complaints from service users?"),
        (
            _("There is none"),
            _("Exists but does not work"),
            _("Works but not fully"),
            _("Well managed"),
        ),
    ),
    Unsur(
        "U9",
        _("Facilities and infrastructure"),
        _("How do you rate the quality of the facilities and infrastructure?"),
        (_("Poor"), _("Fair"), _("Good"), _("Very good")),
    ),
)

UNSUR_BY_CODE: dict[str, Unsur] = {u.code: u for u in UNSUR}
CODES: tuple[str, ...] = tuple(u.code for u in UNSUR)

#: The questionnaire's order: question 8 is facilities (U9), question 9 complaint handling (U8).
QUESTIONNAIRE_ORDER: tuple[str, ...] = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8")


# --- Weight -------------------------------------------------------------------------------------


def parse_weight(raw: str | Fraction | Decimal | int) -> Fraction:
    """'1/9', '0.11', '0.111' → an exact fraction; refuses values outside (0, 1]."""
    try:
        weight = Fraction(str(raw).strip().replace(",", "."))
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"SKM weight must look like 1/9 or 0.11, got {raw!r}") from exc
    if not 0 < weight <= 1:
        raise ValueError(f"SKM weight must be between 0 and 1, got {raw!r}")
    return weight


def configured_weight() -> Fraction:
    return parse_weight(getattr(settings, "FEEDBACK_SKM_WEIGHT", "1/9"))


# --- Grade ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grade:
    letter: str
    label: Promise
    lower: Decimal
    upper: Decimal

    @property
    def x_lower(self) -> Decimal:
        """The band on the 1–4 interval scale (IKM ÷ 25), as the regulation's table prints it."""
        return (self.lower / 25).normalize()

    @property
    def x_upper(self) -> Decimal:
        return (self.upper / 25).normalize()


#: The interval table, highest first: (mutu, kinerja unit, IKM from, IKM to).
GRADES: tuple[Grade, ...] = (
    Grade("A", pgettext_lazy("IKM grade", "Very good"), Decimal("88.31"), Decimal("100.00")),
    Grade("B", pgettext_lazy("IKM grade", "Good"), Decimal("76.61"), Decimal("88.30")),
    Grade("C", pgettext_lazy("IKM grade", "Poor"), Decimal("65.00"), Decimal("76.60")),
    Grade("D", pgettext_lazy("IKM grade", "Bad"), Decimal("25.00"), Decimal("64.99")),
)


def round_half_up(value: Fraction, places: int = 2) -> Decimal:
    """Round an exact fraction half-up (91.475 → 91.48), as people do by hand and in Excel."""
    scale = 10**places
    scaled = math.floor(value * scale + Fraction(1, 2))
    return Decimal(scaled).scaleb(-places)


def grade_for(ikm: Decimal) -> Grade:
    """The grade of an IKM already rounded to two decimals (compare with the lower bounds)."""
    for grade in GRADES:
        if ikm >= grade.lower:
            return grade
    return GRADES[-1]


# --- Index --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnsurScore:
    code: str
    total: int
    answered: int

    @property
    def unsur(self) -> Unsur:
        return UNSUR_BY_CODE[self.code]

    @property
    def nrr(self) -> Fraction | None:
        """Average over the respondents who answered this element."""
        return Fraction(self.total, self.answered) if self.answered else None

    @property
    def nrr_display(self) -> Decimal | None:
        return round_half_up(self.nrr, 4) if self.nrr is not None else None

    @property
    def bar_length(self) -> Decimal | None:
        """The NRR on a 0–3 bar (1 → empty, 4 → full), for the hall's IKM panel."""
        return round_half_up(self.nrr - 1, 3) if self.nrr is not None else None

    def weighted(self, weight: Fraction) -> Decimal | None:
        return round_half_up(self.nrr * weight, 4) if self.nrr is not None else None


@dataclass(frozen=True)
class IkmResult:
    scores: tuple[UnsurScore, ...]
    weight: Fraction
    respondents: int

    @property
    def missing(self) -> list[str]:
        """Codes of elements nobody answered (no IKM while any is missing)."""
        return [s.code for s in self.scores if not s.answered]

    @property
    def exact_x(self) -> Fraction | None:
        if self.missing or not self.scores:
            return None
        return sum((s.nrr * self.weight for s in self.scores if s.nrr is not None), Fraction(0))

    @property
    def x(self) -> Decimal | None:
        """The 'nilai interval' (1–4 scale), to four decimals."""
        exact = self.exact_x
        return round_half_up(exact, 4) if exact is not None else None

    @property
    def ikm(self) -> Decimal | None:
        """The index on the 25–100 scale, rounded half-up to 2 decimals."""
        exact = self.exact_x
        return round_half_up(exact * 25, 2) if exact is not None else None

    @property
    def grade(self) -> Grade | None:
        ikm = self.ikm
        return grade_for(ikm) if ikm is not None else None

    @property
    def rows(self) -> list[tuple[UnsurScore, Decimal | None]]:
        """Each element with its weighted NRR (for report tables)."""
        return [(s, s.weighted(self.weight)) for s in self.scores]

    def score(self, code: str) -> UnsurScore:
        return next(s for s in self.scores if s.code == code)


def validate_answers(answers: Mapping[str, object]) -> dict[str, int]:
    """Keep the answered elements, keyed by code; raise ValueError on an unknown code or a
    score outside 1–4. `None` or '' means "not answered"."""
    clean: dict[str, int] = {}
    for code, raw in answers.items():
        key = str(code).upper()
        if key not in UNSUR_BY_CODE:
            raise ValueError(f"unknown element {code!r}")
        if raw is None or raw == "":
            continue
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise ValueError(f"{key}: score must be 1, 2, 3 or 4")
        try:
            score = int(raw)
        except ValueError as exc:
            raise ValueError(f"{key}: score must be 1, 2, 3 or 4") from exc
        if score not in SCORES:
            raise ValueError(f"{key}: score must be 1, 2, 3 or 4")
        clean[key] = score
    return clean


def scores_from_totals(
    totals: Mapping[str, tuple[int, int]], respondents: int, weight: Fraction | None = None
) -> IkmResult:
    """An IkmResult from per-element (sum, number answered) pairs, e.g. a database aggregate."""
    scores = tuple(UnsurScore(code, *(totals.get(code) or (0, 0))) for code in CODES)
    return IkmResult(scores, weight if weight is not None else configured_weight(), respondents)


def compute_ikm(
    responses: Iterable[Mapping[str, object]], weight: Fraction | None = None
) -> IkmResult:
    """The IKM of answer sets keyed by element code ({"U1": 4, "U2": 3, …})."""
    totals = {code: [0, 0] for code in CODES}
    respondents = 0
    for response in responses:
        respondents += 1
        for code, score in validate_answers(response).items():
            totals[code][0] += score
            totals[code][1] += 1
    return scores_from_totals({c: (t[0], t[1]) for c, t in totals.items()}, respondents, weight)


# --- Sample size ----------------------------------------------------------------------------------

_CHI_SQUARE = Fraction("3.841")  # χ² for one degree of freedom at 95 %
_P = Fraction(1, 2)
_D = Fraction(5, 100)


def krejcie_morgan(population: int) -> int:
    """Minimum sample for a population of N (Krejcie & Morgan 1970, as PermenPAN-RB 14/2017
    uses it): s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)), rounded to the nearest integer."""
    if population <= 0:
        return 0
    n = Fraction(population)
    s = _CHI_SQUARE * n * _P * (1 - _P) / (_D**2 * (n - 1) + _CHI_SQUARE * _P * (1 - _P))
    return math.floor(s + Fraction(1, 2))
