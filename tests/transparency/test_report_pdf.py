"""The monthly report as a PDF file (WeasyPrint), per mall and per agency."""

from __future__ import annotations

import pytest

from mpp.core.pdf import PdfUnavailableError, html_to_pdf
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _weasyprint_or_skip() -> None:
    try:
        html_to_pdf("<p>x</p>")
    except PdfUnavailableError as exc:
        pytest.skip(f"WeasyPrint/Pango not installed here, PDF reports unavailable: {exc}")


def test_monthly_report_downloads_as_a_pdf_for_the_mall(client, mall):
    _weasyprint_or_skip()
    response = client.get("/transparansi/laporan/2026-11/", {"format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="laporan-ngawi-2026-11.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_monthly_report_pdf_for_one_agency_is_named_after_it(client, mall):
    _weasyprint_or_skip()
    AgencyFactory(mall=mall, slug="dispendukcapil")
    response = client.get(
        "/transparansi/laporan/2026-11/", {"format": "pdf", "agency": "dispendukcapil"}
    )
    assert response["Content-Disposition"].endswith('-2026-11-dispendukcapil.pdf"')
    assert response.content.startswith(b"%PDF-")


def test_pdf_rendering_refuses_to_fetch_anything_but_our_static_files():
    _weasyprint_or_skip()
    # An external image is refused by the fetcher; WeasyPrint then renders without it.
    pdf = html_to_pdf('<img src="http://169.254.169.254/latest/meta-data/"><p>ok</p>')
    assert pdf.startswith(b"%PDF-")
