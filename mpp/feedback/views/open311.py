"""Open311 GeoReport v2 endpoints (see mpp/feedback/open311.py for the mapping and rules)."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from mpp.core.models import Mall
from mpp.core.tenancy import current_mall
from mpp.feedback import conf, open311
from mpp.feedback.open311 import Open311Error, render, render_error


def _guard(fmt: str, request: HttpRequest, body: Callable[[Mall], HttpResponse]) -> HttpResponse:
    if fmt not in open311.FORMATS:
        return render_error("xml", Open311Error(404, _("Unknown format: use .xml or .json.")))
    try:
        mall = current_mall(request)
        if mall is None:
            raise Open311Error(404, _("No mall has been set up yet."))
        try:
            params = request.POST if request.method == "POST" else request.GET
        except RequestDataTooBig as exc:
            raise Open311Error(
                400,
                _("The request is too large: send a photo of at most %(mb)s MB as media.")
                % {"mb": conf.photo_max_bytes() // (1024 * 1024)},
            ) from exc
        open311.check_jurisdiction(params.get("jurisdiction_id"))
        return body(mall)
    except Open311Error as exc:
        return render_error(fmt, exc)


@require_http_methods(["GET"])
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    return _guard(
        fmt, request, lambda mall: render(fmt, "discovery", "", open311.discovery(request, mall))
    )


@require_http_methods(["GET"])
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    return _guard(
        fmt,
        request,
        lambda mall: render(
            fmt, "services", "service", [t.as_dict() for t in open311.service_types(mall)]
        ),
    )


@require_http_methods(["GET"])
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    def body(mall: Mall) -> HttpResponse:
        kind = open311.service_type(mall, code)
        return render(fmt, "service_definition", "", {"service_code": kind.code, "attributes": []})

    return _guard(fmt, request, body)


@csrf_exempt  # a machine-to-machine endpoint authenticated by api_key, never by cookies
@require_http_methods(["GET", "POST"])
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    def body(mall: Mall) -> HttpResponse:
        if request.method == "POST":
            if request.content_type not in {
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            }:
                # GeoReport v2 POSTs are form fields; a JSON body would otherwise look empty
                # and be answered with a misleading "api_key required".
                raise Open311Error(
                    400,
                    _(
                        "Send the request as form fields (application/x-www-form-urlencoded "
                        "or multipart/form-data), as GeoReport v2 specifies, not as JSON."
                    ),
                )
            complaint, _kind = open311.create_request(mall, request.POST, request.FILES)
            return render(
                fmt,
                "service_requests",
                "request",
                [
                    {
                        "service_request_id": complaint.code,
                        "service_notice": open311.service_notice(),
                        "account_id": None,
                    }
                ],
            )
        found = open311.find_requests(mall, request.GET)
        return render(fmt, "service_requests", "request", [open311.request_dict(c) for c in found])

    return _guard(fmt, request, body)


@require_http_methods(["GET"])
def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    def body(mall: Mall) -> HttpResponse:
        found = open311.find_requests(mall, {"service_request_id": request_id})
        if not found:
            raise Open311Error(404, _("Unknown service_request_id."))
        return render(fmt, "service_requests", "request", [open311.request_dict(found[0])])

    return _guard(fmt, request, body)


@require_http_methods(["GET"])
def token(request: HttpRequest, token_id: str, fmt: str) -> HttpResponse:
    def body(mall: Mall) -> HttpResponse:
        # Every request is created at once (type "realtime"), so no token ever exists.
        raise Open311Error(404, _("Unknown token."))

    return _guard(fmt, request, body)
