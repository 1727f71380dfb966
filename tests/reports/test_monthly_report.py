"""The printed monthly report: a real A4 report (cover, summary against the month before and
the same month last year, charts, tables, follow-up, signature, page numbers), read back from
the PDF's text, rendered to PNG pages for people to look at."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mpp.feedback import domain
from mpp.queueing.enums import TicketStatus
from mpp.queueing.models import Ticket
from mpp.transparency.monthly import monthly_report
from mpp.transparency.queries import mall_agencies
from tests.pdfs import (
    page_sizes_mm,
    pdf_has_form_fields,
    pdf_pages,
    render_pages,
    weasyprint_or_skip,
)

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
#: Words of the web page's chrome that must never reach a printed report.
CHROME = ("Langsung ke konten utama", "csrfmiddlewaretoken", "Unduh", "English", "http")


def _pdf(client, **params):
    response = client.get("/transparansi/laporan/2026-11/", {"format": "pdf", **params})
    assert response["Content-Type"] == "application/pdf"
    return response


def test_monthly_report_pdf_reads_as_a_signed_report(client, activity):
    weasyprint_or_skip()
    response = _pdf(client)
    pages = pdf_pages(response.content)
    text = "\n".join(pages)

    assert response["Content-Disposition"] == 'attachment; filename="laporan-ngawi-2026-11.pdf"'
    assert 6 <= len(pages) <= 12
    assert set(page_sizes_mm(response.content)) == {(210, 297)}
    assert pdf_has_form_fields(response.content) is False
    assert [word for word in CHROME if word in text] == []
    # Cover: issuing unit, title, mall, period; no page number on it.
    cover = pages[0]
    assert "DINAS PENANAMAN MODAL DAN PTSP KABUPATEN NGAWI" in cover
    assert "Laporan pelayanan bulanan" in cover
    assert "November 2026" in cover
    assert "Halaman" not in cover
    # Summary on one page, against October 2026 and November 2025.
    assert "Ringkasan" in pages[1]
    assert "Okt 2026" in pages[1]
    assert "Nov 2025" in pages[1]
    assert f"Halaman 2 / {len(pages)}" in pages[1]
    assert "Periode: 1 November 2026 sampai 30 November 2026" in pages[1]
    for heading in (
        "1. Pengunjung",
        "2. Waktu tunggu dan waktu layanan",
        "3. Permohonan daring",
        "4. Kepuasan masyarakat (SKM/IKM)",
        "5. Pengaduan",
        "6. Tindak lanjut survei kepuasan",
    ):
        assert heading in text
    # Signature block on the last page.
    assert "Drs. Budi Santoso, M.Si." in pages[-1]
    assert "NIP 19700101 199503 1 001" in pages[-1]
    render_pages(response.content, "monthly-2026-11-id")


def test_monthly_report_pdf_in_english(client, activity):
    weasyprint_or_skip()
    response = _pdf(client, lang="en")
    pages = pdf_pages(response.content)

    assert response["Content-Disposition"] == (
        'attachment; filename="laporan-ngawi-2026-11-en.pdf"'
    )
    assert "Monthly service report" in pages[0]
    assert "Summary" in pages[1]
    assert f"Page 2 / {len(pages)}" in pages[1]
    render_pages(response.content, "monthly-2026-11-en")


def test_monthly_report_of_one_agency_names_it_on_the_cover(client, activity):
    weasyprint_or_skip()
    response = _pdf(client, agency="polres")
    pages = pdf_pages(response.content)

    assert "Kepolisian Resor Ngawi" in pages[0]
    assert "Dinas Kependudukan" not in "\n".join(pages)
    assert len(pages) <= 12


def test_monthly_report_without_a_head_says_what_to_set(client, mall):
    weasyprint_or_skip()
    pages = pdf_pages(_pdf(client).content)

    assert "Nama dan NIP kepala mal belum diisi" in pages[-1]


def test_monthly_report_unknown_language_is_refused_with_a_message(client, activity):
    response = client.get("/transparansi/laporan/2026-11/", {"format": "pdf", "lang": "fr"})

    assert response.status_code == 400
    assert "Pilih bahasa laporan" in response.content.decode()


def test_monthly_summary_compares_the_three_months(activity):
    mall = activity.mall
    report = monthly_report(
        mall=mall,
        year=2026,
        month=11,
        agency=None,
        agencies=mall_agencies(mall),
        today=date(2026, 12, 5),
    )
    lines = {line.key: line for line in report.comparisons}

    def tickets(start, end):
        return Ticket.objects.filter(mall=mall, day__gte=start, day__lte=end).count()

    def served(start, end):
        return Ticket.objects.filter(
            mall=mall, day__gte=start, day__lte=end, status=TicketStatus.DONE
        ).count()

    assert lines["visitors"].current == tickets(date(2026, 11, 1), date(2026, 11, 30))
    assert lines["visitors"].previous == tickets(date(2026, 10, 1), date(2026, 10, 31))
    assert lines["visitors"].last_year == tickets(date(2025, 11, 1), date(2025, 11, 30))
    assert lines["services"].current == served(date(2026, 11, 1), date(2026, 11, 30))
    expected = round(
        100 * (lines["visitors"].current - lines["visitors"].previous) / lines["visitors"].previous,
        1,
    )
    assert lines["visitors"].change_previous == expected
    assert lines["ikm"].current == report.current.mall_ikm["ikm"]


def test_monthly_report_shows_follow_up_commitments_of_the_month(client, activity):
    weasyprint_or_skip()
    domain.create_follow_up_plan(
        mall=activity.mall,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        element="U3",
        action="Tambah dua loket KTP pada jam sibuk",
        responsible="Kepala Bidang Pelayanan Dispendukcapil",
        due_date=date(2026, 12, 31),
        agency=activity.agencies["dispendukcapil"],
        now=datetime(2026, 10, 15, 9, tzinfo=WIB),
    )
    text = " ".join(" ".join(pdf_pages(_pdf(client).content)).split())

    assert "Tambah dua loket KTP pada jam sibuk" in text
    assert "Kepala Bidang Pelayanan Dispendukcapil" in text


def test_monthly_report_costs_the_same_queries_whatever_the_data(activity):
    from django.core.cache import cache

    mall = activity.mall
    agencies = mall_agencies(mall)

    def count(month: int) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            monthly_report(
                mall=mall,
                year=2026,
                month=month,
                agency=None,
                agencies=agencies,
                today=date(2026, 12, 1),
            )
        return len(ctx.captured_queries)

    # November has two months of activity behind it; August has none at all.
    assert count(11) == count(8)
