"""Gzip for HTML pages only.

HTML pages are the large responses sent to phones over mall Wi-Fi (20–60 kB, shrinking to a
fifth). JSON API bodies are small and read by machines on the local network, static files are
pre-compressed by WhiteNoise, and the live streams (server-sent events) must never be buffered
or compressed. Django's `GZipMiddleware` does the work, including its mitigation against
BREACH (random padding in the gzip header), so CSRF tokens in pages stay safe.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware


class HtmlGZipMiddleware(GZipMiddleware):
    """Compress complete (not streaming) `text/html` responses for clients that accept gzip."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.streaming:
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)
