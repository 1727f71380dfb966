"""Complaint photos: accepted by content, not by name or declared type.

Rules (docs/reliability.md §1.4, §3; ASVS 5.0 V5):

- JPEG or PNG only, recognised by their magic bytes; the client's file name and
  Content-Type are ignored, the stored name is server-generated.
- At most `FEEDBACK_PHOTO_MAX_BYTES` (5 MiB) and `FEEDBACK_PHOTO_MAX_PIXELS` pixels, so a small
  file cannot unpack into a huge bitmap.
- With Pillow installed the image is decoded and re-encoded, which drops every payload and all
  metadata. Without Pillow the file's structure is walked instead: every JPEG segment and PNG
  chunk is checked (PNG CRCs included), metadata (EXIF with its GPS position, comments, text
  chunks) is dropped and anything after the end marker is cut off, so an appended HTML or
  script payload never reaches the disk.
- The file lives under MEDIA_ROOT (outside the web root) and is only ever streamed by a
  permission-checked view as an attachment with `nosniff`.
"""

from __future__ import annotations

import io
import struct
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from mpp.accounts import crypto
from mpp.feedback import conf
from mpp.feedback.errors import FeedbackError

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

# JPEG markers kept when walking the file: APP0 (JFIF) and APP14 (Adobe colour transform) are
# needed to decode; other APPn (EXIF, XMP, ICC …) and COM are metadata.
_JPEG_KEEP_APP = {0xE0, 0xEE}
_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"pHYs"}


class PhotoRejectedError(FeedbackError):
    def __init__(self, message: str) -> None:
        super().__init__(message, field="photo")


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    content_type: str
    extension: str
    width: int
    height: int


