"""Checking, cleaning and storing uploaded documents (docs/reliability.md §1.4, §3).

Rules, per upload:
- PDF, JPEG or PNG only, decided by the content (magic bytes), and the file name's extension
  must agree with the content: a PNG named `.pdf` is refused, so is an `.exe` named `.pdf`.
- At most `MPP_UPLOAD_MAX_BYTES` (8 MB) as uploaded; nothing empty.
- Images are decoded and re-encoded with Pillow: orientation applied, longest side at most
  `MPP_UPLOAD_IMAGE_MAX_SIDE` px, metadata (EXIF, GPS) dropped, anything appended to the
  image (an HTML or script polyglot) gone. Decompression bombs are refused.
- PDFs with active or embedded content are refused: /JavaScript, /JS, /OpenAction, /AA,
  /Launch, /EmbeddedFile(s), /RichMedia, /XFA, /SubmitForm, /ImportData — also when the
  name is hex-escaped (`/J#61vaScript`) or hidden in an object stream under any filter chain
  (every filter is decoded; what cannot be decoded is refused). Encrypted
  PDFs are refused (they cannot be inspected). Two layers (issue 10.3): our raw decoder
  (mpp/core/pdfstreams.py, every `stream … endstream`, one inflate budget for the whole file,
  so a decompression bomb is refused before any parser sees it), then pypdf, which opens the
  file as a reader does and walks every indirect object listed in the cross-reference table,
  including those inside object streams; more than `PDF_MAX_PAGES` pages or `PDF_MAX_OBJECTS`
  objects, or anything pypdf cannot read, is refused with a clear message, never a 500.
- Stored encrypted (Fernet) under MEDIA_ROOT, outside the web root, with a random name;
  the user's file name is never part of a path.

Not done here: an antivirus scan (ClamAV); see
docs/adr/0009-online-applications-personal-data-and-documents.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import secrets
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.accounts import crypto
from mpp.core import pdfstreams

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG}
KIND_NAMES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}
MAX_PIXELS = 40_000_000
# Total bytes we are willing to inflate while looking inside a PDF's compressed streams.
PDF_INFLATE_BUDGET = 64 * 1024 * 1024
PDF_MAX_PAGES = 500
PDF_MAX_OBJECTS = 100_000
# Names that make a PDF active (scripts, actions, attachments, forms that send or import data).
PDF_ACTIVE_NAMES = frozenset(
    "/" + n
    for n in [
        "JavaScript",
        "JS",
        "OpenAction",
        "AA",
        "Launch",
        "EmbeddedFile",
        "EmbeddedFiles",
        "RichMedia",
        "XFA",
        "SubmitForm",
        "ImportData",
    ]
)

_PDF_ACTIVE = re.compile(
    rb"/(JavaScript|JS|OpenAction|AA|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)"
    rb"(?=[\s()<>\[\]{}/%]|$)"
)
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
_PDF_ENCRYPT = re.compile(rb"/Encrypt(?=[\s()<>\[\]{}/%])")


class UploadRefused(Exception):  # noqa: N818 - reads as what happened
    """The upload breaks a rule; `message` says which, and what to do, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str
    original_name: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def _looks_like_markup(head: bytes) -> bool:
    text = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<", b"<?xml")) or b"<svg" in text or b"<html" in text


def safe_display_name(name: str) -> str:
    """The base name without control or path characters, at most 120 characters."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = re.sub(r"[^\w.\- ()]", "_", base)[:120]
    return base or "dokumen"


def clean_upload(uploaded: UploadedFile) -> CleanFile:
    """Check an uploaded file and return its cleaned content, or raise UploadRefused."""
    limit = settings.MPP_UPLOAD_MAX_BYTES
    size = uploaded.size or 0
    if size > limit:
        raise UploadRefused(
            _("The file is larger than %(mb)d MB. Please upload a smaller scan or photo.")
            % {"mb": limit // (1024 * 1024)}
        )
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(
            _("The file is larger than %(mb)d MB. Please upload a smaller scan or photo.")
            % {"mb": limit // (1024 * 1024)}
        )
    if not data:
        raise UploadRefused(_("The file is empty. Please choose the file again."))
    return clean_bytes(data, uploaded.name or "")


def clean_bytes(data: bytes, name: str) -> CleanFile:
    display = safe_display_name(name)
    extension = os.path.splitext(display)[1].lower()
    claimed = EXTENSIONS.get(extension)
    actual = sniff(data[:16])
    if actual is None:
        if _looks_like_markup(data):
            raise UploadRefused(
                _("Web pages and SVG images are not accepted. Upload a PDF, JPEG or PNG file.")
            )
        raise UploadRefused(
            _("This file is not a PDF, JPEG or PNG file. Please upload a scan or a photo.")
        )
    if claimed is None:
        raise UploadRefused(
            _("Only PDF, JPEG and PNG files are accepted (names ending in .pdf, .jpg or .png).")
        )
    if claimed != actual:
        raise UploadRefused(
            _(
                "The file name says %(claimed)s but the content is %(actual)s. "
                "Please upload the original file without renaming it."
            )
            % {"claimed": KIND_NAMES[claimed], "actual": KIND_NAMES[actual]}
        )
    if actual == PDF:
        check_pdf(data)
        return CleanFile(data, PDF, display)
    content = reencode_image(data, actual)
    return CleanFile(content, actual, display)


def _unescape_names(data: bytes) -> bytes:
    return _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def _inflated_streams(data: bytes) -> Iterator[bytes]:
    """Every stream decoded whatever its filters (mpp/core/pdfstreams.py), one at a time; a
    stream that cannot be decoded, or too much output, refuses the file."""
    try:
        yield from pdfstreams.iter_decoded_streams(data, PDF_INFLATE_BUDGET)
    except pdfstreams.CannotDecode as exc:
        raise UploadRefused(
            _("This PDF is too complex to check. Please print it to a new PDF or scan it.")
        ) from exc


def _refuse_active() -> UploadRefused:
    return UploadRefused(
        _(
            "This PDF contains scripts, automatic actions or attached files, which "
            "are not accepted. Please print it to a new PDF or scan the paper."
        )
    )


def check_pdf(data: bytes) -> None:
    """Refuse PDFs that can run code, open things or carry other files."""
    if b"%%EOF" not in data[-4096:]:
        raise UploadRefused(_("This PDF is damaged or incomplete. Please save or scan it again."))
    for part in itertools.chain([data], _inflated_streams(data)):
        plain = _unescape_names(part)
        if _PDF_ENCRYPT.search(plain):
            raise UploadRefused(
                _("Password-protected PDFs cannot be checked. Please upload an unprotected copy.")
            )
        if _PDF_ACTIVE.search(plain):
            raise _refuse_active()
    _check_pdf_structure(data)


def _unreadable() -> UploadRefused:
    return UploadRefused(
        _("This PDF file cannot be read. Please save it again as a PDF or scan the paper.")
    )


def _check_pdf_structure(data: bytes) -> None:
    """Second layer: open the PDF with pypdf and walk every indirect object (also those in
    object streams, whatever their filters). Any pypdf error refuses the file."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UploadRefused(
                _("Password-protected PDFs cannot be checked. Please upload an unprotected copy.")
            )
        if len(reader.pages) > PDF_MAX_PAGES:
            raise UploadRefused(
                _("This PDF has more than %(n)d pages. Please upload a shorter document.")
                % {"n": PDF_MAX_PAGES}
            )
        _walk_pdf_objects(reader)
    except UploadRefused:
        raise
    except (Exception, RecursionError) as exc:  # pypdf raises many kinds; all mean "unreadable"
        raise _unreadable() from exc


