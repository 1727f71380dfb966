"""National API (issue 14 item 5): list_malls, get_mall."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from mpp.core.models import Mall
from mpp.core.schemas import ErrorOut

router = Router(tags=["national"])


class MallOut(Schema):
    slug: str
    name: str
    short_name: str
    regency: str
    region_code: str
    address: str
    latitude: float | None
    longitude: float | None
    timezone: str
    opening_hours: list[dict[str, Any]]
    is_demo: bool
    url: str


def mall_out(mall: Mall) -> dict[str, Any]:
    return {
        "slug": mall.slug,
        "name": mall.name,
        "short_name": mall.short_name,
        "regency": mall.regency,
        "region_code": mall.region_code,
        "address": mall.address,
        "latitude": float(mall.latitude) if mall.latitude is not None else None,
        "longitude": float(mall.longitude) if mall.longitude is not None else None,
        "timezone": mall.timezone,
        "opening_hours": mall.opening_hours,
        "is_demo": mall.is_demo,
        "url": f"/m/{mall.slug}/",
    }


@router.get(
    "/malls",
    response={200: list[MallOut], 400: ErrorOut},
    operation_id="list_malls",
    summary="All active malls of the installation (national network)",
)
def list_malls(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        mall_out(m) for m in Mall.objects.filter(is_active=True).order_by("region_code", "slug")
    ]


@router.get(
    "/malls/{slug}",
    response={200: MallOut, 400: ErrorOut, 404: ErrorOut},
    operation_id="get_mall",
    summary="One mall: address, location, hours",
)
def get_mall(request: HttpRequest, slug: str) -> dict[str, Any]:
    mall = Mall.objects.filter(slug=slug, is_active=True).first()
    if mall is None:
        raise HttpError(404, _("Mall not found."))
    return mall_out(mall)
