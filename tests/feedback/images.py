"""Small real images built byte by byte (no Pillow needed), with metadata and payloads to strip."""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body))
        + kind
        + body
        + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    )


def png(
    width: int = 2,
    height: int = 2,
    *,
    text: bytes = b"",
    trailer: bytes = b"",
    declared: tuple[int, int] | None = None,
) -> bytes:
    """A valid RGB PNG; `text` goes into a tEXt chunk, `trailer` after IEND; `declared` puts
    other dimensions in the header than the pixels (a decompression bomb's lie)."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header_w, header_h = declared or (width, height)
    body = b"\x89PNG\r\n\x1a\n" + _chunk(
        b"IHDR", struct.pack(">IIBBBBB", header_w, header_h, 8, 2, 0, 0, 0)
    )
    if text:
        body += _chunk(b"tEXt", b"Comment\x00" + text)
    body += _chunk(b"IDAT", zlib.compress(raw)) + _chunk(b"IEND", b"")
    return body + trailer


def jpeg(*, exif: bytes = b"", trailer: bytes = b"", width: int = 8, height: int = 8) -> bytes:
    """A structurally valid baseline JPEG skeleton (markers, lengths, one scan)."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    app1 = b"\xff\xe1" + struct.pack(">H", len(exif) + 8) + b"Exif\x00\x00" + exif if exif else b""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + app0 + app1 + sof + sos + b"\x12\x34\xff\x00\x56" + b"\xff\xd9" + trailer
