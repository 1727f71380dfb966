"""Hostile and ordinary uploads: refused by content with a clear message, or cleaned and
stored encrypted outside the web root."""

from __future__ import annotations

import io
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from PIL import Image

from mpp.applications import documents
from mpp.applications.documents import UploadRefused, clean_bytes, clean_upload
from tests.applications.factories import jpeg_bytes, pdf_bytes, png_bytes


@pytest.fixture(autouse=True)
def _english():
    # The messages are asserted in English (their msgids); pages show them in Indonesian.
    with translation.override("en"):
        yield


def _refusal(name: str, content: bytes) -> str:
    with pytest.raises(UploadRefused) as caught:
        clean_bytes(content, name)
    return caught.value.message


def test_pdf_jpeg_png_are_accepted():
    assert clean_bytes(pdf_bytes(), "surat.pdf").content_type == "application/pdf"
    assert clean_bytes(jpeg_bytes(), "foto.JPG").content_type == "image/jpeg"
    assert clean_bytes(png_bytes(), "scan.png").content_type == "image/png"


def test_fake_extension_is_refused():
    message = _refusal("ktp.pdf", png_bytes())
    assert "PDF" in message and "PNG" in message


def test_executable_renamed_to_pdf_is_refused():
    assert "not a PDF, JPEG or PNG" in _refusal("surat.pdf", b"MZ\x90\x00" + b"\x00" * 200)


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"\xef\xbb\xbf  <svg onload=alert(1)>",
    ],
)
def test_html_and_svg_are_refused(content):
    assert "SVG" in _refusal("gambar.png", content)


def test_right_content_with_unknown_extension_is_refused():
    assert ".pdf, .jpg or .png" in _refusal("scan.gif", png_bytes())


@pytest.mark.parametrize(
    "extra",
    [
        b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
        b"/Names << /JavaScript 5 0 R >>",
        b"/AA << /O << /S /Launch /F (cmd.exe) >> >>",
        b"/Names << /EmbeddedFiles 6 0 R >>",
        b"/OpenAction << /S /J#61vaScript /J#53 (x) >>",  # hex-escaped names
    ],
)
def test_pdf_with_active_content_is_refused(extra):
    assert "scripts" in _refusal("surat.pdf", pdf_bytes(extra))


def test_pdf_javascript_hidden_in_a_compressed_stream_is_refused():
    hidden = zlib.compress(b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>")
    body = pdf_bytes().replace(
        b"xref",
        b"4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(hidden)
        + hidden
        + b"\nendstream\nendobj\nxref",
        1,
    )
    assert "scripts" in _refusal("surat.pdf", body)


def test_encrypted_pdf_is_refused():
    body = pdf_bytes().replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 9 0 R")
    assert "Password" in _refusal("surat.pdf", body)


def test_truncated_pdf_is_refused():
    assert "damaged" in _refusal("surat.pdf", pdf_bytes()[:-40])


@override_settings(MPP_UPLOAD_MAX_BYTES=1024)
def test_oversized_file_is_refused_before_reading_it_all():
    upload = SimpleUploadedFile("besar.pdf", b"%PDF-1.4\n" + b"0" * 5000)
    with pytest.raises(UploadRefused) as caught:
        clean_upload(upload)
    assert "larger than" in caught.value.message


def test_empty_file_is_refused():
    with pytest.raises(UploadRefused):
        clean_upload(SimpleUploadedFile("kosong.pdf", b""))


def test_images_are_downscaled_reencoded_and_stripped():
    source = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    Image.new("RGB", (4000, 3000), "white").save(source, format="JPEG", exif=exif)
    polyglot = source.getvalue() + b"<html><script>alert(1)</script></html>"
    clean = clean_bytes(polyglot, "kk.jpg")
    image = Image.open(io.BytesIO(clean.content))
    assert max(image.size) == settings.MPP_UPLOAD_IMAGE_MAX_SIDE
    assert b"<script>" not in clean.content
    assert b"KameraRahasia" not in clean.content


def test_decompression_bomb_is_refused():
    source = io.BytesIO()
    Image.new("1", (20000, 20000)).save(source, format="PNG")
    assert "pixels" in _refusal("bom.png", source.getvalue())


def test_broken_image_is_refused():
    assert "damaged" in _refusal("foto.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 20)


def test_path_traversal_names_never_reach_the_disk(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        clean = clean_bytes(pdf_bytes(), "../../../etc/passwd.pdf")
        assert clean.original_name == "passwd.pdf"
        name = documents.store(clean.content)
        assert ".." not in name and "passwd" not in name
        stored = (tmp_path / name).read_bytes()
        assert stored != clean.content  # encrypted at rest
        assert documents.load(name) == clean.content
        with pytest.raises(ValueError):
            documents.load("../../etc/passwd")


def test_files_are_stored_outside_the_static_root():
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))
    assert not hasattr(settings, "MEDIA_URL") or settings.MEDIA_URL in ("", "/")


@pytest.mark.django_db
def test_upload_through_the_page_shows_the_message(client, draft, citizen):
    from django.urls import reverse

    client.force_login(citizen)
    requirement = draft.service.requirements.get(position=1)
    response = client.post(
        reverse("applications:edit", args=[draft.public_id]),
        {"action": "save", f"doc-{requirement.pk}": SimpleUploadedFile("x.pdf", png_bytes())},
    )
    assert response.status_code == 422
    assert draft.documents.count() == 0
