"""Hostile input: oversized, wrong types, fake images, injection. Always a clear message,
never a 500, and nothing changes."""

# ruff: noqa: E501 — parameter tables read best one case per line

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mpp.feedback import domain
from mpp.feedback.models import Complaint, SurveyResponse
from mpp.feedback.uploads import PhotoRejectedError, _strip_jpeg, _strip_png, clean_photo
from tests.factories import login_verified
from tests.feedback.images import jpeg, png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _form(ktp, **overrides):
    data = {
        "kind": "pengaduan",
        "subject": "service",
        "service": ktp.pk,
        "title": "Antrean KTP terlalu lama",
        "description": "Saya menunggu tiga jam tanpa kepastian di loket KTP.",
        "anonymous": "on",
        "form_token": "tok-h",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "bukan foto"),
        (b"GIF89a" + b"\x00" * 40, "bukan foto"),
        (b"%PDF-1.4 fake", "bukan foto"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 30, "rusak"),  # PNG magic, no valid chunks
        (b"\xff\xd8\xff\xe0" + b"\x00" * 30, "rusak"),  # JPEG magic, garbage
        (png()[:-12], "rusak"),  # truncated before IEND
    ],
)
def test_fake_images_are_refused_with_a_message(client, ktp, content, message):
    photo = SimpleUploadedFile("foto.jpg", content, "image/jpeg")
    response = client.post("/pengaduan/baru/", {**_form(ktp), "photo": photo})
    assert response.status_code == 400
    assert message in response.content.decode().lower()
    assert Complaint.objects.count() == 0


def test_oversized_photo_is_refused(client, ktp, settings):
    settings.FEEDBACK_PHOTO_MAX_BYTES = 1024 * 1024
    big = png(text=b"x" * (1024 * 1024 + 10))
    response = client.post(
        "/pengaduan/baru/", {**_form(ktp), "photo": SimpleUploadedFile("a.png", big, "image/png")}
    )
    assert response.status_code == 400
    assert "terlalu besar" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_decompression_bomb_dimensions_are_refused():
    assert clean_photo(png(width=1, height=1)).width == 1
    bomb = png(declared=(100_000, 100_000))
    with pytest.raises(PhotoRejectedError):
        clean_photo(bomb)


def test_without_pillow_jpeg_metadata_and_trailing_payload_are_stripped():
    cleaned = _strip_jpeg(jpeg(exif=b"GPSLatitude -7.40", trailer=b"<?php system($_GET[c]); ?>"))
    assert cleaned.content_type == "image/jpeg"
    assert b"GPSLatitude" not in cleaned.content and b"<?php" not in cleaned.content
    assert cleaned.content.endswith(b"\xff\xd9") and (cleaned.width, cleaned.height) == (8, 8)


def test_without_pillow_png_text_chunks_and_trailer_are_stripped():
    cleaned = _strip_png(png(text=b"GPS -7.40,111.44", trailer=b"<html>"))
    assert b"GPS" not in cleaned.content and b"<html>" not in cleaned.content
    assert cleaned.content.endswith(b"IEND\xaeB`\x82")
    with pytest.raises(PhotoRejectedError):
        _strip_png(png()[:-12])


def test_with_pillow_a_real_jpeg_is_re_encoded_without_exif():
    image_module = pytest.importorskip("PIL.Image", reason="Pillow is not installed")
    source = io.BytesIO()
    exif = image_module.Exif()
    exif[0x010E] = "GPS -7.40 111.44 rumah pelapor"  # ImageDescription
    image_module.new("RGB", (40, 30), (200, 30, 30)).save(source, "JPEG", exif=exif.tobytes())
    data = source.getvalue() + b"<script>alert(1)</script>"
    assert b"rumah pelapor" in data
    cleaned = clean_photo(data)
    assert (cleaned.content_type, cleaned.width, cleaned.height) == ("image/jpeg", 40, 30)
    assert b"rumah pelapor" not in cleaned.content and b"<script>" not in cleaned.content


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": "x" * 151},
        {"title": "ab"},
        {"description": "x" * 4001},
        {"subject": "alien"},
        {"kind": "spam"},
        {"service": "99999"},
        {"service": "'; DROP TABLE feedback_complaint; --"},
        {"anonymous": "", "name": "Budi", "phone": "12345"},
        {"anonymous": "", "name": "Budi", "email": "not-an-email"},
        {"anonymous": "", "name": "x" * 500, "phone": "081234567890"},
    ],
)
def test_bad_complaint_fields_are_refused_clearly(client, ktp, overrides):
    response = client.post("/pengaduan/baru/", _form(ktp, **overrides))
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert Complaint.objects.count() == 0


def test_control_characters_are_removed_and_html_is_escaped(client, ktp, manager):
    client.post(
        "/pengaduan/baru/",
        _form(ktp, title="Judul\x07\x1b <b>tebal</b>", description="<script>alert(1)</script> isi"),
    )
    complaint = Complaint.objects.get()
    assert complaint.title == "Judul <b>tebal</b>"
    login_verified(client, manager)
    page = client.get(f"/staf/pengaduan/{complaint.code}/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_null_characters_are_refused(client, ktp):
    response = client.post("/pengaduan/baru/", _form(ktp, title="Judul\x00 keluhan"))
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {"subject": "service"},
        {"subject": 5, "title": "Judul", "description": "Isi yang panjang"},
        {"subject": "service", "title": ["a"], "description": "Isi yang panjang"},
        {"subject": "service", "service": "ktp-el", "title": "x" * 500, "description": "Isi"},
        {"subject": "service", "service": "ktp-el", "title": "Judul", "description": "Isi yang panjang", "anonymous": "maybe"},
    ],
)  # fmt: skip
def test_api_wrong_types_are_422_with_fields(client, ktp, body):
    response = client.post("/api/v1/feedback/complaints", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"]
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"[]", b'"text"', b"null"],
)
def test_api_malformed_json_is_a_client_error(client, ktp, raw):
    response = client.post("/api/v1/feedback/complaints", raw, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    "answers",
    [{"U1": 9}, {"U1": "empat"}, {"X": 1}, {"U1": -1}, {"U1": 99999999999999999999}],
)
def test_api_survey_bad_answers_change_nothing(client, ktp, answers):
    invitation = domain.create_survey_invitation(service=ktp, reference="H1", channel="ticket")
    response = client.post(
        "/api/v1/feedback/surveys",
        {"token": invitation.token, "answers": answers},
        content_type="application/json",
    )
    assert response.status_code in {400, 422}
    assert response.json()["detail"]
    assert SurveyResponse.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_kiosk_step_refuses_out_of_range_steps_and_answers(client, ktp):
    invitation = domain.create_survey_invitation(service=ktp, reference="K1", channel="ticket")
    assert client.get(f"/survei/{invitation.token}/kios/0/").status_code == 404
    assert client.get(f"/survei/{invitation.token}/kios/11/").status_code == 404
    same = client.post(f"/survei/{invitation.token}/kios/1/", {"answer": "7"})
    assert same.status_code == 200  # the question again, nothing stored
    assert SurveyResponse.objects.count() == 0


def test_track_with_absurd_input_is_not_an_error_page(client, mall):
    response = client.post("/pengaduan/lacak/", {"code": "x" * 5000, "secret": "\x00" * 10})
    assert response.status_code == 400
    response = client.post("/pengaduan/lacak/", {"code": "ABCDEFGHJK", "secret": "x"})
    assert response.status_code == 404
