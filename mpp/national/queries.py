"""Reads of the national portal (issue 14 item 2): malls by province and regency, a service
searched across malls, and the malls compared side by side.

Costs do not grow with the number of malls in queries (tests/national/test_scale.py): the
directory is one query; the search is the catalogue's one search over every mall (its ranking,
with the malls' codes, cached per query), one query for today's calendar and one for the
waiting tally of the page's services, with the page's malls and services kept as cards in the
cache; the comparison is five grouped queries (malls, rollups, rollup histograms, survey
answers, complaints), cached under a key that holds the rollups' generation, so a refresh of
the rollups retires it at once and `COMPARISON_CACHE_SECONDS` bounds the age of the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q, Sum, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from mpp.catalog.display import describe_fee, describe_turnaround
from mpp.catalog.models import Service
from mpp.catalog.search import search_services
from mpp.core.clock import mall_zone
from mpp.core.enums import DayKind
from mpp.core.models import CalendarDay, Mall
from mpp.feedback import skm
from mpp.feedback.models import Complaint, SurveyResponse
from mpp.national.regions import PROVINCES, province_code
from mpp.queueing.models import WaitingTally
from mpp.transparency.models import ROLLUPS_GENERATION_KEY, DailyAgencyStats
from mpp.transparency.queries import percentile_from_histogram

#: How long one computed comparison is served from the cache at most. A refresh of the rollups
#: retires it at once (`comparison_key`); survey answers and complaints, read raw, show after
#: at most this long.
COMPARISON_CACHE_SECONDS = 300
#: How long the ranking of one national search is reused (a catalogue change shows after this).
SEARCH_CACHE_SECONDS = 300
#: Malls shown per page of a national search.
SEARCH_PAGE_MALLS = 20
#: Services the national search ranks at most (the catalogue search's own global cut is 1000).
SEARCH_SERVICE_LIMIT = 1000


def mall_url(mall: Mall | MallCard) -> str:
    """The mall's own site under the path fallback (works on every installation)."""
    return f"/m/{mall.slug}/"


def local_today(mall: Mall | MallCard | None = None) -> date:
    zone = mall_zone(mall)
    return timezone.now().astimezone(zone).date()


# --- Directory --------------------------------------------------------------------------------


@dataclass
class MallEntry:
    mall: Mall
    province: str
    province_name: str
    #: The mall's number on the map and in the list (1, 2, …).
    number: int = 0

    @property
    def url(self) -> str:
        return mall_url(self.mall)


def active_malls() -> list[Mall]:
    return list(
        Mall.objects.filter(is_active=True)
        .only(
            "slug", "name", "short_name", "regency", "region_code", "address", "latitude",
            "longitude", "timezone", "opening_hours", "is_demo", "open_on_collective_leave",
        )
        .order_by("region_code", "name")
    )  # fmt: skip


def directory(*, province: str = "", regency: str = "") -> list[MallEntry]:
    """Active malls, by province then regency code; filtered by a province code and/or a
    regency code ("35.21") or name."""
    entries: list[MallEntry] = []
    wanted_regency = regency.strip().lower()
    for mall in active_malls():
        code = province_code(mall.region_code)
        if province and code != province:
            continue
        if wanted_regency and wanted_regency not in (
            mall.region_code.lower(),
            mall.regency.lower(),
            mall.slug,
        ):
            continue
        entries.append(MallEntry(mall, code, PROVINCES.get(code, ""), len(entries) + 1))
    return entries


def provinces_with_malls(entries: list[MallEntry]) -> list[tuple[str, str, int]]:
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.province] = counts.get(e.province, 0) + 1
    return [(code, PROVINCES.get(code, "—"), n) for code, n in sorted(counts.items())]


# Indonesia's extent, for the server-rendered map (longitude 95°E–141°E, latitude 6°N–11°S).
MAP_WEST, MAP_EAST, MAP_NORTH, MAP_SOUTH = 94.5, 141.5, 6.5, -11.5
MAP_WIDTH, MAP_HEIGHT = 940, 360


def map_points(entries: list[MallEntry]) -> list[dict[str, Any]]:
    """Each mall with coordinates as a point of the SVG map (x, y in map units)."""
    points = []
    for e in entries:
        if e.mall.latitude is None or e.mall.longitude is None:
            continue
        lon, lat = float(e.mall.longitude), float(e.mall.latitude)
        x = (lon - MAP_WEST) / (MAP_EAST - MAP_WEST) * MAP_WIDTH
        y = (MAP_NORTH - lat) / (MAP_NORTH - MAP_SOUTH) * MAP_HEIGHT
        # Coordinates as text: a localised template would print 343,1 (a decimal comma).
        points.append({"entry": e, "x": f"{x:.1f}", "y": f"{y:.1f}", "xf": x, "yf": y})
    return points


