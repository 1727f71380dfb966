"""Endpoints for the load balancer and for monitoring: liveness, readiness, metrics.

- `GET /livez`  — the process answers (no dependency is touched): restart it if this fails.
- `GET /readyz` — the database answers (503 if not: take this server out of rotation), with
  Redis, the workers and the scheduled jobs reported beside it; `?strict=1` answers 503 when
  anything at all is wrong (for a monitoring probe that should page someone).
- `GET /metrics` — Prometheus text format. Readable with `Authorization: Bearer
  <MPP_METRICS_TOKEN>`, or without a token only from this machine and not through a proxy.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from mpp.operations.health import overall, readiness
from mpp.operations.metrics import render_metrics

_LOOPBACK = frozenset({"127.0.0.1", "::1"})


@never_cache
@require_GET
def livez(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    checks = readiness()
    status = overall(checks)
    strict = request.GET.get("strict") in {"1", "true", "yes"}
    failing = status == "unavailable" or (strict and status != "ok")
    return JsonResponse(
        {"status": status, "checks": {name: check.as_dict() for name, check in checks.items()}},
        status=503 if failing else 200,
        headers={"Retry-After": "10"} if failing else None,
    )


def _may_read_metrics(request: HttpRequest) -> bool:
    token = settings.MPP_METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    forwarded = "HTTP_X_FORWARDED_FOR" in request.META or "HTTP_X_REAL_IP" in request.META
    return request.META.get("REMOTE_ADDR") in _LOOPBACK and not forwarded


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not _may_read_metrics(request):
        return HttpResponse(
            "Metrics need MPP_METRICS_TOKEN (Authorization: Bearer …) or a local request.\n",
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(render_metrics(), content_type=CONTENT_TYPE_LATEST)
