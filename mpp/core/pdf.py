"""HTML → PDF with WeasyPrint, imported lazily (it is heavy and needs the system's Pango).

Only our own static files may be loaded while rendering: any other URL is refused, so a
report can never be used to make the server fetch something (SSRF).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders


class PdfUnavailableError(RuntimeError):
    """WeasyPrint (or the Pango library it needs) is not installed on this server."""


def static_file_for(url: str) -> tuple[bytes, str]:
    """The bytes and media type of one of our static files named by `url`; anything else
    raises ValueError."""
    path = url.split("://", 1)[1] if "://" in url else url
    path = "/" + path.split("/", 1)[1] if "://" in url and "/" in path else path
    prefix = settings.STATIC_URL
    if not path.startswith(prefix):
        raise ValueError(f"refused to fetch {url!r} while rendering a PDF")
    relative = path[len(prefix) :].split("?", 1)[0]
    found = finders.find(relative)
    if not found:
        raise ValueError(f"static file not found: {relative}")
    media_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
    return Path(str(found)).read_bytes(), media_type


def html_to_pdf(html: str, *, base_url: str = "http://mpp.local/") -> bytes:
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except (ImportError, OSError) as exc:  # OSError: the Pango library is missing
        raise PdfUnavailableError(str(exc)) from exc

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            body, media_type = static_file_for(url)
            return URLFetcherResponse(url, body, {"Content-Type": media_type})

    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyFetcher())
    return bytes(document.write_pdf())
