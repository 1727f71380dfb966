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
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

#: Languages a printed report is produced in: Indonesian (the official one) and English.
REPORT_LANGUAGES = ("id", "en")


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
    # With the manifest storage (DEBUG off) templates name the hashed copy, which only the
    # collected files hold; the finders know the source names.
    found = finders.find(relative)
    if not found and staticfiles_storage.exists(relative):
        found = staticfiles_storage.path(relative)
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


def report_language(request: HttpRequest) -> str | None:
    """`?lang=id|en` of a printed report (default Indonesian); None when it is neither."""
    lang = (request.GET.get("lang") or "id").strip().lower()
    return lang if lang in REPORT_LANGUAGES else None


def report_error(request: HttpRequest, message: str, *, status: int = 400) -> HttpResponse:
    """The page shown instead of a report that cannot be made (bad parameters, no PDF)."""
    return render(
        request,
        "core/error.html",
        {"title": _("This report cannot be made"), "message": message},
        status=status,
    )


def pdf_download(
    request: HttpRequest, template: str, context: dict[str, Any], *, filename: str, lang: str
) -> HttpResponse:
    """Render a print template (`templates/print/…`) in `lang` to a PDF download; a clear
    503 page when this server cannot make PDFs."""
    with translation.override(lang):
        html = render_to_string(template, context, request=request)
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailableError:
        return render(
            request,
            "core/error.html",
            {
                "title": _("PDF is not available"),
                "message": _(
                    "This server cannot make PDF files. Open the report and use your "
                    "browser's Print → Save as PDF instead."
                ),
            },
            status=503,
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
