"""The online-application journey in a real browser, on a 360 px phone: a citizen creates an
account (one-time code by e-mail), applies for a birth certificate (Akta Kelahiran) with
scans, checks the answers and submits; an officer of Dispendukcapil signs in with a TOTP
code, asks for a revision of one document; the citizen re-uploads it; the officer and the
head of unit work the case to "result ready"; the citizen sees it, and anyone with the code
and four digits can track it. Every step is screenshotted into docs/screenshots/, checked
with axe-core, for JavaScript or CSP errors, and for sideways scrolling.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test.utils import override_settings
from django_otp.oath import totp
from playwright.sync_api import expect

from mpp.applications.demo import DEMO_TOTP_KEY_HEX, STAFF_PASSWORD, load_applications_demo
from mpp.applications.models import Application
from mpp.core.models import Mall
from tests.e2e.helpers import (
    axe_check,
    format_violations,
    horizontal_overflow,
    page_errors,
    screenshot,
)
from tests.html import without_csrf

pytestmark = pytest.mark.e2e
SERVICE = "akta-kelahiran"


@pytest.fixture
def applications_demo(demo_catalogue: Mall, tmp_path: Path) -> Any:
    with override_settings(
        MEDIA_ROOT=tmp_path / "private",
        TASKS={
            "default": {
                "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                "QUEUES": ["default", "notifications"],
            }
        },
    ):
        load_applications_demo(demo_catalogue)
        yield demo_catalogue


def _files(tmp_path: Path) -> dict[str, Path]:
    from tests.applications.factories import jpeg_bytes, pdf_bytes

    paths = {
        "surat-lahir.pdf": pdf_bytes(),
        "buku-nikah.jpg": jpeg_bytes((1200, 900), "beige"),
        "kk.jpg": jpeg_bytes((1600, 1200), "lightblue"),
        "kk-baru.jpg": jpeg_bytes((1600, 1200), "lightgreen"),
        "ktp-ortu.jpg": jpeg_bytes((900, 600), "wheat"),
        "formulir.pdf": pdf_bytes(),
    }
    for name, content in paths.items():
        (tmp_path / name).write_bytes(content)
    return {name: tmp_path / name for name in paths}


def check(page: Any, name: str, problems: list[str]) -> None:
    """Screenshot the step and collect accessibility, overflow and script problems."""
    screenshot(page, name)
    violations = axe_check(page)
    if violations:
        problems.append(format_violations(violations, name))
    overflow = horizontal_overflow(page)
    if overflow["scrollWidth"] > overflow["viewport"] + 1:
        problems.append(f"{name}: scrolls sideways {overflow}")
    errors = page_errors(page)
    if errors:
        problems.append(f"{name}: {errors}")


def _staff_sign_in(page: Any, username: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("Alamat surel atau nomor ponsel").fill(username)
    page.get_by_label("Kata sandi").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Langkah kedua: kode dari aplikasi")
    key = bytes.fromhex(DEMO_TOTP_KEY_HEX)
    page.get_by_label("Kode").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Lanjut").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kotak masuk petugas")


def _upload(page: Any, label: str, path: Path) -> None:
    page.get_by_label(label, exact=False).first.set_input_files(str(path))


def test_birth_certificate_from_application_to_result(
    new_page: Any, applications_demo: Mall, tmp_path: Path
) -> None:
    files = _files(tmp_path)
    problems: list[str] = []
    citizen = new_page("phone")

    # 1. Find the online service and read what it needs.
    citizen.goto("/permohonan/baru/akta-kelahiran/")
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Akta Kelahiran")
    check(citizen, "application-01-start", problems)
    citizen.get_by_role("button", name="Mulai sekarang").click()

    # 2. Sign up with an e-mail address and verify it with the code sent by e-mail.
    citizen.get_by_role("link", name="Buat akun").click()
    citizen.get_by_label("Nama lengkap (sesuai KTP-el)").fill("Dewi Lestari")
    citizen.get_by_label("Alamat surel atau nomor ponsel").fill("dewi@example.id")
    citizen.get_by_label("Kata sandi").fill("anak pertama kami lahir 2026")
    citizen.get_by_label(re.compile("Saya telah membaca")).check()
    check(citizen, "application-02-signup", problems)
    citizen.get_by_role("button", name="Buat akun").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Masukkan kode Anda")
    check(citizen, "application-03-verify", problems)
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    citizen.get_by_label("Kode").fill(code)
    citizen.get_by_role("button", name="Verifikasi").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Akta Kelahiran")
    citizen.get_by_role("button", name="Mulai sekarang").click()

    # 3. Fill the form generated from the service standard; upload the scans.
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Isi permohonan Anda")
    _upload(citizen, "Surat keterangan lahir", files["surat-lahir.pdf"])
    _upload(citizen, "Buku nikah atau akta perkawinan", files["buku-nikah.jpg"])
    _upload(citizen, "Kartu Keluarga", files["kk.jpg"])
    _upload(citizen, "KTP-el kedua orang tua", files["ktp-ortu.jpg"])
    _upload(citizen, "Formulir pelaporan", files["formulir.pdf"])
    citizen.get_by_label("Nama lengkap anak").fill("Bima Pratama")
    citizen.get_by_label("Tempat lahir").fill("RSUD dr. Soeroto Ngawi")
    citizen.get_by_label("Tanggal lahir anak").fill("2026-11-02")
    citizen.get_by_label("Jenis kelamin anak").select_option("Laki-laki")
    citizen.get_by_label("NIK ibu").fill("3521094508900001")
    citizen.get_by_label("Alamat di Kabupaten Ngawi: kecamatan").select_option("35.21.09")
    citizen.get_by_label("Alamat di Kabupaten Ngawi: desa/kelurahan").fill("Ketanggi")
    citizen.get_by_label("Alamat di Kabupaten Ngawi: jalan, nomor rumah, RT/RW").fill(
        "Jl. Teuku Umar 5, RT 02/RW 03"
    )
    citizen.get_by_label("Nomor ponsel").fill("0812 3456 7890")
    check(citizen, "application-04-form", problems)
    citizen.get_by_role("button", name="Lanjut periksa jawaban").click()

    # 4. Check your answers, then submit: a tracking code.
    expect(citizen.get_by_role("heading", level=1)).to_have_text(
        "Periksa jawaban Anda sebelum mengirim"
    )
    # The owner sees the whole NIK here, to catch a typo (masked everywhere else).
    expect(citizen.get_by_text("3521094508900001")).to_be_visible()
    check(citizen, "application-05-review", problems)
    citizen.get_by_role("button", name="Kirim permohonan").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Permohonan terkirim")
    application = Application.objects.get(applicant__email="dewi@example.id")
    expect(citizen.locator(".tracking-code")).to_have_text(application.tracking_code)
    check(citizen, "application-06-submitted", problems)

    # 5. The verifier signs in with a TOTP code, opens the case and asks for a new KK scan.
    verifier = new_page("phone")
    _staff_sign_in(verifier, "verifikator.dukcapil")
    check(verifier, "application-07-inbox", problems)
    verifier.get_by_role("link", name=application.tracking_code).click()
    verifier.get_by_role("button", name="Mulai verifikasi").click()
    kk = application.service.requirements.get(text__startswith="Kartu Keluarga")
    verifier.locator(f"#reason-{kk.pk}").fill(
        "Foto KK terpotong di bagian bawah, mohon foto ulang."
    )
    check(verifier, "application-08-case", problems)
    verifier.get_by_role("button", name="Kirim permintaan perbaikan").click()
    expect(verifier.locator(".state").first).to_have_text("Perlu perbaikan")

    # 6. The citizen sees the request, re-uploads the KK and submits again.
    citizen.goto(f"/permohonan/{application.public_id}/")
    expect(citizen.get_by_text("Foto KK terpotong di bagian bawah")).to_be_visible()
    check(citizen, "application-09-revision-requested", problems)
    citizen.get_by_role("link", name="Perbaiki dan kirim ulang").click()
    _upload(citizen, "Kartu Keluarga", files["kk-baru.jpg"])
    check(citizen, "application-10-revision-upload", problems)
    citizen.get_by_role("button", name="Lanjut periksa jawaban").click()
    citizen.get_by_role("button", name="Kirim permohonan").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Permohonan terkirim")

    # 7. Verification complete; the head of unit approves; the result is ready for pick-up.
    verifier.goto(f"/petugas/permohonan/{application.public_id}/")
    verifier.get_by_role("button", name="Mulai verifikasi").click()
    verifier.get_by_role("button", name="Berkas lengkap: proses").click()
    head = new_page("phone")
    _staff_sign_in(head, "kabid.dukcapil")
    head.goto(f"/petugas/permohonan/{application.public_id}/")
    head.get_by_role("button", name="Setujui").click()
    head.get_by_label("Di mana dan kapan diambil").fill(
        "Loket A01 MPP Ngawi, mulai besok pukul 08.00."
    )
    head.get_by_role("button", name="Tandai hasil siap").click()
    expect(head.locator(".state").first).to_have_text("Hasil siap")
    check(head, "application-11-result-ready-officer", problems)

    # 8. The citizen sees "result ready"; the public tracking page shows the timeline only.
    citizen.goto(f"/permohonan/{application.public_id}/")
    expect(citizen.get_by_role("heading", name="Hasil Anda sudah siap")).to_be_visible()
    check(citizen, "application-12-result-ready", problems)
    tracker = new_page("phone")
    tracker.goto("/lacak/")
    tracker.get_by_label("Kode lacak").fill(application.tracking_code.lower())
    tracker.get_by_label("Empat digit terakhir").fill("7890")
    tracker.get_by_role("button", name="Lacak").click()
    expect(tracker.locator(".state").first).to_have_text("Hasil siap")
    shown = without_csrf(tracker.content())
    assert "Bima" not in shown and "3521" not in shown
    check(tracker, "application-13-tracking", problems)

    application.refresh_from_db()
    assert application.state == "result_ready"
    assert [e.to_state for e in application.events.all()] == [
        "submitted",
        "in_verification",
        "needs_revision",
        "submitted",
        "in_verification",
        "in_process",
        "approved",
        "result_ready",
    ]
    subjects = [m.subject for m in mail.outbox if m.to == ["dewi@example.id"]]
    assert subjects[-1] == f"Permohonan Anda {application.tracking_code}: Hasil siap"
    assert problems == [], "\n".join(problems)