def read_limited(stream: IO[bytes], limit: int | None = None) -> bytes:
    limit = conf.photo_max_bytes() if limit is None else limit
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise PhotoRejectedError(
            _("The photo is too large. Send a photo of at most %(mb)s MB.")
            % {"mb": limit // (1024 * 1024)}
        )
    return data


def clean_photo(data: bytes) -> CleanPhoto:
    """Validate and strip an uploaded photo; raise PhotoRejectedError with a message to show."""
    if len(data) > conf.photo_max_bytes():
        raise PhotoRejectedError(
            _("The photo is too large. Send a photo of at most %(mb)s MB.")
            % {"mb": conf.photo_max_bytes() // (1024 * 1024)}
        )
    if data.startswith(JPEG_MAGIC):
        kind = "jpeg"
    elif data.startswith(PNG_MAGIC):
        kind = "png"
    else:
        raise PhotoRejectedError(_("This file is not a photo. Send a JPEG or PNG picture."))
    try:
        return _reencode(data, kind)
    except ImportError:
        return _strip_jpeg(data) if kind == "jpeg" else _strip_png(data)


#: At most this many photos are decoded at once per process, so concurrent uploads cannot add
#: up to gigabytes (issue 10.3); others wait their turn.
_DECODING = threading.BoundedSemaphore(2)


def photo_stream(complaint: Any) -> IO[bytes]:
    """The stored photo's bytes, decrypted (photos stored before encryption are read as is)."""
    with complaint.photo.open("rb") as handle:
        data = handle.read()
    if complaint.photo.name.endswith(".bin"):
        data = crypto.decrypt_bytes(data)
    return io.BytesIO(data)


def rotate_photo_encryption() -> int:
    """Re-encrypt every stored complaint photo with the first key (`manage.py
    reencrypt_personal_data`); returns how many were rewritten."""
    from mpp.feedback.models import Complaint

    rewritten = 0
    for complaint in Complaint.objects.filter(photo__endswith=".bin").iterator():
        path = Path(complaint.photo.path)
        if path.exists():
            temporary = path.with_suffix(".tmp")
            temporary.write_bytes(crypto.fernet().rotate(path.read_bytes()))
            temporary.replace(path)
            rewritten += 1
    return rewritten


def _too_big(width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise PhotoRejectedError(_("The photo is damaged. Take the photo again and send it."))
    if width * height > conf.photo_max_pixels():
        raise PhotoRejectedError(_("The photo has too many pixels. Send a smaller picture."))


def _reencode(data: bytes, kind: str) -> CleanPhoto:
    from PIL import Image, UnidentifiedImageError

    try:
        # Only the header is read here: the size is checked before anything is decoded.
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in {"JPEG", "PNG"}:
                raise PhotoRejectedError(_("This file is not a photo. Send a JPEG or PNG picture."))
            _too_big(*probe.size)
            if (
                probe.format == "PNG"
                and probe.size[0] * probe.size[1] > conf.photo_max_png_pixels()
            ):
                raise PhotoRejectedError(
                    _("The photo has too many pixels. Send a smaller picture.")
                )
            probe.verify()
        side = conf.photo_max_side()
        with _DECODING, Image.open(io.BytesIO(data)) as image:
            if image.format == "JPEG":
                image.draft("RGB", (side, side))  # decode at reduced scale: less memory
            image.load()
            image.thumbnail((side, side))
            out = io.BytesIO()
            if kind == "jpeg":
                image.convert("RGB").save(out, format="JPEG", quality=85)
            else:
                mode = image.mode if image.mode in {"RGB", "RGBA", "L", "LA", "P"} else "RGBA"
                image.convert(mode).save(out, format="PNG", optimize=True)
            width, height = image.size
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise PhotoRejectedError(
            _("The photo is damaged. Take the photo again and send it.")
        ) from exc
    if kind == "jpeg":
        return CleanPhoto(out.getvalue(), "image/jpeg", "jpg", width, height)
    return CleanPhoto(out.getvalue(), "image/png", "png", width, height)


def _damaged() -> PhotoRejectedError:
    return PhotoRejectedError(_("The photo is damaged. Take the photo again and send it."))


def _strip_jpeg(data: bytes) -> CleanPhoto:
    out = bytearray(b"\xff\xd8")
    pos = 2
    width = height = 0
    size = len(data)
    while True:
        if pos + 4 > size or data[pos] != 0xFF:
            raise _damaged()
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9 or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            raise _damaged()  # EOI or RSTn before any scan: not a picture
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if length < 2 or end > size:
            raise _damaged()
        segment = data[pos:end]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            if length < 8:
                raise _damaged()
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            _too_big(width, height)
        if marker == 0xDA:  # start of scan: entropy-coded data up to EOI follows
            if not width:
                raise _damaged()
            eoi = data.find(b"\xff\xd9", end)
            if eoi < 0:
                raise _damaged()
            # Progressive files hold several scans with tables between them; FF D9 cannot
            # occur inside entropy-coded data (FF is always stuffed), so the first one after
            # a scan is the end of the image. Anything after it is dropped.
            out += data[pos : eoi + 2]
            return CleanPhoto(bytes(out), "image/jpeg", "jpg", width, height)
        if not (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEEP_APP) and marker != 0xFE:
            out += segment
        pos = end


def _strip_png(data: bytes) -> CleanPhoto:
    out = bytearray(PNG_MAGIC)
    pos = len(PNG_MAGIC)
    width = height = 0
    seen_idat = False
    while True:
        if pos + 12 > len(data):
            raise _damaged()
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data) or length > 0x7FFFFFFF:
            raise _damaged()
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : end])
        if zlib.crc32(ctype + body) & 0xFFFFFFFF != crc:
            raise _damaged()
        if pos == len(PNG_MAGIC):
            if ctype != b"IHDR" or length != 13:
                raise _damaged()
            width, height = struct.unpack(">II", body[:8])
            _too_big(width, height)
        if ctype == b"IDAT":
            seen_idat = True
        if ctype in _PNG_KEEP:
            out += data[pos:end]
        if ctype == b"IEND":
            if not seen_idat:
                raise _damaged()
            return CleanPhoto(bytes(out), "image/png", "png", width, height)
        pos = end
