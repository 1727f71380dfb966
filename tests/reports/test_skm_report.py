"""The SKM report of PermenPAN-RB 14/2017: its population and Krejcie–Morgan sample come from
the people served (issue 12), the PDF has the expected structure, the XLSX annex holds the raw
tallies, and bad parameters get a clear message."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from mpp.applications.models import Application
from mpp.feedback import domain, queries, skm
from mpp.feedback.models import SurveyResponse
from mpp.queueing.enums import TicketStatus
from mpp.queueing.models import Ticket
from mpp.transparency.population import served_visits
from tests.pdfs import pdf_has_form_fields, pdf_pages, render_pages, weasyprint_or_skip

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
S2 = (date(2026, 7, 1), date(2026, 12, 31))


def _flat(pages: list[str]) -> str:
    return " ".join(" ".join(pages).split())


def _served(mall, start, end, **scope) -> int:
    low = datetime(start.year, start.month, start.day, tzinfo=WIB)
    high = datetime(end.year, end.month, end.day, tzinfo=WIB) + timedelta(days=1)
    tickets = Ticket.objects.filter(
        mall=mall, status=TicketStatus.DONE, finished_at__gte=low, finished_at__lt=high
    )
    apps = Application.objects.filter(mall=mall, decided_at__gte=low, decided_at__lt=high)
    if "agency" in scope:
        tickets = tickets.filter(service__agency=scope["agency"])
        apps = apps.filter(agency=scope["agency"])
    return tickets.count() + apps.count()


def test_population_is_the_people_served_not_the_invitations(activity):
    mall = activity.mall
    # One invitation that nobody was served for must not change the population.
    domain.create_survey_invitation(service=activity.services["skck"], reference="X1")
    report = queries.ikm_report(mall=mall, start=S2[0], end=S2[1])
    served = _served(mall, *S2)

    assert report.basis == queries.BASIS_SERVED
    assert report.population == served
    assert report.minimum_sample == skm.krejcie_morgan(served)
    assert (
        report.respondents
        == SurveyResponse.objects.filter(mall=mall, survey_date__gte=S2[0]).count()
    )


def test_population_of_an_agency_counts_only_its_visits(activity):
    mall = activity.mall
    polres = activity.agencies["polres"]

    assert served_visits(mall=mall, start=S2[0], end=S2[1], agency=polres) == _served(
        mall, *S2, agency=polres
    )
    skck = activity.services["skck"]
    assert served_visits(mall=mall, start=S2[0], end=S2[1], service=skck) == _served(
        mall, *S2, agency=polres
    )


def test_no_shows_are_not_part_of_the_population(activity):
    mall = activity.mall
    in_period = Ticket.objects.filter(mall=mall, day__gte=S2[0])
    skipped = in_period.filter(status=TicketStatus.SKIPPED).count()
    decided = Application.objects.filter(decided_at__date__gte=S2[0]).count()

    assert skipped > 0
    assert served_visits(mall=mall, start=S2[0], end=S2[1]) == (
        in_period.count() - skipped + decided
    )


def test_skm_pdf_has_the_expected_structure(client, activity):
    weasyprint_or_skip()
    response = client.get("/survei/laporan/", {"format": "pdf", "period": "2026-S2"})
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    text = _flat(pages)
    report = queries.ikm_report(mall=activity.mall, start=S2[0], end=S2[1])

    assert response["Content-Disposition"] == 'attachment; filename="skm-ngawi-2026-S2.pdf"'
    assert 6 <= len(pages) <= 12
    assert pdf_has_form_fields(response.content) is False
    assert [w for w in ("csrfmiddlewaretoken", "Langsung ke konten", "Unduh") if w in text] == []
    assert "Laporan Survei Kepuasan Masyarakat (SKM)" in _flat(pages[:1])
    assert "Semester II 2026" in pages[0]
    for section in (
        "Kata Pengantar",
        "1. Metode",
        "Populasi dan sampel",
        "Krejcie–Morgan",
        "2. Responden",
        "Jenis kelamin",
        "Usia (tahun)",
        "Pendidikan",
        "Pekerjaan",
        "3. Hasil",
        "NRR tertimbang",
        "IKM = X × 25",
        "4. Analisis dan rencana tindak lanjut",
        "Tiga unsur terlemah",
        "Rencana tindak lanjut periode ini",
        "5. Kesimpulan",
        "Lampiran A. Kuesioner",
        "Lampiran B. Tabulasi jawaban",
    ):
        assert section in text, section
    population = f"{report.population:,}".replace(",", ".")
    assert f"Populasi {population} orang dilayani" in text
    ikm = f"{report.result.ikm:.2f}".replace(".", ",")
    assert f"adalah {ikm}: mutu {report.result.grade.letter}" in text
    weakest = report.weakest(3)[0]
    assert f"Unsur yang paling perlu diperbaiki adalah “{weakest.unsur.name}”" in text
    assert "Drs. Budi Santoso, M.Si." in pages[-3] + pages[-2] + pages[-1]
    render_pages(response.content, "skm-2026-S2-id")


def test_skm_pdf_in_english_for_one_agency(client, activity):
    weasyprint_or_skip()
    response = client.get(
        "/survei/laporan/", {"format": "pdf", "period": "2026", "agency": "polres", "lang": "en"}
    )
    pages = pdf_pages(response.content)

    assert response["Content-Disposition"] == 'attachment; filename="skm-ngawi-2026-polres-en.pdf"'
    assert "Community satisfaction survey (SKM) report" in _flat(pages[:1])
    assert "Kepolisian Resor Ngawi" in pages[0]
    assert "Index per service" in _flat(pages)
    render_pages(response.content, "skm-2026-polres-en")


def test_skm_report_shows_the_follow_up_plan_of_the_period(client, activity):
    weasyprint_or_skip()
    domain.create_follow_up_plan(
        mall=activity.mall,
        period_start=S2[0],
        period_end=S2[1],
        element="U9",
        action="Perbaiki pendingin ruangan di lantai 2",
        responsible="Sekretariat MPP",
        due_date=date(2027, 3, 31),
    )
    text = _flat(pdf_pages(client.get("/survei/laporan/?format=pdf&period=2026-S2").content))

    assert "Perbaiki pendingin ruangan di lantai 2" in text
    assert "Sekretariat MPP" in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "2026-S3"}, "Tulis periode sebagai tahun"),
        ({"period": "2026", "lang": "fr"}, "Pilih bahasa laporan"),
        ({"start": "2026-12-01", "end": "2026-11-01"}, "Tanggal mulai tidak boleh"),
    ],
)
def test_skm_pdf_bad_parameters_get_a_clear_message(client, activity, params, message):
    response = client.get("/survei/laporan/", {"format": "pdf", **params})

    assert response.status_code == 400
    assert message in response.content.decode()


def test_skm_xlsx_annex_holds_the_raw_tallies(client, activity):
    response = client.get("/survei/laporan/", {"format": "xlsx", "period": "2026-S2"})
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Tabulasi"].iter_rows(values_only=True))
    answers = SurveyResponse.objects.filter(mall=activity.mall, survey_date__gte=S2[0])

    assert response["Content-Disposition"] == 'attachment; filename="skm-2026-S2.xlsx"'
    assert rows[0][:6] == ("Kode", "Unsur", "Nilai 1", "Nilai 2", "Nilai 3", "Nilai 4")
    u3 = next(r for r in rows if r[0] == "U3")
    assert u3[2:6] == tuple(answers.filter(u3=score).count() for score in (1, 2, 3, 4))
    assert u3[6] == answers.filter(u3__isnull=False).count()
    per_service = list(book["Per layanan"].iter_rows(values_only=True))
    assert len(per_service) == 1 + len(activity.services)
