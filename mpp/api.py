"""The versioned JSON API (/api/v1/). Each app contributes a router; errors share one shape:
{"detail": "...", "errors": [{"field": "...", "message": "..."}]}."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from mpp.core.errors import DomainError, TooManyRequestsError

api = NinjaAPI(
    title="MPP API",
    version="1.0.0",
    description=(
        "Public API of the Mal Pelayanan Publik platform. Texts are Indonesian by default; "
        "send `Accept-Language: en` for English."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)


def _field_of(loc: list[object]) -> str:
    parts = [str(p) for p in loc if p not in {"query", "body", "path", "form", "payload"}]
    return ".".join(parts)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"field": _field_of(list(err.get("loc", []))), "message": str(err.get("msg", ""))}
        for err in exc.errors
    ]
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": errors}, status=422
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc.message), "errors": []}, status=exc.status_code
    )


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """Every domain refusal, from any app, in the one error shape with its status."""
    response = api.create_response(
        request, {"detail": exc.message, "errors": exc.as_items()}, status=exc.status
    )
    if isinstance(exc, TooManyRequestsError):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Please sign in first."), "errors": []}, status=401
    )


def _mount_routers() -> None:
    from mpp.audit.api import router as audit_router
    from mpp.catalog.api import router as catalog_router

    api.add_router("/", catalog_router)

    from mpp.core.api import router as national_router

    api.add_router("/", national_router)

    from mpp.national.api import router as national_portal_router

    api.add_router("/", national_portal_router)

    from mpp.queueing.api import router as queue_router

    api.add_router("/", queue_router)
    api.add_router("/", audit_router)

    from mpp.feedback.api import router as feedback_router

    api.add_router("/", feedback_router)

    from mpp.applications.api import router as applications_router

    api.add_router("/", applications_router)

    from mpp.facilities.api import router as facilities_router

    api.add_router("/", facilities_router)

    from mpp.transparency.api import router as transparency_router

    api.add_router("/", transparency_router)


_mount_routers()
