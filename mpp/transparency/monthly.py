"""The monthly service report (laporan bulanan) of a mall or one agency: the figures of the
month against the month before and the same month a year earlier, the charts, the follow-up
of the satisfaction survey, and who signs it. Read-only: built from the dashboard's figures
(`dashboard_figures`, three periods) and the feedback app's follow-up plans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mpp.catalog.models import Agency
from mpp.core import charts
from mpp.core.models import Mall
from mpp.feedback.domain.followup import is_overdue
from mpp.feedback.models import FollowUpPlan
from mpp.feedback.queries import follow_up_plans
from mpp.transparency.queries import Figures, dashboard_figures


def month_bounds(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return start, end


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


@dataclass(frozen=True)
class Comparison:
    """One line of the summary: the month, the month before, the same month last year."""

    key: str
    label: str
    unit: str
    current: float | None
    previous: float | None
    last_year: float | None
    #: "up" when a higher value is better (IKM), "down" when lower is better (waiting).
    better: str = ""
    #: Counts compare in percent; minutes, percentages and the IKM in points.
    relative: bool = True
    decimals: int = 0

    def _change(self, other: float | None) -> float | None:
        if self.current is None or other is None:
            return None
        if self.relative:
            return None if other == 0 else round(100 * (self.current - other) / other, 1)
        return round(self.current - other, 1)

    @property
    def change_previous(self) -> float | None:
        return self._change(self.previous)

    @property
    def change_last_year(self) -> float | None:
        return self._change(self.last_year)

    def tone(self, change: float | None) -> str:
        """'up' (better), 'down' (worse) or '' for the change's colour."""
        if change is None or change == 0 or not self.better:
            return ""
        improved = change > 0 if self.better == "up" else change < 0
        return "up" if improved else "down"

    def show(self, value: float | None) -> str:
        if value is None:
            return "–"
        shown = number_format(value, decimal_pos=self.decimals, use_l10n=True, force_grouping=True)
        return f"{shown}{self.unit}"

    # Template-friendly views of the three columns and the two changes.
    @property
    def show_current(self) -> str:
        return self.show(self.current)

    @property
    def show_previous(self) -> str:
        return self.show(self.previous)

    @property
    def show_last_year(self) -> str:
        return self.show(self.last_year)

    @property
    def show_change_previous(self) -> str:
        return self.show_change(self.change_previous)

    @property
    def show_change_last_year(self) -> str:
        return self.show_change(self.change_last_year)

    @property
    def tone_previous(self) -> str:
        return self.tone(self.change_previous)

    @property
    def tone_last_year(self) -> str:
        return self.tone(self.change_last_year)

    def show_change(self, change: float | None) -> str:
        if change is None:
            return "–"
        sign = "+" if change > 0 else ("−" if change < 0 else "±")
        shown = number_format(abs(change), decimal_pos=1, use_l10n=True)
        return f"{sign}{shown}{'%' if self.relative else ''}"


@dataclass
class MonthlyReport:
    mall: Mall
    agency: Agency | None
    start: date
    end: date
    current: Figures
    previous: Figures
    last_year: Figures
    comparisons: list[Comparison]
    highlights: list[str]
    charts: dict[str, Any]
    follow_ups: list[tuple[FollowUpPlan, bool]]
    #: Visitors per day as table rows of two days each (left half and right half of the
    #: month), so that a month fits one table on half a page.
    visitor_rows: list[tuple[tuple[date, int], tuple[date, int] | None]] = field(
        default_factory=list
    )

    @property
    def ikm(self) -> dict[str, Any]:
        return _ikm(self.current)


def _ikm(figures: Figures) -> dict[str, Any]:
    """The IKM of the report's scope: the mall's, or the agency's row."""
    if figures.agency is None:
        return figures.mall_ikm
    for row in figures.tables["satisfaction"]:
        if row["agency"] == figures.agency.slug:
            return row
    return {"respondents": 0, "ikm": None, "grade": None, "grade_label": ""}


def _complaints(figures: Figures, key: str) -> int:
    return sum(int(r[key]) for r in figures.tables["complaints"])


def _metric(figures: Figures, key: str) -> float | None:
    t = figures.totals
    if key == "respondents":
        return _ikm(figures).get("respondents") or 0
    if key == "ikm":
        return _ikm(figures).get("ikm")
    if key.startswith("complaints_"):
        return _complaints(figures, key.removeprefix("complaints_"))
    return t.get(key)


def _lines() -> list[tuple[str, str, str, str, bool, int]]:
    """(key, label, unit, better, relative, decimals) of the summary lines, in order."""
    minutes = " " + _("min")
    return [
        ("visitors", _("Visitors (tickets taken)"), "", "", True, 0),
        ("services", _("Visitors served at a counter"), "", "", True, 0),
        ("wait_avg_minutes", _("Average waiting time"), minutes, "down", False, 1),
        ("wait_p90_minutes", _("90% waited at most"), minutes, "down", False, 0),
        ("service_avg_minutes", _("Average service time"), minutes, "", False, 1),
        ("submitted", _("Online applications submitted"), "", "", True, 0),
        ("finished", _("Applications decided"), "", "", True, 0),
        ("in_time_percent", _("Decided within the deadline"), "%", "up", False, 1),
        ("respondents", _("Survey respondents"), "", "", True, 0),
        ("ikm", _("Satisfaction index (IKM)"), "", "up", False, 2),
        ("complaints_received", _("Complaints received"), "", "", True, 0),
        ("complaints_answered_late", _("Complaints answered late"), "", "down", True, 0),
        ("complaints_overdue", _("Complaints overdue"), "", "down", True, 0),
    ]


