"""Catalogue API: list_agencies, get_agency, search_services, get_service."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from mpp.catalog import queries
from mpp.catalog.display import describe_fee, describe_turnaround
from mpp.catalog.models import Agency, Service
from mpp.catalog.schemas import AgencyOut, ServiceOut, ServicePage
from mpp.catalog.search import search_services as run_search
from mpp.core.schemas import ErrorOut
from mpp.core.tenancy import mall_or_404

router = Router(tags=["catalogue"])


def agency_out(agency: Agency, service_count: int) -> dict[str, Any]:
    booth = agency.booth
    return {
        "slug": agency.slug,
        "name": agency.name,
        "name_en": agency.name_en,
        "short_name": agency.short_name,
        "level": agency.level,
        "level_display": str(agency.get_level_display()),
        "description": agency.description,
        "booth": (
            {"code": booth.code, "floor": booth.floor, "label": booth.label} if booth else None
        ),
        "phone": agency.phone,
        "email": agency.email,
        "website": agency.website,
        "opening_hours": agency.opening_hours or agency.mall.opening_hours,
        "service_count": service_count,
    }


def service_item(service: Service) -> dict[str, Any]:
    return {
        "id": service.pk,
        "slug": service.slug,
        "name": service.name,
        "name_en": service.name_en,
        "agency": {
            "slug": service.agency.slug,
            "name": service.agency.name,
            "short_name": service.agency.short_name,
        },
        "category": service.category,
        "fee": {
            "kind": service.fee_kind,
            "amount": service.fee_amount,
            "max_amount": service.fee_max,
            "unit": service.fee_unit,
            "display": describe_fee(service),
            "note": service.fee_note,
            "legal_basis": service.fee_legal_basis,
        },
        "turnaround": {
            "value": service.turnaround_value,
            "max_value": service.turnaround_max,
            "unit": service.turnaround_unit,
            "display": describe_turnaround(service),
            "note": service.turnaround_note,
        },
        "channel": service.channel,
        "url": reverse("catalog:service-detail", args=[service.slug]),
    }


@router.get(
    "/agencies",
    response={200: list[AgencyOut], 400: ErrorOut},
    operation_id="list_agencies",
    summary="List the agencies (instansi) of the mall",
)
def list_agencies(request: HttpRequest) -> list[dict[str, Any]]:
    mall = mall_or_404(request)
    return [
        agency_out(agency, agency.service_count)  # type: ignore[attr-defined]
        for agency in queries.public_agencies(mall).select_related("mall")
    ]


@router.get(
    "/agencies/{slug}",
    response={200: AgencyOut, 400: ErrorOut, 404: ErrorOut},
    operation_id="get_agency",
    summary="One agency with its booth, contacts and hours",
)
def get_agency(request: HttpRequest, slug: str) -> dict[str, Any]:
    mall = mall_or_404(request)
    agency = queries.public_agencies(mall).select_related("mall").filter(slug=slug).first()
    if agency is None:
        raise HttpError(404, _("Agency not found."))
    return agency_out(agency, agency.service_count)  # type: ignore[attr-defined]


class SearchParams(Schema):
    q: str = Field("", max_length=200, description="What the citizen typed (any language)")
    agency: str = Field("", max_length=80, description="Agency slug to filter by")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)


@router.get(
    "/services",
    response={200: ServicePage, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="search_services",
    summary="Search services (ranked), or list them all when q is empty",
)
def search_services(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    mall = mall_or_404(request)
    agency = None
    if params.agency:
        agency = Agency.objects.filter(mall=mall, slug=params.agency, is_active=True).first()
        if agency is None:
            raise HttpError(404, _("Agency not found."))
    query = " ".join(params.q.split())
    if query:
        result = run_search(
            mall=mall, query=query, agency=agency, limit=params.limit, offset=params.offset
        )
        services, total, suggestion = result.services, result.total, result.suggestion
    else:
        qs = queries.public_services(mall).select_related("agency")
        if agency is not None:
            qs = qs.filter(agency=agency)
        total = qs.count()
        services = list(qs[params.offset : params.offset + params.limit])
        suggestion = ""
    return {
        "query": query,
        "total": total,
        "limit": params.limit,
        "offset": params.offset,
        "suggestion": suggestion,
        "items": [service_item(s) for s in services],
    }


@router.get(
    "/services/{slug}",
    response={200: ServiceOut, 400: ErrorOut, 404: ErrorOut},
    operation_id="get_service",
    summary="One service with its whole service standard",
)
def get_service(request: HttpRequest, slug: str) -> dict[str, Any]:
    mall = mall_or_404(request)
    try:
        service = queries.service_with_standard(mall, slug)
    except Service.DoesNotExist as exc:
        raise HttpError(404, _("Service not found.")) from exc
    data = service_item(service)
    data.update(
        {
            "summary": service.summary,
            "summary_en": service.summary_en,
            "requirements": [
                {
                    "position": r.position,
                    "text": r.text,
                    "text_en": r.text_en,
                    "is_mandatory": r.is_mandatory,
                    "form": r.form,
                    "quantity": r.quantity,
                    "note": r.note,
                }
                for r in service.requirements.all()
            ],
            "steps": [
                {"position": s.position, "text": s.text, "text_en": s.text_en}
                for s in service.steps.all()
            ],
            "product": service.product,
            "product_en": service.product_en,
            "complaint_handling": service.complaint_handling,
            "legal_basis": service.legal_basis,
            "decree_number": service.decree_number,
            "decree_date": service.decree_date,
            "online_url": service.online_url,
            "counter_info": service.counter_info,
            "internal": {
                "facilities": service.facilities,
                "staff_competence": service.staff_competence,
                "internal_supervision": service.internal_supervision,
                "staff_count": service.staff_count,
                "service_guarantee": service.service_guarantee,
                "safety_guarantee": service.safety_guarantee,
                "performance_evaluation": service.performance_evaluation,
            },
            "online_channel": {
                "system": service.online_system,
                "url": service.online_url,
                "booth_help": service.booth_help,
                "booth_help_en": service.booth_help_en,
                "applications_on_this_site": service.accepts_online_applications,
            },
            "provenance": {
                "confirmed_by_agency": service.confirmed_at is not None,
                "confirmed_at": service.confirmed_at,
                "needs_confirmation": service.needs_confirmation,
                "last_verified": service.last_verified,
            },
        }
    )
    return data
