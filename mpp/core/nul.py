"""No NUL byte reaches the database.

PostgreSQL cannot store or compare a text value containing U+0000: psycopg refuses such a
parameter with an exception, so `?service=%00abc` used to end in a 500 on PostgreSQL while
SQLite answered normally. No field of MPP has a use for the NUL character, so one middleware
refuses it on the way in, for the API and the pages alike: in the path, the query string,
form fields (also of multipart forms, and upload file names), JSON bodies (raw or escaped as
`\\u0000`) and request headers. The answer is a 400 in the visitor's language (the API's error
shape for `/api/`, the error page otherwise) and nothing is changed. A cookie holding a NUL
is dropped rather than refused: the browser would keep sending it.

Binary request bodies (an upload in a multipart form, a non-JSON body) may contain NUL bytes
and are not inspected; only their file names are.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from mpp.core.locale import HEADER_LANGUAGE_PATHS

NUL = "\x00"


def _has_nul(values: Iterable[str]) -> bool:
    return any(NUL in value for value in values)


def _json_strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _in_lists(items: Iterable[tuple[str, list[Any]]]) -> str | None:
    for key, values in items:
        texts = [v if isinstance(v, str) else (getattr(v, "name", "") or "") for v in values]
        if NUL in key or _has_nul(texts):
            return key.replace(NUL, "")
    return None


def _in_headers(request: HttpRequest) -> str | None:
    for name, value in request.META.items():
        is_header = name.startswith("HTTP_") and name != "HTTP_COOKIE"
        if is_header and isinstance(value, str) and NUL in value:
            return name[5:].lower().replace("_", "-")
    return None


def _in_body(request: HttpRequest) -> str | None:
    content_type = request.content_type or ""
    if content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        found = _in_lists(request.POST.lists())
        return found if found is not None else _in_lists(request.FILES.lists())
    if "json" not in content_type and not content_type.startswith("text/"):
        return None  # a binary body may hold NUL bytes
    body = request.body
    if b"\x00" in body:
        return ""
    if b"\\u0000" not in body.lower():
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None  # the endpoint answers its own 4xx for broken JSON
    return "" if _has_nul(_json_strings(data)) else None


def nul_field(request: HttpRequest) -> str | None:
    """The name of the first input holding a NUL character, or None when there is none.
    ("" names the path or the body as a whole.)"""
    if NUL in request.path_info:
        return ""
    found = _in_lists(request.GET.lists())
    if found is None:
        found = _in_headers(request)
    if found is None and request.method not in {"GET", "HEAD", "OPTIONS"}:
        found = _in_body(request)
    return found


def _activate_language(request: HttpRequest) -> None:
    # This runs before the language middleware; choose the language the same way it does.
    if request.path.startswith(HEADER_LANGUAGE_PATHS):
        language = translation.get_language_from_request(request)
    else:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = translation.get_language()


def refusal(request: HttpRequest, field: str) -> HttpResponse:
    _activate_language(request)
    message = _("The request contains a NUL character (\\0), which no field accepts.")
    if request.path.startswith(HEADER_LANGUAGE_PATHS):
        errors = [{"field": field, "message": message}] if field else []
        return JsonResponse({"detail": message, "errors": errors}, status=400)
    return render(
        request,
        "core/error.html",
        {"title": _("The request is not valid."), "message": message},
        status=400,
    )


class RejectNulMiddleware:
    """Refuses (400) any request carrying a NUL character in a text input; drops such cookies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cookies = request.COOKIES
        for name in [k for k, v in cookies.items() if NUL in k or NUL in v]:
            del cookies[name]
        field = nul_field(request)
        if field is not None:
            return refusal(request, field)
        return self.get_response(request)
