"""Complaint pages and API: filing (web, kiosk, API), tracking with a second factor, the
reporter's response, the staff desk and its access rules, the photo, the LAPOR! export."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mpp.accounts.tokens import issue_api_token
from mpp.feedback import domain
from mpp.feedback.enums import ComplaintStatus
from mpp.feedback.models import Complaint
from mpp.feedback.uploads import photo_stream
from tests.factories import login_verified
from tests.feedback.images import png
from tests.html import without_csrf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _form(**overrides):
    data = {
        "kind": "pengaduan",
        "subject": "service",
        "title": "Antrean KTP terlalu lama",
        "description": "Saya menunggu tiga jam tanpa kepastian di loket KTP.",
        "name": "Siti Aminah",
        "phone": "081234567890",
        "email": "",
        "form_token": "tok-1",
    }
    data.update(overrides)
    return data


def _filed(client: Client):
    page = client.get("/pengaduan/terkirim/")
    text = page.content.decode()
    code = re.search(r'id="complaint-code">([A-Z0-9]+)<', text).group(1)
    pin_match = re.search(r'id="complaint-pin">([A-Z0-9]+)<', text)
    return code, (pin_match.group(1) if pin_match else None), page


def test_web_form_files_a_complaint_with_a_photo(client, mall, ktp, settings):
    photo = SimpleUploadedFile(
        "IMG_0001.html", png(text=b"GPS -7.40,111.44", trailer=b"<script>x</script>"), "text/html"
    )
    response = client.post("/pengaduan/baru/", {**_form(service=ktp.pk), "photo": photo})
    assert (response.status_code, response["Location"]) == (302, "/pengaduan/terkirim/")
    code, pin, page = _filed(client)
    complaint = Complaint.objects.get(code=code)
    assert (complaint.channel, complaint.service, complaint.photo_type) == ("web", ktp, "image/png")
    assert pin is not None and pin not in page.request["PATH_INFO"]
    at_rest = complaint.photo.read()
    assert not at_rest.startswith(b"\x89PNG")  # encrypted at rest (issue 10.3)
    stored = photo_stream(complaint).read()
    assert stored.startswith(b"\x89PNG") and b"GPS" not in stored and b"<script>" not in stored
    assert complaint.photo.name.startswith("complaints/") and "IMG_0001" not in complaint.photo.name
    assert str(settings.MEDIA_ROOT) in complaint.photo.path


def test_key_rotation_re_encrypts_complaint_photos(client, mall, ktp, settings):
    from io import StringIO

    from cryptography.fernet import Fernet
    from django.core.management import call_command

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = old
    photo = SimpleUploadedFile("a.png", png(), "image/png")
    client.post("/pengaduan/baru/", {**_form(service=ktp.pk), "photo": photo})
    complaint = Complaint.objects.get()
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    out = StringIO()
    call_command("reencrypt_personal_data", stdout=out)
    assert "1 complaint photo(s)" in out.getvalue()
    settings.FIELD_ENCRYPTION_KEY = new
    assert photo_stream(complaint).read().startswith(b"\x89PNG")


def test_double_submit_of_the_form_files_one_complaint(client, mall, ktp):
    client.post("/pengaduan/baru/", _form(service=ktp.pk))
    client.post("/pengaduan/baru/", _form(service=ktp.pk))
    assert Complaint.objects.count() == 1
    _code, pin, _page = _filed(client)
    assert pin is not None  # still shown in the same session


def test_form_errors_say_what_to_do_and_change_nothing(client, mall, ktp):
    response = client.post("/pengaduan/baru/", _form(service="", subject="service", phone=""))
    assert response.status_code == 400
    assert "Pilih layanannya." in response.content.decode()
    assert Complaint.objects.count() == 0


def test_kiosk_form_has_no_photo_and_records_the_kiosk_channel(client, mall, ktp):
    page = client.get("/pengaduan/kios/")
    assert 'type="file"' not in page.content.decode()
    client.post("/pengaduan/kios/", _form(service=ktp.pk, anonymous="on", name=""))
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.is_anonymous) == ("kiosk", True)


def _track(client, code, secret):
    return client.post("/pengaduan/lacak/", {"code": code, "secret": secret}, follow=True)


def test_tracking_needs_the_code_and_the_pin_and_shows_no_personal_data(client, mall, ktp):
    filed = domain.file_complaint(
        mall=mall,
        subject="service",
        service=ktp,
        title="Antrean KTP terlalu lama",
        description="Saya menunggu tiga jam tanpa kepastian.",
        reporter_name="Siti Aminah",
        reporter_phone="081234567890",
    )
    wrong = client.post("/pengaduan/lacak/", {"code": filed.complaint.code, "secret": "AAAAAA"})
    assert wrong.status_code == 404
    assert "Antrean KTP" not in wrong.content.decode()
    page = _track(client, filed.complaint.code.lower(), filed.pin)
    text = without_csrf(page.content.decode())
    assert "Antrean KTP terlalu lama" in text
    assert "Siti" not in text and "81234567890" not in text
    assert page.headers["Cache-Control"].startswith("max-age=0")
    # The phone number given works as the second factor too.
    other = Client()
    assert "Antrean KTP" in _track(other, filed.complaint.code, "0812-3456-7890").content.decode()


def test_tracking_locks_after_too_many_wrong_pins(client, mall, ktp, settings):
    settings.FEEDBACK_TRACK_ATTEMPTS_PER_HOUR = 3
    filed = domain.file_complaint(
        mall=mall, subject="service", service=ktp, title="Judul keluhan",
        description="Isi keluhan yang cukup panjang.", is_anonymous=True,
    )  # fmt: skip
    for _ in range(3):
        client.post("/pengaduan/lacak/", {"code": filed.complaint.code, "secret": "WRONG2"})
    blocked = client.post("/pengaduan/lacak/", {"code": filed.complaint.code, "secret": filed.pin})
    assert blocked.status_code == 429


def test_reporter_responds_on_the_tracking_page(client, mall, ktp, manager):
    filed = domain.file_complaint(
        mall=mall, subject="service", service=ktp, title="Judul keluhan",
        description="Isi keluhan yang cukup panjang.", is_anonymous=True,
    )  # fmt: skip
    domain.disposition_complaint(complaint=filed.complaint, actor=manager, agency=ktp.agency)
    domain.answer_complaint(complaint=filed.complaint, actor=manager, answer="Sudah ditangani.")
    _track(client, filed.complaint.code, filed.pin)
    response = client.post("/pengaduan/lacak/tanggapan/", {"verdict": "satisfied"})
    assert response.status_code == 302
    filed.complaint.refresh_from_db()
    assert filed.complaint.status == ComplaintStatus.CLOSED


# --- Staff desk ---------------------------------------------------------------------------------


@pytest.fixture
def two_complaints(mall, ktp, skck, manager):
    a = domain.file_complaint(
        mall=mall, subject="service", service=ktp, title="Keluhan KTP",
        description="Antrean KTP sangat lama sekali.", reporter_name="Budi",
        reporter_phone="081200000001",
    ).complaint  # fmt: skip
    b = domain.file_complaint(
        mall=mall, subject="service", service=skck, title="Keluhan SKCK",
        description="Petugas SKCK tidak ramah sama sekali.", is_anonymous=True,
    ).complaint  # fmt: skip
    domain.disposition_complaint(complaint=a, actor=manager, agency=ktp.agency)
    domain.disposition_complaint(complaint=b, actor=manager, agency=skck.agency)
    return a, b


def test_officer_sees_only_their_agencys_complaints(client, two_complaints, officer_polres):
    a, b = two_complaints
    login_verified(client, officer_polres)
    desk = client.get("/staf/pengaduan/").content.decode()
    assert b.code in desk and a.code not in desk
    assert client.get(f"/staf/pengaduan/{a.code}/").status_code == 404
    refused = client.post(
        f"/staf/pengaduan/{a.code}/aksi/", {"action": "answer", "answer": "Bukan urusan saya."}
    )
    assert refused.status_code == 404
    a.refresh_from_db()
    assert a.status == ComplaintStatus.DISPOSITIONED


def test_officer_answers_their_agencys_complaint(client, two_complaints, officer_dukcapil):
    a, _b = two_complaints
    login_verified(client, officer_dukcapil)
    page = client.get(f"/staf/pengaduan/{a.code}/").content.decode()
    assert "Budi" in page  # the agency must be able to reach the reporter
    response = client.post(
        f"/staf/pengaduan/{a.code}/aksi/", {"action": "answer", "answer": "Loket ditambah."}
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.status, a.answered_by) == (ComplaintStatus.ANSWERED, officer_dukcapil)


def test_auditor_reads_everything_and_changes_nothing(client, two_complaints, auditor):
    a, b = two_complaints
    login_verified(client, auditor)
    desk = client.get("/staf/pengaduan/").content.decode()
    assert a.code in desk and b.code in desk
    page = without_csrf(client.get(f"/staf/pengaduan/{a.code}/").content.decode())
    assert 'name="action"' not in page
    assert "Budi" not in page
    response = client.post(
        f"/staf/pengaduan/{a.code}/aksi/", {"action": "answer", "answer": "Tidak boleh."}
    )
    assert response.status_code == 404
    a.refresh_from_db()
    assert a.status == ComplaintStatus.DISPOSITIONED


def test_manager_forwards_a_complaint_from_the_desk(client, mall, ktp, manager):
    complaint = domain.file_complaint(
        mall=mall, subject="agency", agency=ktp.agency, title="Keluhan umum",
        description="Ruang tunggu Dukcapil panas.", is_anonymous=True,
    ).complaint  # fmt: skip
    login_verified(client, manager)
    response = client.post(
        f"/staf/pengaduan/{complaint.code}/aksi/",
        {"action": "disposition", "agency": ktp.agency.pk, "category": "ringan"},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.category) == (ComplaintStatus.DISPOSITIONED, "ringan")


def test_staff_pages_need_a_sign_in(client, two_complaints):
    a, _b = two_complaints
    assert client.get("/staf/pengaduan/").status_code == 302
    assert client.get(f"/staf/pengaduan/{a.code}/foto/").status_code == 302


def test_desk_list_query_count_does_not_grow(client, mall, ktp, manager):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staf/pengaduan/?show=all").status_code == 200
        return len(queries)

    login_verified(client, manager)
    count()  # the first request after signing in also saves the session
    for n in range(2):
        domain.file_complaint(
            mall=mall, subject="service", service=ktp, title=f"Keluhan {n} KTP",
            description="Isi keluhan yang cukup panjang.", is_anonymous=True,
        )  # fmt: skip
    few = count()
    for n in range(8):
        domain.file_complaint(
            mall=mall, subject="service", service=ktp, title=f"Keluhan lain {n}",
            description="Isi keluhan yang cukup panjang.", is_anonymous=True,
        )  # fmt: skip
    assert count() == few


def test_photo_is_served_only_to_permitted_staff_as_a_safe_image(
    client, mall, ktp, manager, officer_polres
):
    client.post(
        "/pengaduan/baru/",
        {**_form(service=ktp.pk), "photo": SimpleUploadedFile("a.png", png(), "image/png")},
    )
    complaint = Complaint.objects.get()
    domain.disposition_complaint(complaint=complaint, actor=manager, agency=ktp.agency)
    staff = Client()
    login_verified(staff, officer_polres)
    assert staff.get(f"/staf/pengaduan/{complaint.code}/foto/").status_code == 404
    login_verified(staff, manager)
    response = staff.get(f"/staf/pengaduan/{complaint.code}/foto/?unduh=1")
    assert response.status_code == 200
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == (
        "image/png",
        "nosniff",
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="pengaduan-{complaint.code}.png"'
    )
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_lapor_export_for_the_manager_only(client, two_complaints, manager, officer_dukcapil):
    a, b = two_complaints
    domain.answer_complaint(complaint=a, actor=manager, answer='=HYPERLINK("http://x")')
    login_verified(client, officer_dukcapil)
    assert client.get("/staf/pengaduan/lapor.csv").status_code == 404
    login_verified(client, manager)
    response = client.get("/staf/pengaduan/lapor.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["nomor_laporan_mpp"] for r in rows] == [a.code, b.code]
    assert rows[0]["nama_pelapor"] == "Budi" and rows[1]["anonim"] == "Ya"
    assert rows[1]["nama_pelapor"] == ""
    assert rows[0]["tindak_lanjut"].startswith("'=")  # no formula injection
    # Field meanings: kategori is the resolution category, subjek what it is about, rahasia
    # the reporter's choice (neither complaint is published, neither asked for confidentiality).
    assert rows[0]["kategori"] == "Normatif"
    assert rows[0]["subjek"].startswith("Layanan: ")
    assert rows[0]["rahasia"] == "Tidak" and rows[1]["rahasia"] == "Tidak"
    xlsx = client.get("/staf/pengaduan/lapor.xlsx")
    assert xlsx.content[:2] == b"PK"


# --- API ----------------------------------------------------------------------------------------


def test_api_submit_track_and_respond(client, mall, ktp, manager):
    body = {
        "subject": "service",
        "service": "ktp-el",
        "title": "Antrean KTP lama",
        "description": "Menunggu tiga jam di loket KTP.",
        "anonymous": True,
    }
    created = client.post(
        "/api/v1/feedback/complaints", body, content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="6f1c",
    )  # fmt: skip
    assert created.status_code == 201
    filed = created.json()
    assert (filed["status"], len(filed["pin"])) == ("received", 6)
    again = client.post(
        "/api/v1/feedback/complaints", body, content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="6f1c",
    )  # fmt: skip
    assert (again.status_code, again.json()["code"], again.json()["pin"]) == (
        200,
        filed["code"],
        None,
    )
    other = client.post(
        "/api/v1/feedback/complaints", {**body, "title": "Lain lagi"},
        content_type="application/json", HTTP_IDEMPOTENCY_KEY="6f1c",
    )  # fmt: skip
    assert other.status_code == 422

    wrong = client.post(
        "/api/v1/feedback/complaints/track",
        {"code": filed["code"], "secret": "nope"},
        content_type="application/json",
    )
    assert (wrong.status_code, wrong.json()["errors"][0]["field"]) == (404, "code")
    tracked = client.post(
        "/api/v1/feedback/complaints/track",
        {"code": filed["code"], "secret": filed["pin"]},
        content_type="application/json",
    ).json()
    assert (tracked["status"], tracked["can_respond"]) == ("received", False)
    assert [e["status"] for e in tracked["timeline"]] == ["received"]

    complaint = Complaint.objects.get(code=filed["code"])
    domain.disposition_complaint(complaint=complaint, actor=manager, agency=ktp.agency)
    domain.answer_complaint(complaint=complaint, actor=manager, answer="Sudah ditangani.")
    responded = client.post(
        f"/api/v1/feedback/complaints/{filed['code']}/response",
        {"secret": filed["pin"], "verdict": "satisfied"},
        content_type="application/json",
    )
    assert (responded.status_code, responded.json()["status"]) == (200, "closed")
    twice = client.post(
        f"/api/v1/feedback/complaints/{filed['code']}/response",
        {"secret": filed["pin"], "verdict": "satisfied"},
        content_type="application/json",
    )
    assert twice.status_code == 409


def test_api_list_complaints_is_scoped_to_the_token_owner(
    client, two_complaints, officer_polres, manager
):
    _a, b = two_complaints
    assert client.get("/api/v1/feedback/complaints").status_code == 401
    token = issue_api_token(user=officer_polres)
    listed = client.get("/api/v1/feedback/complaints", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert [c["code"] for c in listed.json()["items"]] == [b.code]
    assert "reporter" not in str(listed.json()) and "Budi" not in str(listed.json())
    manager_token = issue_api_token(user=manager)
    everything = client.get(
        "/api/v1/feedback/complaints?status=dispositioned",
        HTTP_AUTHORIZATION=f"Bearer {manager_token}",
    ).json()
    assert everything["count"] == 2


def test_confidential_complaint_is_exported_as_rahasia_and_never_published(
    client, mall, ktp, manager
):
    filed = domain.file_complaint(
        mall=mall, subject="service", service=ktp, title="Keluhan rahasia",
        description="Ada permintaan uang tambahan di loket.", reporter_name="Sari",
        reporter_phone="081200000002", is_confidential=True,
    ).complaint  # fmt: skip
    domain.disposition_complaint(complaint=filed, actor=manager, agency=ktp.agency)
    domain.answer_complaint(complaint=filed, actor=manager, answer="Sudah ditindaklanjuti.")
    with pytest.raises(domain.ConflictError):
        domain.publish_complaint(
            complaint=filed,
            actor=manager,
            summary="Ringkasan pengaduan yang cukup panjang.",
            answer="Jawaban yang cukup panjang.",
        )
    filed.refresh_from_db()
    assert filed.is_published is False
    login_verified(client, manager)
    response = client.get("/staf/pengaduan/lapor.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["rahasia"] for r in rows if r["nomor_laporan_mpp"] == filed.code] == ["Ya"]
