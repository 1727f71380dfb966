"""Site-wide views: health check and friendly error pages in the user's language."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"detail": message, "errors": []}, status=status)
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        _("Page not found"),
        _("We could not find that page. Search for a service or go back to the home page."),
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, 403, _("Access denied"), _("You do not have permission to open this page.")
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        400,
        _("Bad request"),
        _("The request could not be understood. Please check what you entered and try again."),
    )


def _database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 while the database cannot be reached (restart, fail-over, network). Rendered
    without context processors: they read the database too."""
    from mpp.core.errors import UnavailableError

    message = _(
        "We cannot reach our database right now. Nothing you sent before this moment is "
        "lost. Please try again in a minute."
    )
    headers = {"Retry-After": "15"}
    if _wants_json(request):
        return JsonResponse(
            {"detail": message, "errors": []}, status=UnavailableError.status, headers=headers
        )
    html = render_to_string(
        "core/unavailable.html",
        {
            "title": _("The service is briefly unavailable"),
            "message": message,
            # Set by the observability middleware; matches the X-Request-ID header and logs.
            "request_id": getattr(request, "request_id", ""),
        },
    )
    return HttpResponse(html, status=UnavailableError.status, headers=headers)


def server_error(request: HttpRequest) -> HttpResponse:
    # Called inside Django's exception handling, so the cause is at hand.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return _database_unavailable(request)
    return _error(
        request,
        500,
        _("Something went wrong"),
        _("Sorry, something went wrong on our side. Please try again in a moment."),
    )