def _walk_pdf_objects(reader: Any) -> None:
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    numbers: set[tuple[int, int]] = {
        (num, gen) for gen, table in reader.xref.items() for num in table
    }
    numbers.update((num, 0) for num in reader.xref_objStm)
    if len(numbers) > PDF_MAX_OBJECTS:
        raise UploadRefused(
            _("This PDF is too complex to check. Please print it to a new PDF or scan it.")
        )
    roots: list[Any] = [reader.trailer]
    for num, gen in numbers:
        obj = reader.get_object(IndirectObject(num, gen, reader))
        if obj is not None:
            roots.append(obj)
    seen: set[int] = set()
    stack = roots
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject) or id(item) in seen:
            continue  # every indirect object is walked from the table above
        if isinstance(item, NameObject):
            if str(item) in PDF_ACTIVE_NAMES:
                raise _refuse_active()
        elif isinstance(item, DictionaryObject):
            seen.add(id(item))
            for key, value in item.items():
                if str(key) in PDF_ACTIVE_NAMES:
                    raise _refuse_active()
                stack.append(value)
        elif isinstance(item, ArrayObject):
            seen.add(id(item))
            stack.extend(item)


def reencode_image(data: bytes, content_type: str) -> bytes:
    """Decode and re-encode an image, downscaled and without metadata."""
    from PIL import Image, ImageOps

    max_side = settings.MPP_UPLOAD_IMAGE_MAX_SIDE
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(BytesIO(data))
            expected = "JPEG" if content_type == JPEG else "PNG"
            if image.format != expected:
                raise UploadRefused(_("This image could not be read. Please take the photo again."))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise UploadRefused(
                    _("This image has too many pixels. Please send a smaller photo.")
                )
            image.load()
            image = ImageOps.exif_transpose(image)
            image.thumbnail((max_side, max_side))
            out = BytesIO()
            if content_type == JPEG:
                image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
            else:
                if image.mode not in {"RGB", "RGBA", "L", "LA"}:
                    image = image.convert("RGBA")
                image.save(out, format="PNG", optimize=True)
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UploadRefused(
            _("This image has too many pixels. Please send a smaller photo.")
        ) from exc
    except Exception as exc:  # Pillow raises many kinds of errors for broken files
        raise UploadRefused(
            _("This image is damaged and could not be read. Please take the photo again.")
        ) from exc
    return out.getvalue()


# --- Private storage -----------------------------------------------------------------------


def _root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def _path(storage_name: str) -> Path:
    path = (_root() / storage_name).resolve()
    if not path.is_relative_to(_root()) or not re.fullmatch(r"[\w/]+\.bin", storage_name):
        raise ValueError("invalid storage name")
    return path


def store(content: bytes) -> str:
    """Encrypt and write `content` under a new random name; return the name."""
    now = timezone.now()
    name = f"applications/{now:%Y}/{now:%m}/{secrets.token_hex(16)}.bin"
    path = _path(name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(crypto.encrypt_bytes(content))
    return name


def load(storage_name: str) -> bytes:
    return crypto.decrypt_bytes(_path(storage_name).read_bytes())


def discard(storage_name: str) -> None:
    with contextlib.suppress(ValueError):
        _path(storage_name).unlink(missing_ok=True)


def rotate_encryption() -> int:
    """Re-encrypt every stored file with the first key (`reencrypt_personal_data`)."""
    from mpp.applications.models import Document

    files = 0
    for document in Document.objects.iterator():
        path = _path(document.storage_name)
        if path.exists():
            token = crypto.fernet().rotate(path.read_bytes())
            temporary = path.with_suffix(".tmp")
            temporary.write_bytes(token)
            temporary.replace(path)
            files += 1
    return files
