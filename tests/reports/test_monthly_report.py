"""The printed monthly report: a real A4 report (cover, summary against the month before and
the same month last year, charts, follow-up, signature), read back from the PDF's text."""

from __future__ import annotations

from datetime import date

import pytest

from tests.activity import generate, make_catalogue
from tests.pdfs import pdf_has_form_fields, pdf_pages, page_sizes_mm, render_pages
from tests.pdfs import weasyprint_or_skip

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_mall(mall):
    mall.report_issuer = "Dinas Penanaman Modal dan PTSP Kabupaten Ngawi"
    mall.head_name = "Drs. Budi Santoso, M.Si."
    mall.head_position = "Kepala Dinas Penanaman Modal dan PTSP Kabupaten Ngawi"
    mall.head_nip = "197001011995031001"
    mall.save()
    activity = make_catalogue(mall)
    generate(activity, start=date(2026, 10, 1), end=date(2026, 11, 30))
    generate(activity, start=date(2025, 11, 1), end=date(2025, 11, 30), density=0.8, seed=2025)
    return activity


def test_monthly_report_pdf_reads_as_a_report(client, busy_mall):
    weasyprint_or_skip()
    response = client.get("/transparansi/laporan/2026-11/", {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    render_pages(response.content, "monthly-2026-11-id")
    text = "\n".join(pages)
    assert "Laporan Bulanan Pelayanan" in pages[0]
    assert len(pages) == 0


def test_skm_pdf_look(client, busy_mall):
    response = client.get("/survei/laporan/", {"format": "pdf", "period": "2026-S2"})
    assert response["Content-Type"] == "application/pdf", response.content[:500]
    render_pages(response.content, "skm-2026-S2-id")
    assert len(pdf_pages(response.content)) == 0
