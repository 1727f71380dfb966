"""django-axes hooks: which name a failed sign-in counts against, and the lockout page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from mpp.accounts.contacts import normalise_login


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The normalised sign-in name, so 'Siti@Example.id' and 'siti@example.id', or
    '0812…' and '+62812…', count as one account."""
    raw = ""
    if credentials:
        raw = str(credentials.get("username") or "")
    if not raw and request is not None:
        raw = str(request.POST.get("login") or request.POST.get("username") or "")
    return normalise_login(raw)


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, **_kw: Any
) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "core/error.html",
        {
            "title": _("Too many failed sign-in attempts"),
            "message": _(
                "For your safety, signing in to this account from here is paused for "
                "%(minutes)d minutes. Try again later, or ask the information desk for help."
            )
            % {"minutes": minutes},
        },
        status=429,
    )
