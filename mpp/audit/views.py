"""Public page: is the audit trail intact, and the published daily digests."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mpp.audit.queries import cached_reports, recent_checkpoints


def audit_status(request: HttpRequest) -> HttpResponse:
    reports = cached_reports()
    return render(
        request,
        "audit/status.html",
        {
            "reports": reports,
            "all_ok": all(r["ok"] for r in reports),
            "checkpoints": recent_checkpoints(),
        },
    )