def map_sizes(view_box: str) -> dict[str, str]:
    """Dot radius and label size in map units for a view box, so they look the same size
    whether the map shows the whole country or three neighbouring regencies."""
    width = float(view_box.split()[2])
    return {"radius": f"{width / 80:.2f}", "font": f"{width / 30:.2f}"}


def map_grid() -> list[dict[str, str]]:
    """Graticule lines every 10° of longitude and 5° of latitude."""
    lines = []
    for lon in range(100, 141, 10):
        x = f"{(lon - MAP_WEST) / (MAP_EAST - MAP_WEST) * MAP_WIDTH:.1f}"
        lines.append({"x1": x, "y1": "0", "x2": x, "y2": str(MAP_HEIGHT)})
    for lat in range(5, -11, -5):
        y = f"{(MAP_NORTH - lat) / (MAP_NORTH - MAP_SOUTH) * MAP_HEIGHT:.1f}"
        lines.append({"x1": "0", "y1": y, "x2": str(MAP_WIDTH), "y2": y})
    return lines


def map_view_box(points: list[dict[str, Any]]) -> str:
    """The whole country, or zoomed onto the points shown (with a margin) when they are few
    and close together, so three neighbouring malls do not sit on one pixel."""
    if not points:
        return f"0 0 {MAP_WIDTH} {MAP_HEIGHT}"
    xs = [p["xf"] for p in points]
    ys = [p["yf"] for p in points]
    width = max(max(xs) - min(xs), 25.0) * 1.6
    height = max(width * MAP_HEIGHT / MAP_WIDTH, (max(ys) - min(ys)) * 1.6, 20.0)
    width = max(width, height * MAP_WIDTH / MAP_HEIGHT)
    if width >= MAP_WIDTH:
        return f"0 0 {MAP_WIDTH} {MAP_HEIGHT}"
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return f"{cx - width / 2:.1f} {cy - height / 2:.1f} {width:.1f} {height:.1f}"


# --- Today's hours (one calendar query for every mall shown) -----------------------------------


def hours_today(malls: Sequence[Mall | MallCard], today: date) -> dict[int, str]:
    """Per mall: today's opening hours as text ("08.00–15.00"), "" when closed today, None-free.
    The calendar (holidays, closures) is read once for all malls."""
    rows = CalendarDay.objects.filter(day=today).filter(
        Q(mall__isnull=True) | Q(mall_id__in=[m.pk for m in malls])
    )
    national: str | None = None
    own: dict[int, str] = {}
    for row in rows:
        if row.mall_id is None:
            national = row.kind
        else:
            own[row.mall_id] = row.kind
    out: dict[int, str] = {}
    for mall in malls:
        kind = own.get(mall.pk, national)
        if not mall.opening_hours:
            out[mall.pk] = "—"
            continue
        if kind in (DayKind.HOLIDAY, DayKind.LOCAL_CLOSURE) or (
            kind == DayKind.COLLECTIVE_LEAVE and not mall.open_on_collective_leave
        ):
            out[mall.pk] = ""
            continue
        weekday = today.weekday()
        periods = [p for p in mall.opening_hours if weekday in p["days"]]
        if not periods and kind == DayKind.EXTRA_WORKING_DAY:
            periods = [p for p in mall.opening_hours if 0 in p["days"]]
        out[mall.pk] = ", ".join(
            f"{p['opens'].replace(':', '.')}–{p['closes'].replace(':', '.')}" for p in periods
        )
    return out


# --- National search ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MallCard:
    """What the national search shows of a mall (kept in the cache with the page)."""

    pk: int
    slug: str
    name: str
    regency: str
    region_code: str
    is_demo: bool
    timezone: str
    opening_hours: list[dict[str, Any]]
    open_on_collective_leave: bool


@dataclass(frozen=True)
class AgencyCard:
    name: str


@dataclass(frozen=True)
class ServiceCard:
    """What the national search shows of a service; `fee` and `turnaround` are in the
    language the page was built in (the cache key holds it)."""

    pk: int
    slug: str
    name: str
    name_en: str
    agency: AgencyCard
    fee_kind: str
    fee_amount: int | None
    fee: str
    turnaround: str


