"""Browser journeys of the feedback app on a 360 px phone: answering the survey (one-time link
and the exit kiosk without JavaScript), filing a complaint with a photo, tracking it with the
code and PIN and responding to the answer; the IKM report. Screenshots go to docs/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from mpp.feedback import domain
from mpp.feedback.models import Complaint, SurveyResponse
from tests.e2e.helpers import (
    axe_check,
    format_violations,
    horizontal_overflow,
    page_errors,
    screenshot,
)
from tests.factories import AgencyFactory, MallFactory, ServiceFactory
from tests.feedback.images import png
from tests.html import without_csrf

pytestmark = pytest.mark.e2e


@pytest.fixture
def ktp(transactional_db: None, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "private"
    mall = MallFactory(slug=settings.MPP_DEFAULT_MALL, name="Mal Pelayanan Publik Ngawi")
    agency = AgencyFactory(
        mall=mall, slug="dispendukcapil", name="Dinas Kependudukan dan Pencatatan Sipil",
        short_name="Dispendukcapil",
    )  # fmt: skip
    return ServiceFactory(agency=agency, slug="ktp-el", name="KTP Elektronik")


def _no_sideways_scroll(page: Any) -> None:
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["viewport"], overflow


def _accessible(page: Any, where: str) -> None:
    violations = axe_check(page)
    assert violations == [], format_violations(violations, where)


def test_answering_the_survey_from_the_one_time_link(phone_page: Any, ktp: Any) -> None:
    invitation = domain.create_survey_invitation(service=ktp, reference="A7K2M9QX")
    page = phone_page
    page.goto(f"/survei/{invitation.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Survei kepuasan")
    _no_sideways_scroll(page)
    _accessible(page, "survey")
    screenshot(page, "feedback-survey")
    for question, answer in [
        ("kesesuaian persyaratan", "Sangat sesuai"),
        ("kemudahan prosedur", "Mudah"),
        ("kecepatan waktu", "Cepat"),
        ("kewajaran biaya", "Gratis"),
        ("kualitas sarana", "Baik"),
        ("penanganan pengaduan", "Dikelola dengan baik"),
    ]:
        group = page.get_by_role("group", name=re.compile(question))
        group.get_by_label(answer, exact=True).check()
    page.get_by_label("Jenis kelamin").select_option("P")
    page.get_by_label("Usia (tahun)").fill("34")
    page.get_by_role("button", name="Kirim jawaban saya").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terima kasih!")
    screenshot(page, "feedback-survey-thanks")
    saved = SurveyResponse.objects.get()
    assert (saved.u1, saved.u4, saved.u9, saved.u8, saved.u5) == (4, 4, 3, 4, None)
    assert page_errors(page) == []


def test_exit_kiosk_one_question_per_screen_without_javascript(new_page: Any, ktp: Any) -> None:
    domain.create_survey_invitation(service=ktp, reference="B4X7Q2")
    page = new_page("phone", java_script_enabled=False)
    page.goto("/survei/kios/")
    page.get_by_label("Kode pada tiket antrean").fill("b4x7q2")
    page.get_by_role("button", name="Mulai survei").click()
    expect(page.get_by_text("Pertanyaan 1 dari 9")).to_be_visible()
    _no_sideways_scroll(page)
    screenshot(page, "feedback-kiosk-question")
    for _step in range(9):
        page.locator('button.kiosk-answer[value="4"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hampir selesai: tentang Anda")
    page.get_by_role("button", name="Kirim jawaban saya").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terima kasih!")
    saved = SurveyResponse.objects.get()
    assert (saved.channel, saved.answers()) == ("kiosk", dict.fromkeys(saved.answers(), 4))
    assert len(saved.answers()) == 9


def test_filing_and_tracking_a_complaint(new_page: Any, ktp: Any, tmp_path: Any) -> None:
    photo = tmp_path / "antrean.png"
    photo.write_bytes(png(width=8, height=6, text=b"GPS -7.40,111.44"))
    page = new_page("phone")
    page.goto("/pengaduan/")
    page.get_by_role("link", name="Sampaikan pengaduan").click()
    _accessible(page, "complaint form")
    page.get_by_role("group", name="Tentang apa?").get_by_label("Layanan", exact=True).check()
    # The services are grouped by agency (one <optgroup> each), named without the agency.
    assert page.locator("#id_service optgroup").count() >= 1
    page.locator("#id_service").select_option(label="KTP Elektronik")
    page.get_by_label("Judul").fill("Antrean KTP terlalu lama")
    page.get_by_label("Apa yang terjadi?").fill(
        "Saya menunggu tiga jam tanpa kepastian di loket KTP."
    )
    page.get_by_label("Foto (tidak wajib)").set_input_files(str(photo))
    page.get_by_label("Nama Anda").fill("Siti Aminah")
    page.get_by_label("Nomor ponsel").fill("0812 3456 7890")
    _no_sideways_scroll(page)
    screenshot(page, "feedback-complaint-form")
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pengaduan diterima")
    code = page.locator("#complaint-code").inner_text()
    pin = page.locator("#complaint-pin").inner_text()
    assert pin not in page.url
    _no_sideways_scroll(page)
    screenshot(page, "feedback-complaint-filed")
    complaint = Complaint.objects.get(code=code)
    assert complaint.photo_type == "image/png"

    # The complaint desk forwards it; the agency answers.
    manager = None
    domain.disposition_complaint(complaint=complaint, actor=manager, agency=ktp.agency)
    domain.answer_complaint(
        complaint=complaint, actor=manager, answer="Mulai Senin kami menambah satu petugas."
    )

    # Another phone, another day: tracking needs the code and the PIN.
    tracker = new_page("phone")
    tracker.goto("/pengaduan/lacak/")
    tracker.get_by_label("Kode lacak").fill(code.lower())
    tracker.get_by_label("PIN, atau nomor telepon").fill("WRONG2")
    tracker.get_by_role("button", name="Tampilkan pengaduan saya").click()
    expect(tracker.get_by_role("alert")).to_contain_text("Tidak ada pengaduan")
    tracker.get_by_label("PIN, atau nomor telepon").fill(pin)
    tracker.get_by_role("button", name="Tampilkan pengaduan saya").click()
    expect(tracker.locator(".answer-box")).to_have_text("Mulai Senin kami menambah satu petugas.")
    assert "Siti" not in without_csrf(tracker.content())
    _no_sideways_scroll(tracker)
    _accessible(tracker, "tracking")
    screenshot(tracker, "feedback-complaint-tracked")
    tracker.get_by_label("Puas dengan jawaban").check()
    tracker.get_by_role("button", name="Kirim tanggapan saya").click()
    expect(tracker.locator(".status-tag").first).to_have_text("Selesai")
    complaint.refresh_from_db()
    assert complaint.status == "closed"
    # The wrong PIN above was answered 404 on purpose; nothing else may fail (CSP included).
    assert page_errors(page) == []
    assert [e for e in page_errors(tracker) if "status of 404" not in e] == []


def test_ikm_report_page(phone_page: Any, ktp: Any) -> None:
    for n in range(5):
        invitation = domain.create_survey_invitation(service=ktp, reference=f"R{n}")
        domain.submit_survey(
            invitation=invitation,
            answers={f"U{i}": 3 + (i + n) % 2 for i in range(1, 10)},
            profile={"gender": "LP"[n % 2], "education": "SMA"},
            suggestion="Ruang tunggu perlu kipas angin." if n == 0 else "",
        )
    domain.create_survey_invitation(service=ktp, reference="UNANSWERED")
    # The population is the people served (issue 12): ten visits finished today, of whom five
    # answered; Krejcie–Morgan asks for 10 of 10.
    from datetime import timedelta

    from django.utils import timezone

    from tests.transparency.conftest import make_ticket

    for _ in range(10):
        make_ticket(ktp, timezone.now() - timedelta(minutes=7), wait=60, service_minutes=5)
    page = phone_page
    page.goto("/survei/laporan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indeks Kepuasan Masyarakat (IKM)")
    expect(page.get_by_text("Sampel terlalu kecil.")).to_be_visible()
    _no_sideways_scroll(page)
    _accessible(page, "report")
    screenshot(page, "feedback-ikm-report")