def _highlights(lines: list[Comparison], ikm: dict[str, Any]) -> list[str]:
    by_key = {c.key: c for c in lines}
    out = []
    visitors = by_key["visitors"]
    if visitors.current:
        change = visitors.change_previous
        if change is None:
            out.append(_("%(n)s visitors took a ticket.") % {"n": visitors.show(visitors.current)})
        else:
            out.append(
                _("%(n)s visitors took a ticket, %(change)s against the month before.")
                % {"n": visitors.show(visitors.current), "change": visitors.show_change(change)}
            )
    else:
        out.append(_("No queue tickets were recorded this month."))
    wait = by_key["wait_avg_minutes"]
    if wait.current is not None:
        out.append(
            _("On average visitors waited %(avg)s; 90%% were called within %(p90)s.")
            % {
                "avg": wait.show(wait.current),
                "p90": by_key["wait_p90_minutes"].show(by_key["wait_p90_minutes"].current),
            }
        )
    in_time = by_key["in_time_percent"]
    if in_time.current is not None:
        out.append(
            _("%(p)s of the online applications decided this month met their deadline.")
            % {"p": in_time.show(in_time.current)}
        )
    if ikm.get("ikm") is not None:
        out.append(
            _(
                "The satisfaction index (IKM) is %(ikm)s, grade %(grade)s (%(label)s), "
                "from %(n)s respondents."
            )
            % {
                "ikm": number_format(ikm["ikm"], decimal_pos=2, use_l10n=True),
                "grade": ikm["grade"],
                "label": ikm["grade_label"],
                "n": ikm["respondents"],
            }
        )
    overdue = by_key["complaints_overdue"]
    received = by_key["complaints_received"]
    if received.current:
        out.append(
            _("%(n)s complaints were received; %(overdue)s are past their deadline.")
            % {"n": received.show(received.current), "overdue": overdue.show(overdue.current)}
        )
    return out


def _charts(figures: Figures) -> dict[str, Any]:
    t = figures.tables
    grid = [[0] * 24 for _ in range(7)]
    for row in t["busiest-hours"]:
        grid[row["weekday"] - 1][row["hour"]] = row["tickets"]
    busy = [h for h in range(24) if any(grid[d][h] for d in range(7))]
    hours = list(range(min(busy), max(busy) + 1)) if busy else list(range(8, 16))
    days = [str(WEEKDAYS_ABBR[d]) for d in range(7)]
    ikm_marks = [(65.0, "C"), (76.61, "B"), (88.31, "A")]
    return {
        "visitors": charts.column_chart(
            _("Visitors per day"), [(r["date"][8:], r["visitors"]) for r in t["visitors"]]
        ),
        "heat": charts.heat_map(_("Tickets by weekday and hour"), grid, days, hours),
        "heat_hours": hours,
        "heat_rows": [(days[d], [grid[d][h] for h in hours]) for d in range(7)],
        "wait": charts.row_bars(
            _("Average waiting time per agency (minutes)"),
            [(r["agency_name"], r["wait_avg_minutes"]) for r in t["times"]],
        ),
        "in_time": charts.row_bars(
            _("Applications decided within the deadline (%)"),
            [(r["agency_name"], r["in_time_percent"]) for r in t["applications"]],
            maximum=100,
            unit="%",
        ),
        "ikm": charts.row_bars(
            _("Satisfaction index (IKM) per agency"),
            [(r["agency_name"], r["ikm"]) for r in t["satisfaction"]],
            maximum=100,
            minimum=25,
            marks=ikm_marks,
        ),
        "complaints": charts.row_bars(
            _("Complaints received per agency"),
            [(r["agency_name"] or _("Mall management"), r["received"]) for r in t["complaints"]],
        ),
    }


def monthly_report(
    *, mall: Mall, year: int, month: int, agency: Agency | None, agencies: list[Agency], today: date
) -> MonthlyReport:
    """Everything the printed monthly report shows. Costs three times the dashboard's fixed
    number of queries plus one for the follow-up plans, whatever the data size."""
    start, end = month_bounds(year, month)
    p_start, p_end = month_bounds(*previous_month(year, month))
    y_start, y_end = month_bounds(year - 1, month)

    def figures(a: date, b: date) -> Figures:
        return dashboard_figures(mall=mall, start=a, end=b, agency=agency, agencies=agencies)

    current, previous, last_year = (
        figures(start, end),
        figures(p_start, p_end),
        figures(y_start, y_end),
    )
    lines = [
        Comparison(
            key=key,
            label=label,
            unit=unit,
            current=_metric(current, key),
            previous=_metric(previous, key),
            last_year=_metric(last_year, key),
            better=better,
            relative=relative,
            decimals=decimals,
        )
        for key, label, unit, better, relative, decimals in _lines()
    ]
    plans = follow_up_plans(mall=mall, agency=agency, open_or_done_since=start, recorded_until=end)
    days = [(date.fromisoformat(r["date"]), int(r["visitors"])) for r in current.tables["visitors"]]
    half = (len(days) + 1) // 2
    right: list[tuple[date, int] | None] = [*days[half:], None]
    return MonthlyReport(
        mall=mall,
        agency=agency,
        start=start,
        end=end,
        current=current,
        previous=previous,
        last_year=last_year,
        comparisons=lines,
        highlights=_highlights(lines, _ikm(current)),
        charts=_charts(current),
        follow_ups=[(plan, is_overdue(plan, min(today, end))) for plan in plans],
        visitor_rows=list(zip(days[:half], right, strict=False)),
    )