@dataclass
class ServiceHit:
    service: ServiceCard
    fee: str
    turnaround: str
    waiting_today: int


@dataclass
class MallHits:
    mall: MallCard
    province_name: str
    hours_today: str
    services: list[ServiceHit] = field(default_factory=list)

    @property
    def url(self) -> str:
        return mall_url(self.mall)


@dataclass
class NationalSearch:
    query: str
    suggestion: str
    total_malls: int
    malls: list[MallHits]
    page: int
    pages: int
    #: Identifies what the page shows apart from the live figures (malls, services and their
    #: texts, hours today): the key of a rendering that may be reused.
    cards_key: str = ""


def waiting_today(service_ids: list[int], days: dict[int, date]) -> dict[int, int]:
    """People waiting now per service (each mall's own local day), read from the waiting
    tally the ticket triggers keep (`queueing.WaitingTally`): one indexed query whose cost
    does not grow with the queues."""
    if not service_ids:
        return {}
    rows = WaitingTally.objects.filter(
        service_id__in=service_ids, day__in=set(days.values()), waiting__gt=0
    ).values_list("service_id", "mall_id", "day", "waiting")
    out: dict[int, int] = {}
    for service_id, mall_id, day, waiting in rows:
        if days.get(mall_id) == day:
            out[service_id] = out.get(service_id, 0) + waiting
    return out


def _ranking_key(query: str) -> str:
    return "national:search:2:" + hashlib.sha256(query.strip().lower().encode()).hexdigest()


def _ranked_by_mall(query: str) -> dict[str, Any]:
    """The catalogue search over every mall, as the active malls' ids in rank order with their
    region codes and their first three matching service ids, cached for
    `SEARCH_CACHE_SECONDS` per query (the queues and hours shown beside it are read live)."""
    key = _ranking_key(query)
    cached = cache.get(key)
    if cached is not None:
        return cast(dict[str, Any], cached)
    result = search_services(mall=None, query=query, limit=SEARCH_SERVICE_LIMIT)
    order: list[int] = []
    by_mall: dict[int, list[int]] = {}
    for service in result.services:
        if service.mall_id not in by_mall:
            order.append(service.mall_id)
            by_mall[service.mall_id] = []
        by_mall[service.mall_id].append(service.pk)
    codes = dict(Mall.objects.filter(is_active=True, pk__in=order).values_list("pk", "region_code"))
    value = {
        "suggestion": result.suggestion,
        "order": [pk for pk in order if pk in codes],
        "codes": codes,
        "by_mall": {pk: ids[:3] for pk, ids in by_mall.items() if pk in codes},
    }
    cache.set(key, value, SEARCH_CACHE_SECONDS)
    return value


def _mall_card(mall: Mall) -> MallCard:
    return MallCard(
        pk=mall.pk,
        slug=mall.slug,
        name=mall.name,
        regency=mall.regency,
        region_code=mall.region_code,
        is_demo=mall.is_demo,
        timezone=mall.timezone,
        opening_hours=list(mall.opening_hours or []),
        open_on_collective_leave=mall.open_on_collective_leave,
    )


def _service_card(service: Service) -> ServiceCard:
    return ServiceCard(
        pk=service.pk,
        slug=service.slug,
        name=service.name,
        name_en=service.name_en,
        agency=AgencyCard(service.agency.name),
        fee_kind=service.fee_kind,
        fee_amount=service.fee_amount,
        fee=str(describe_fee(service)),
        turnaround=str(describe_turnaround(service)),
    )


def _page_cards(
    shown: list[int], service_ids: dict[int, list[int]]
) -> tuple[str, list[tuple[MallCard, list[ServiceCard]]]]:
    """The malls of one page and their first three matching services as display cards: two
    queries on a miss, none for `SEARCH_CACHE_SECONDS` after (keyed by the ids shown and the
    language, so another page, ranking or language is another entry)."""
    from django.utils import translation

    wanted = [(pk, tuple(service_ids[pk][:3])) for pk in shown]
    digest = hashlib.sha256(repr(wanted).encode()).hexdigest()
    key = f"national:search:cards:1:{translation.get_language()}:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return cast(tuple[str, list[tuple[MallCard, list[ServiceCard]]]], cached)
    malls = Mall.objects.in_bulk(shown)
    loaded = Service.objects.select_related("agency").in_bulk(
        [sid for _pk, ids in wanted for sid in ids]
    )
    cards = [
        (
            _mall_card(malls[pk]),
            [_service_card(loaded[sid]) for sid in ids if sid in loaded],
        )
        for pk, ids in wanted
    ]
    # What the cards say, as one digest: a rendering of them is reused only while it holds.
    value = (hashlib.sha256(repr(cards).encode()).hexdigest(), cards)
    cache.set(key, value, SEARCH_CACHE_SECONDS)
    return value


