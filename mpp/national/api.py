"""National API (issue 14 item 5): national_search and compare_malls, beside list_malls and
get_mall (mpp/core/api.py), under the tag "national"."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from mpp.core.errors import DomainError
from mpp.core.schemas import ErrorOut
from mpp.national import queries
from mpp.national.regions import PROVINCES
from mpp.transparency.filters import FilterError, parse_period

router = Router(tags=["national"])


class NationalSearchService(Schema):
    slug: str
    name: str
    agency: str
    fee: str
    fee_kind: str
    fee_amount: int | None
    turnaround: str
    waiting_today: int
    url: str


class NationalSearchMall(Schema):
    slug: str
    name: str
    regency: str
    region_code: str
    province_name: str
    is_demo: bool
    open_today: bool
    hours_today: str
    url: str
    services: list[NationalSearchService]


class NationalSearchOut(Schema):
    query: str
    suggestion: str
    total_malls: int
    page: int
    pages: int
    malls: list[NationalSearchMall]


class NationalSearchFilters(Schema):
    q: str
    provinsi: str = ""
    page: int = 1


class MallComparisonRow(Schema):
    mall: str
    mall_name: str
    province: str
    province_name: str
    regency: str
    region_code: str
    is_demo: bool
    visitors: int
    respondents: int
    ikm: float | None
    grade: str | None
    grade_label: str
    waits: int
    wait_avg_minutes: float | None
    wait_p90_minutes: int | None
    applications_finished: int
    applications_in_time: int
    applications_in_time_percent: float | None
    complaints_answered: int
    complaints_answered_in_time: int
    complaints_in_time_percent: float | None


class MallComparisonOut(Schema):
    schema_version: int
    start: date
    end: date
    province: str | None
    rows: list[MallComparisonRow]


def _province(code: str) -> str:
    code = code.strip()
    if code and code not in PROVINCES:
        raise DomainError(
            _("There is no province with that code; pick one from the list."), field="provinsi"
        )
    return code


@router.get(
    "/national/search",
    response={200: NationalSearchOut, 400: ErrorOut, 422: ErrorOut},
    operation_id="national_search",
    summary="Which malls offer a service: fee, time, hours today and people waiting now",
)
def national_search(request: HttpRequest, filters: Query[NationalSearchFilters]) -> dict[str, Any]:
    q = filters.q.strip()
    if not q or len(q) > 200:
        raise HttpError(400, _("Search with 1 to 200 characters."))
    if filters.page < 1 or filters.page > 10_000:
        raise HttpError(400, _("Choose a page from 1."))
    found = queries.national_search(
        query=q, province=_province(filters.provinsi), page=filters.page
    )
    return {
        "query": found.query,
        "suggestion": found.suggestion,
        "total_malls": found.total_malls,
        "page": found.page,
        "pages": found.pages,
        "malls": [
            {
                "slug": hit.mall.slug,
                "name": hit.mall.name,
                "regency": hit.mall.regency,
                "region_code": hit.mall.region_code,
                "province_name": hit.province_name,
                "is_demo": hit.mall.is_demo,
                "open_today": hit.hours_today != "",
                "hours_today": hit.hours_today,
                "url": hit.url,
                "services": [
                    {
                        "slug": s.service.slug,
                        "name": s.service.name,
                        "agency": s.service.agency.name,
                        "fee": s.fee,
                        "fee_kind": s.service.fee_kind,
                        "fee_amount": s.service.fee_amount,
                        "turnaround": s.turnaround,
                        "waiting_today": s.waiting_today,
                        "url": f"{hit.url}layanan/{s.service.slug}/",
                    }
                    for s in hit.services
                ],
            }
            for hit in found.malls
        ],
    }


@router.get(
    "/national/comparison",
    response={200: MallComparisonOut, 400: ErrorOut, 422: ErrorOut},
    operation_id="compare_malls",
    summary="The malls side by side: IKM, waits, applications and complaints on time",
)
def compare_malls(
    request: HttpRequest,
    start: str | None = Query(None, alias="from", description="First day, YYYY-MM-DD"),
    end: str | None = Query(None, alias="to", description="Last day, YYYY-MM-DD (inclusive)"),
    provinsi: str = Query("", description="Province code (two digits, e.g. 35); empty for all"),
) -> dict[str, Any]:
    province = _province(provinsi)
    try:
        period = parse_period(
            start=start,
            end=end,
            agency=None,
            agencies=[],
            today=queries.local_today(),
        )
    except FilterError as exc:
        raise DomainError(_("The filters are not valid."), errors=dict(exc.errors)) from exc
    rows = queries.compare_malls(start=period.start, end=period.end, province=province)
    return {
        "schema_version": 1,
        "start": period.start,
        "end": period.end,
        "province": province or None,
        "rows": rows,
    }
