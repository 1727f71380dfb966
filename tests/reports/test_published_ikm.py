"""The published IKM: the poster (A4/A3 PDF), the board slide and its place in the board's
idle rotation, and the same figures in the open data."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from mpp.feedback import domain, queries
from tests.pdfs import page_sizes_mm, pdf_pages, render_pages, weasyprint_or_skip

pytestmark = pytest.mark.django_db
S2 = (date(2026, 7, 1), date(2026, 12, 31))


@pytest.fixture
def commitment(activity):
    return domain.create_follow_up_plan(
        mall=activity.mall,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        element="U3",
        action="Tambah loket KTP pada Senin pagi",
        responsible="Dispendukcapil",
        due_date=date(2026, 12, 31),
        agency=activity.agencies["dispendukcapil"],
    )


@pytest.mark.parametrize(("size", "mm"), [("a4", (210, 297)), ("a3", (297, 420))])
def test_poster_prints_on_one_page_of_its_size(client, activity, commitment, size, mm):
    weasyprint_or_skip()
    response = client.get(
        "/survei/ikm/poster/", {"period": "2026-S2", "format": "pdf", "size": size}
    )
    pages = pdf_pages(response.content)
    text = " ".join(" ".join(pages).split())
    report = queries.ikm_report(mall=activity.mall, start=S2[0], end=S2[1])

    assert response["Content-Disposition"] == f'attachment; filename="ikm-ngawi-2026-S2-{size}.pdf"'
    render_pages(response.content, f"poster-2026-S2-{size}")
    assert page_sizes_mm(response.content) == [mm]
    assert "Indeks Kepuasan Masyarakat (IKM)" in text or "indeks kepuasan" in text.lower()
    assert "Semester II 2026" in text
    assert f"{report.result.ikm:.2f}".replace(".", ",") in text
    assert f"{report.respondents} responden" in text
    assert "Tambah loket KTP pada Senin pagi" in text
    render_pages(response.content, f"poster-2026-S2-{size}")


def test_poster_with_three_long_commitments_still_fits_one_a4_page(client, activity, commitment):
    # The living demo has three plans; the poster once spilled its QR code onto a second page.
    weasyprint_or_skip()
    for element, action in (
        ("U9", "Perbaiki AC dan tambah 20 kursi di ruang tunggu Samsat beserta papan informasi"),
        ("U2", "Tambah papan petunjuk alur layanan dan pojok bermain anak di lantai 1 dan 2"),
    ):
        domain.create_follow_up_plan(
            mall=activity.mall,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
            element=element,
            action=action,
            responsible="Kepala Unit Pelaksana Teknis Pendapatan Daerah Ngawi",
            due_date=date(2027, 1, 31),
            agency=activity.agencies["dispendukcapil"],
        )
    response = client.get("/survei/ikm/poster/", {"period": "2026-S2", "format": "pdf"})

    render_pages(response.content, "poster-2026-S2-a4-three-plans")
    assert page_sizes_mm(response.content) == [(210, 297)]


def test_board_slide_is_a_standalone_page_with_the_figures(client, activity, commitment):
    page = client.get("/survei/ikm/papan/", {"period": "2026-S2"}).content.decode()

    assert "data-slide" in page
    assert "Semester II 2026" in page
    assert "Tambah loket KTP pada Senin pagi" in page
    assert "<nav" not in page
    assert "csrfmiddlewaretoken" not in page


def test_board_rotation_names_the_slide(client, mall):
    page = client.get("/antrian/papan/").content.decode()

    assert 'data-board-slides="/survei/ikm/papan/"' in page
    assert "mpp/js/board-slides.js" in page


def test_poster_bad_period_gets_a_clear_message(client, activity):
    response = client.get("/survei/ikm/poster/", {"period": "semester-1"})

    assert response.status_code == 400
    assert "Tulis periode sebagai tahun" in response.content.decode()


def test_open_data_has_the_poster_figures(client, activity, commitment):
    body = json.loads(client.get("/transparansi/data/ikm.json", {"period": "2026-S2"}).content)
    mall_row = body["rows"][0]
    report = queries.ikm_report(mall=activity.mall, start=S2[0], end=S2[1])

    assert body["figure"] == "ikm"
    assert (mall_row["scope"], mall_row["period"]) == ("mall", "2026-S2")
    assert mall_row["ikm"] == float(report.result.ikm)
    assert mall_row["grade"] == report.result.grade.letter
    assert mall_row["respondents"] == report.respondents
    assert mall_row["population"] == report.population
    assert mall_row["minimum_sample"] == report.minimum_sample
    assert [r["agency"] for r in body["rows"][1:]] == [
        "dispendukcapil",
        "dpmptsp",
        "polres",
        "samsat",
    ]


def test_open_data_lists_the_follow_up_plans(client, activity, commitment):
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/transparansi/data/follow-up-plans.csv").content.decode())
        )
    )

    assert [(r["element"], r["action"], r["status"], r["progress"]) for r in rows] == [
        ("U3", "Tambah loket KTP pada Senin pagi", "planned", "0")
    ]


def test_transparency_page_shows_the_follow_up_plans(client, activity, commitment):
    page = client.get("/transparansi/", {"from": "2026-11-01", "to": "2026-11-30"}).content.decode()

    assert "Yang sedang diperbaiki setelah survei" in page
    assert "Tambah loket KTP pada Senin pagi" in page