def national_search(*, query: str, province: str = "", page: int = 1) -> NationalSearch:
    """The malls offering services that match `query`, best match first, with each matching
    service's fee and turnaround, the mall's hours today and the people waiting now.

    Statements per call do not depend on the number of malls: today's calendar and the
    waiting tally of the page's services (plus, on a cache miss, the ranking with the malls'
    codes, and the page's malls and services). Names, fees, rankings and which malls are
    active may be up to `SEARCH_CACHE_SECONDS` old; hours and people waiting are read on
    every call."""
    ranked = _ranked_by_mall(query)
    suggestion = ranked["suggestion"]
    service_ids: dict[int, list[int]] = ranked["by_mall"]
    codes: dict[int, str] = ranked["codes"]
    order: list[int] = ranked["order"]
    if province:
        order = [pk for pk in order if province_code(codes[pk]) == province]
    pages = max(1, -(-len(order) // SEARCH_PAGE_MALLS))
    page = min(max(1, page), pages)
    shown = order[(page - 1) * SEARCH_PAGE_MALLS : page * SEARCH_PAGE_MALLS]
    digest, cards = _page_cards(shown, service_ids)
    days = {card.pk: local_today(card) for card, _s in cards}
    today = next(iter(days.values()), local_today())
    hours = hours_today([card for card, _s in cards], today)
    waiting = waiting_today([s.pk for _card, services in cards for s in services], days)
    out = []
    for card, services in cards:
        hits = MallHits(card, PROVINCES.get(province_code(card.region_code), ""), hours[card.pk])
        for service in services:
            hits.services.append(
                ServiceHit(
                    service=service,
                    fee=service.fee,
                    turnaround=service.turnaround,
                    waiting_today=waiting.get(service.pk, 0),
                )
            )
        out.append(hits)
    # Everything the page shows apart from the people waiting.
    shown_state = (suggestion, today, digest, [hours[card.pk] for card, _s in cards])
    return NationalSearch(
        query=query,
        suggestion=suggestion,
        total_malls=len(order),
        malls=out,
        page=page,
        pages=pages,
        cards_key=hashlib.sha256(repr(shown_state).encode()).hexdigest(),
    )


# --- Comparison ----------------------------------------------------------------------------------

#: Columns of the comparison's open data, in order (a public contract: add at the end only).
COMPARISON_COLUMNS: tuple[str, ...] = (
    "mall",
    "mall_name",
    "province",
    "province_name",
    "regency",
    "region_code",
    "is_demo",
    "visitors",
    "respondents",
    "ikm",
    "grade",
    "grade_label",
    "waits",
    "wait_avg_minutes",
    "wait_p90_minutes",
    "applications_finished",
    "applications_in_time",
    "applications_in_time_percent",
    "complaints_answered",
    "complaints_answered_in_time",
    "complaints_in_time_percent",
)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def _ikm_by_mall(start: date, end: date) -> dict[int, skm.IkmResult]:
    aggregates: dict[str, Any] = {"respondents": Count("pk")}
    for unsur in skm.UNSUR:
        aggregates[f"{unsur.field}_sum"] = Sum(unsur.field)
        aggregates[f"{unsur.field}_n"] = Count(unsur.field)
    rows = (
        SurveyResponse.objects.filter(survey_date__gte=start, survey_date__lte=end)
        .order_by()
        .values("mall_id")
        .annotate(**aggregates)
    )
    out = {}
    for raw in rows:
        row = cast(dict[str, Any], raw)
        totals = {
            u.code: (int(row[f"{u.field}_sum"] or 0), int(row[f"{u.field}_n"] or 0))
            for u in skm.UNSUR
        }
        out[row["mall_id"]] = skm.scores_from_totals(totals, int(row["respondents"] or 0), None)
    return out


def _rollups_by_mall(
    start: date, end: date
) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, int]]]:
    rows = DailyAgencyStats.objects.filter(day__gte=start, day__lte=end)
    sums: dict[int, dict[str, Any]] = {
        row["mall_id"]: cast(dict[str, Any], row)
        for row in rows.order_by()
        .values("mall_id")
        .annotate(
            visitors_sum=Sum("visitors"),
            waits=Sum("wait_count"),
            wait_seconds=Sum("wait_seconds"),
            finished=Sum("applications_finished"),
            in_time=Sum("applications_in_time"),
        )
    }
    # Histograms come back as text and are decoded in one json.loads (as the dashboard does).
    raw = list(
        rows.filter(wait_count__gt=0)
        .annotate(text=Cast("wait_histogram", TextField()))
        .values_list("mall_id", "text")
    )
    decoded = json.loads("[" + ",".join(r[1] for r in raw) + "]") if raw else []
    histograms: dict[int, dict[str, int]] = {}
    for (mall_id, _text), histogram in zip(raw, decoded, strict=True):
        merged = histograms.setdefault(mall_id, {})
        for key, value in histogram.items():
            merged[key] = merged.get(key, 0) + value
    return sums, histograms


