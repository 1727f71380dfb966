"""Decoding every stream of an uploaded PDF, whatever its filters (issue 10.3).

The upload filter (mpp/applications/documents.py) looks for active content (/JavaScript,
/OpenAction …) in the file *and* in every stream, because a catalog or an action can sit in a
compressed object stream. Readers accept any standard filter chain there, so we decode them
all: FlateDecode, ASCIIHexDecode, ASCII85Decode, LZWDecode, RunLengthDecode (and their short
names). A stream we cannot decode is refused, not skipped — except image data (DCT, JPX,
CCITTFax, JBIG2 as the last filter), which cannot hold PDF objects. A predictor (DecodeParms
/Predictor) would scramble the decoded bytes, so it is accepted only on cross-reference streams
and images. The total output is capped (`budget`) against decompression bombs.

Pure Python, no dependency: the first of two layers; the second opens the file with pypdf.
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Iterator

_STREAM = re.compile(rb"stream\r?\n")
_END = re.compile(rb"\r?\n?endstream")
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

IMAGE_FILTERS = {b"DCTDecode", b"DCT", b"JPXDecode", b"CCITTFaxDecode", b"CCF", b"JBIG2Decode"}
ALIASES = {b"Fl": b"FlateDecode", b"AHx": b"ASCIIHexDecode", b"A85": b"ASCII85Decode",
           b"LZW": b"LZWDecode", b"RL": b"RunLengthDecode"}  # fmt: skip


class CannotDecode(Exception):  # noqa: N818 - reads as what happened
    """A stream whose filters we cannot decode, or the budget is spent."""


def _unescape(data: bytes) -> bytes:
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def filters_of(header: bytes) -> list[bytes]:
    found = _FILTER.search(_unescape(header))
    if not found:
        return []
    return [ALIASES.get(n, n) for n in _NAME.findall(found.group(1))]


def _flate(data: bytes, budget: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, budget + 1)
    except zlib.error as exc:
        raise CannotDecode("flate") from exc
    if len(out) > budget or inflater.unconsumed_tail:
        raise CannotDecode("budget")
    return out


def _ascii_hex(data: bytes) -> bytes:
    text = re.sub(rb"\s", b"", data.split(b">", 1)[0])
    if len(text) % 2:
        text += b"0"
    try:
        return bytes.fromhex(text.decode("ascii"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise CannotDecode("hex") from exc


def _ascii85(data: bytes) -> bytes:
    text = re.sub(rb"\s", b"", data)
    if text.startswith(b"<~"):
        text = text[2:]
    text = text.split(b"~>", 1)[0]
    try:
        return base64.a85decode(text)
    except ValueError as exc:
        raise CannotDecode("a85") from exc


def _run_length(data: bytes, budget: int) -> bytes:
    out = bytearray()
    i = 0
    while i < len(data):
        length = data[i]
        if length == 128:
            break
        if length < 128:
            out += data[i + 1 : i + 2 + length]
            i += length + 2
        else:
            out += data[i + 1 : i + 2] * (257 - length)
            i += 2
        if len(out) > budget:
            raise CannotDecode("budget")
    return bytes(out)


def _lzw(data: bytes, budget: int) -> bytes:
    """LZW as in PDF (early change 1, 9–12 bit codes, MSB first)."""
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    out = bytearray()
    width, bits, value, previous = 9, 0, 0, b""
    for byte in data:
        value = (value << 8) | byte
        bits += 8
        while bits >= width:
            bits -= width
            code = (value >> bits) & ((1 << width) - 1)
            if code == 256:
                table, width, previous = table[:258], 9, b""
                continue
            if code == 257:
                return bytes(out)
            if code < len(table):
                entry = table[code]
                if previous:
                    table.append(previous + entry[:1])
            elif code == len(table) and previous:
                entry = previous + previous[:1]
                table.append(entry)
            else:
                raise CannotDecode("lzw")
            out += entry
            if len(out) > budget:
                raise CannotDecode("budget")
            previous = entry
            if len(table) + 1 >= (1 << width) and width < 12:
                width += 1
    return bytes(out)


def decode(data: bytes, filters: list[bytes], budget: int) -> bytes | None:
    """The decoded stream, or None for image data (nothing to read for actions)."""
    for position, name in enumerate(filters):
        if name in IMAGE_FILTERS:
            if position == len(filters) - 1:
                return None
            raise CannotDecode("image filter in the middle")
        if name == b"FlateDecode":
            data = _flate(data, budget)
        elif name == b"ASCIIHexDecode":
            data = _ascii_hex(data)
        elif name == b"ASCII85Decode":
            data = _ascii85(data)
        elif name == b"LZWDecode":
            data = _lzw(data, budget)
        elif name == b"RunLengthDecode":
            data = _run_length(data, budget)
        else:
            raise CannotDecode(name.decode("latin-1"))
        if len(data) > budget:
            raise CannotDecode("budget")
    return data


def decoded_streams(pdf: bytes, budget: int) -> list[bytes]:
    """Every stream of the file, decoded. Raises CannotDecode (refuse the upload)."""
    return list(iter_decoded_streams(pdf, budget))


def iter_decoded_streams(pdf: bytes, budget: int) -> Iterator[bytes]:
    """Like decoded_streams, one stream at a time, so that the caller holds one decoded
    stream in memory, not all of them (the budget still counts the total)."""
    position = 0
    while True:
        start = _STREAM.search(pdf, position)
        if start is None:
            return
        end = _END.search(pdf, start.end())
        if end is None:
            raise CannotDecode("unterminated stream")
        # The stream's dictionary: from the last "n g obj" before it.
        window = pdf[max(0, start.start() - 4096) : start.start()]
        objects = list(_OBJ.finditer(window))
        header = _unescape(window[objects[-1].end() :] if objects else window)
        raw = pdf[start.end() : end.start()]
        position = end.end()
        filters = filters_of(header)
        if not filters:
            continue  # plain bytes: the caller reads the file itself
        if b"/Predictor" in header and not re.search(rb"/Type\s*/XRef|/Subtype\s*/Image", header):
            raise CannotDecode("predictor")
        decoded = decode(raw, filters, budget)
        if decoded is not None and not re.search(rb"/Type\s*/XRef", header):
            budget -= len(decoded)
            if budget < 0:
                raise CannotDecode("budget")
            yield decoded
