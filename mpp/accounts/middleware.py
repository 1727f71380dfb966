"""Staff sessions end after a period without requests (ASVS 3.3.2 / 7.3.1: 30 minutes idle;
the absolute lifetime is SESSION_COOKIE_AGE). Citizens keep the normal session."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

_KEY = "mpp_last_seen"


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = int(time.time())
            last_seen = request.session.get(_KEY)
            if last_seen is not None and now - int(last_seen) > settings.MPP_STAFF_IDLE_SECONDS:
                logout(request)
            # Write at most once a minute, so reads do not all save the session.
            elif last_seen is None or now - int(last_seen) >= 60:
                request.session[_KEY] = now
        return self.get_response(request)
