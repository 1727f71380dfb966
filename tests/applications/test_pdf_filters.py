"""PDF upload filter decodes every stream filter (issue 10.3): a catalog with /OpenAction
JavaScript hidden in an object stream under any filter chain is refused; what cannot be decoded
is refused too; ordinary PDFs and image streams still pass."""

from __future__ import annotations

import base64
import zlib

import pytest
from django.utils import translation

from mpp.applications.documents import UploadRefused, clean_bytes
from mpp.core import pdfstreams
from tests.applications.factories import pdf_bytes

ACTIVE = b"1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"


def _run_length(data: bytes) -> bytes:
    out = bytearray()
    for i in range(0, len(data), 100):
        chunk = data[i : i + 100]
        out += bytes([len(chunk) - 1]) + chunk
    return bytes(out + b"\x80")


ENCODINGS = {
    "/ASCIIHexDecode": lambda d: d.hex().encode() + b">",
    "/AHx": lambda d: d.hex().encode() + b">",
    "/ASCII85Decode": lambda d: base64.a85encode(d) + b"~>",
    "/RunLengthDecode": _run_length,
    "[/ASCII85Decode /FlateDecode]": lambda d: base64.a85encode(zlib.compress(d)) + b"~>",
    "[/ASCIIHexDecode /ASCII85Decode /FlateDecode]": lambda d: (
        (base64.a85encode(zlib.compress(d)) + b"~>").hex().encode() + b">"
    ),
    "/FlateDecode": zlib.compress,
}


def _with_stream(filters: str, payload: bytes, extra: bytes = b"") -> bytes:
    header = b"<< /Type /ObjStm /N 1 /First 4 /Length %d /Filter %s%s >>" % (
        len(payload),
        filters.encode(),
        extra,
    )
    base = pdf_bytes()
    inserted = b"9 0 obj\n" + header + b"\nstream\n" + payload + b"\nendstream\nendobj\n"
    at = base.index(b"xref")
    body = base[:at] + inserted + base[at:]
    # Keep the file well formed (startxref moves with the inserted object) so that what is
    # tested is the stream, not a broken cross-reference table.
    return body.replace(b"startxref\n%d" % at, b"startxref\n%d" % (at + len(inserted)))


def _refusal(body: bytes) -> str:
    with translation.override("en"), pytest.raises(UploadRefused) as caught:
        clean_bytes(body, "surat.pdf")
    return caught.value.message


@pytest.mark.parametrize("filters", list(ENCODINGS))
def test_active_content_under_any_filter_chain_is_refused(filters):
    body = _with_stream(filters, ENCODINGS[filters](b"1 0 " + ACTIVE))

    assert "scripts" in _refusal(body)


@pytest.mark.parametrize("filters", list(ENCODINGS))
def test_harmless_streams_under_any_filter_chain_pass(filters):
    body = _with_stream(filters, ENCODINGS[filters](b"1 0 << /Type /Page >>"))

    assert clean_bytes(body, "surat.pdf").content_type == "application/pdf"


@pytest.mark.parametrize("filters", ["/Crypt", "/MadeUpDecode", "[/DCTDecode /FlateDecode]"])
def test_filters_that_cannot_be_decoded_are_refused(filters):
    assert "too complex" in _refusal(_with_stream(filters, b"whatever"))


def test_predictor_on_an_object_stream_is_refused():
    body = _with_stream(
        "/FlateDecode", zlib.compress(ACTIVE), b" /DecodeParms << /Predictor 12 /Columns 4 >>"
    )
    assert "too complex" in _refusal(body)


def test_image_stream_is_not_read_as_objects():
    body = _with_stream("/DCTDecode", b"\xff\xd8\xff\xe0 /JavaScript-looking bytes? no")
    body = body.replace(b"/JavaScript-looking", b"JavaScript-looking")

    assert clean_bytes(body, "surat.pdf").content_type == "application/pdf"


def test_decode_budget_stops_a_bomb():
    bomb = zlib.compress(b"\0" * (4 * 1024 * 1024))
    with pytest.raises(pdfstreams.CannotDecode):
        pdfstreams.decode(bomb, [b"FlateDecode"], 1024 * 1024)


def test_lzw_decodes_the_pdf_reference_example():
    # PDF 32000-1 §7.4.4.2: "-----A---B" encodes to 80 0B 60 50 22 0C 0C 85 01.
    data = bytes.fromhex("800B6050220C0C8501")
    assert pdfstreams.decode(data, [b"LZWDecode"], 1000) == b"-----A---B"
