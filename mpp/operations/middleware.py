"""The observability middleware: request id, latency metric and (optionally) an access log line
for every request. It sits first in MIDDLEWARE and does no I/O: a context variable, one
histogram observation, one header, and a log call only when `MPP_ACCESS_LOG` is on."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from mpp.operations.logs import new_request_id, request_id_var
from mpp.operations.metrics import observe_request

access_logger = logging.getLogger("mpp.request")


class ObservabilityMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        self.access_log = settings.MPP_ACCESS_LOG
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.is_async:
            return self._acall(request)
        request_id = new_request_id(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            self._finish(request, response, request_id, started)
            return response
        finally:
            request_id_var.reset(token)

    async def _acall(self, request: HttpRequest) -> HttpResponseBase:
        request_id = new_request_id(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            get_response: Callable[[HttpRequest], Awaitable[HttpResponseBase]] = self.get_response
            response = await get_response(request)
            self._finish(request, response, request_id, started)
            return response
        finally:
            request_id_var.reset(token)

    def _finish(
        self, request: HttpRequest, response: HttpResponseBase, request_id: str, started: float
    ) -> None:
        seconds = time.perf_counter() - started
        match = request.resolver_match
        route = (match.route or "/") if match is not None else "unmatched"
        method = request.method or "GET"
        observe_request(method, route, response.status_code, seconds)
        response["X-Request-ID"] = request_id
        if self.access_log:
            access_logger.info(
                "%s %s %s %.1f ms",
                method,
                request.path,
                response.status_code,
                seconds * 1000,
                extra={
                    "method": method,
                    "path": request.path,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 1),
                },
            )
