"""JSON API requests skip the middleware that only serves HTML pages.

`/api/` responses are JSON read by kiosks, boards and apps: no flash messages, no framing or
Content-Security-Policy header to set (nothing in them runs as a page). Each class below is its
Django/django-csp middleware (a subclass, so Django's checks still find it) that hands `/api/`
requests straight to the next one. These three have only `process_request`/`process_response`
(no view or exception hooks), so skipping `__call__` skips all they do. Sessions, CSRF,
authentication and the lockout stay on the API: it accepts the staff session cookie.
"""

from __future__ import annotations

from typing import Any

from csp import middleware as csp
from django.contrib.messages import middleware as messages
from django.middleware import clickjacking

API_PREFIX = "/api/"


class _SkipForApi:
    get_response: Any

    def __call__(self, request: Any) -> Any:
        # Sync or async alike: MiddlewareMixin marked this instance a coroutine function when
        # the chain is async, and get_response then returns the awaitable.
        if request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        return super().__call__(request)  # type: ignore[misc]


class MessageMiddleware(_SkipForApi, messages.MessageMiddleware):
    pass


class XFrameOptionsMiddleware(_SkipForApi, clickjacking.XFrameOptionsMiddleware):
    pass


class CSPMiddleware(_SkipForApi, csp.CSPMiddleware):
    pass