def _complaints_by_mall(start: date, end: date) -> dict[int, tuple[int, int]]:
    low, high = _bounds(start, end)
    answered = Q(answered_at__gte=low, answered_at__lt=high)
    rows = (
        Complaint.objects.filter(answered)
        .order_by()
        .values("mall_id")
        .annotate(
            answered=Count("pk"),
            late=Count(
                "pk", filter=Q(answer_due__isnull=False, answered_at__date__gt=F("answer_due"))
            ),
        )
    )
    return {r["mall_id"]: (r["answered"], r["answered"] - r["late"]) for r in rows}


def _compute_comparison(start: date, end: date) -> list[dict[str, Any]]:
    malls = active_malls()
    sums, histograms = _rollups_by_mall(start, end)
    ikm = _ikm_by_mall(start, end)
    complaints = _complaints_by_mall(start, end)
    rows = []
    for mall in malls:
        code = province_code(mall.region_code)
        s = sums.get(mall.pk, {})
        waits = int(s.get("waits") or 0)
        finished = int(s.get("finished") or 0)
        in_time = int(s.get("in_time") or 0)
        result = ikm.get(mall.pk)
        grade = result.grade if result else None
        answered, answered_in_time = complaints.get(mall.pk, (0, 0))
        rows.append(
            {
                "mall": mall.slug,
                "mall_name": mall.name,
                "province": code,
                "province_name": PROVINCES.get(code, ""),
                "regency": mall.regency,
                "region_code": mall.region_code,
                "is_demo": mall.is_demo,
                "visitors": int(s.get("visitors_sum") or 0),
                "respondents": result.respondents if result else 0,
                "ikm": float(result.ikm) if result and result.ikm is not None else None,
                "grade": grade.letter if grade else None,
                "grade_label": str(grade.label) if grade else "",
                "waits": waits,
                "wait_avg_minutes": round(int(s.get("wait_seconds") or 0) / 60 / waits, 1)
                if waits
                else None,
                "wait_p90_minutes": percentile_from_histogram(histograms.get(mall.pk, {})),
                "applications_finished": finished,
                "applications_in_time": in_time,
                "applications_in_time_percent": _percent(in_time, finished),
                "complaints_answered": answered,
                "complaints_answered_in_time": answered_in_time,
                "complaints_in_time_percent": _percent(answered_in_time, answered),
            }
        )
    return rows


def comparison_key(*, start: date, end: date) -> str:
    """The cache key of one period's comparison in the active language. It holds the rollups'
    generation (`ROLLUPS_GENERATION_KEY`, renewed after every refresh of the rollups), so a
    refresh retires every cached comparison at once, whatever the period."""
    from django.utils import translation

    generation = cache.get(ROLLUPS_GENERATION_KEY) or 0
    return f"national:compare:2:{generation}:{start}:{end}:{translation.get_language()}"


def compare_malls(
    *, start: date, end: date, province: str = "", key: str | None = None
) -> list[dict[str, Any]]:
    """One row per active mall (`COMPARISON_COLUMNS`) for the inclusive period, cached under
    `comparison_key` (pass `key` when the caller already has it) for at most
    `COMPARISON_CACHE_SECONDS`."""
    key = key or comparison_key(start=start, end=end)
    rows = cast(list[dict[str, Any]] | None, cache.get(key))
    if rows is None:
        rows = _compute_comparison(start, end)
        cache.set(key, rows, COMPARISON_CACHE_SECONDS)
    if province:
        rows = [r for r in rows if r["province"] == province]
    return rows
