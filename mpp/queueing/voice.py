"""Spoken calls in Indonesian, from short audio segments rendered on this server.

"Nomor antrian A nol dua belas, silakan menuju loket lima": the number's leading zeros are read
as "nol", the rest as an Indonesian number, as in the issue's example (A-001 "A nol nol satu",
A-010 "A nol sepuluh", A-100 "A seratus"). The board plays a chime, then the segments in order,
through the Web Audio API, one call at a time.

The segments are synthesised with eSpeak NG's Indonesian voice from the `espeakng-loader`
wheel (the library and its data ship inside the Python package: no system voice, no internet),
once, on first use, into `MPP_VOICE_DIR` (default var/voice). `manage.py render_queue_voice`
renders them all ahead of time. Without the package the board falls back to the browser's
speech synthesis and says so.
"""

from __future__ import annotations

import array
import contextlib
import ctypes
import io
import logging
import math
import os
import re
import threading
import wave
from pathlib import Path
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

_UNITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]

# Indonesian letter names, as a speaker spells them (B = "be", K = "ka", Q = "ki", X = "eks").
LETTER_NAMES = {
    "A": "a", "B": "be", "C": "ce", "D": "de", "E": "e", "F": "ef", "G": "ge", "H": "ha",
    "I": "i", "J": "je", "K": "ka", "L": "el", "M": "em", "N": "en", "O": "o", "P": "pe",
    "Q": "ki", "R": "er", "S": "es", "T": "te", "U": "u", "V": "fe", "W": "we", "X": "eks",
    "Y": "ye", "Z": "zet",
}  # fmt: skip

PHRASES = {
    "nomor-antrian": "Nomor antrian",
    "silakan-menuju-loket": "silakan menuju loket",
}
WORDS = {w: w for w in [*_UNITS, "sepuluh", "sebelas", "belas", "puluh", "seratus", "ratus",
                        "seribu", "ribu"]}  # fmt: skip
SEGMENTS: dict[str, str] = {
    **PHRASES,
    **WORDS,
    **{f"huruf-{k.lower()}": v for k, v in LETTER_NAMES.items()},
}
CHIME = "chime"
_NAME = re.compile(r"^[a-z\-]{1,30}$")


def number_words(n: int) -> list[str]:  # noqa: PLR0911 - one return per range reads as a table
    """Indonesian words for 0 <= n < 1,000,000 (Ejaan: sepuluh, sebelas, seratus, seribu)."""
    if n < 0 or n >= 1_000_000:
        raise ValueError(n)
    if n < 10:
        return [_UNITS[n]]
    if n == 10:
        return ["sepuluh"]
    if n == 11:
        return ["sebelas"]
    if n < 20:
        return [_UNITS[n - 10], "belas"]
    if n < 100:
        tens, rest = divmod(n, 10)
        return [_UNITS[tens], "puluh"] + (number_words(rest) if rest else [])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = ["seratus"] if hundreds == 1 else [_UNITS[hundreds], "ratus"]
        return head + (number_words(rest) if rest else [])
    thousands, rest = divmod(n, 1000)
    head = ["seribu"] if thousands == 1 else [*number_words(thousands), "ribu"]
    return head + (number_words(rest) if rest else [])


def ticket_number_words(prefix: str, number: int, width: int = 3) -> list[str]:
    """Segments for "A-012": letter names, a "nol" per leading zero, then the number."""
    letters = [f"huruf-{c.lower()}" for c in prefix if c.upper() in LETTER_NAMES]
    digits = f"{number:0{width}d}"
    zeros = len(digits) - len(digits.lstrip("0"))
    return letters + ["nol"] * zeros + number_words(number)


def call_segments(prefix: str, number: int, counter_number: int) -> list[str]:
    return [
        "nomor-antrian",
        *ticket_number_words(prefix, number),
        "silakan-menuju-loket",
        *number_words(counter_number),
    ]


def call_text(prefix: str, number: int, counter_number: int) -> str:
    """The same call as one sentence, for the browser's speech synthesis."""
    digits = f"{number:03d}"
    zeros = len(digits) - len(digits.lstrip("0"))
    spoken_number = " ".join(["nol"] * zeros + number_words(number))
    return (
        f"Nomor antrian {' '.join(prefix)} {spoken_number}, "
        f"silakan menuju loket {' '.join(number_words(counter_number))}"
    )


# --- Rendering ----------------------------------------------------------------------------------

_lock = threading.Lock()
_engine: dict[str, object] = {}


def voice_dir() -> Path:
    configured = getattr(settings, "MPP_VOICE_DIR", "")
    return Path(configured) if configured else Path(settings.BASE_DIR) / "var" / "voice"


def synthesiser_available() -> bool:
    try:
        import espeakng_loader  # noqa: F401
    except ImportError:
        return False
    return True


def _espeak() -> tuple[object, int]:
    """Load libespeak-ng from the espeakng-loader wheel once per process."""
    if "lib" not in _engine:
        import espeakng_loader

        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        rate = lib.espeak_Initialize(2, 0, espeakng_loader.get_data_path().encode(), 0)
        if rate <= 0:
            raise RuntimeError("eSpeak NG could not start")
        if lib.espeak_SetVoiceByName(b"id") != 0:
            raise RuntimeError("eSpeak NG has no Indonesian voice")
        lib.espeak_SetParameter(1, 150, 0)  # rate: words per minute, a calm announcer
        _engine["lib"], _engine["rate"] = lib, rate
    return _engine["lib"], int(_engine["rate"])  # type: ignore[call-overload]


_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


def synthesise(text: str) -> tuple[bytes, int]:
    """16-bit mono PCM of `text` spoken in Indonesian, and its sample rate."""
    with _lock:  # eSpeak NG is not thread-safe
        lib, rate = _espeak()
        chunks: list[bytes] = []

        @_CALLBACK
        def collect(wav: Any, count: int, _events: object) -> int:
            if wav and count > 0:
                chunks.append(ctypes.string_at(wav, count * 2))
            return 0

        lib.espeak_SetSynthCallback(collect)  # type: ignore[attr-defined]
        data = text.encode()
        lib.espeak_Synth(data, len(data) + 1, 0, 0, 0, 0, None, None)  # type: ignore[attr-defined]
        lib.espeak_Synchronize()  # type: ignore[attr-defined]
    return _trim(b"".join(chunks), rate), rate


def _trim(pcm: bytes, rate: int, threshold: int = 300) -> bytes:
    """Cut the synthesiser's leading and trailing silence, keeping 40 ms either side, so the
    joined segments sound like one sentence."""
    samples = array.array("h")
    samples.frombytes(pcm)
    loud = [i for i, s in enumerate(samples) if abs(s) > threshold]
    if not loud:
        return pcm
    pad = int(rate * 0.04)
    start, end = max(0, loud[0] - pad), min(len(samples), loud[-1] + pad)
    return samples[start:end].tobytes()


def chime(rate: int = 22050) -> bytes:
    """A two-tone "ding-dong" (E6 then C6) with a soft decay, made here, not recorded."""
    samples = array.array("h")
    for freq, seconds in ((1318.5, 0.45), (1046.5, 0.7)):
        total = int(rate * seconds)
        for i in range(total):
            t = i / rate
            envelope = math.exp(-4.0 * t) * min(1.0, i / (rate * 0.01))
            value = 0.55 * math.sin(2 * math.pi * freq * t) + 0.15 * math.sin(
                2 * math.pi * 2 * freq * t
            )
            samples.append(int(12000 * envelope * value))
    return samples.tobytes()


def _wav(pcm: bytes, rate: int) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm)
    return out.getvalue()


def segment_path(name: str) -> Path | None:
    """The WAV file of segment `name`, rendering it on first use; None when it cannot be."""
    if name != CHIME and name not in SEGMENTS:
        return None
    if not _NAME.match(name):
        return None
    path = voice_dir() / f"{name}.wav"
    if path.exists():
        return path
    try:
        if name == CHIME:
            audio = _wav(chime(), 22050)
        else:
            if not synthesiser_available():
                return None
            pcm, rate = synthesise(SEGMENTS[name])
            audio = _wav(pcm, rate)
    except Exception:
        logger.warning("Could not render voice segment %s", name, exc_info=True)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    # A name of its own per process and thread: two renderers of the same segment (two servers
    # starting, two test runs) never write or rename each other's half-written file.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(audio)
    tmp.replace(path)  # atomic: a concurrent reader never sees half a file
    return path


def render_all() -> tuple[int, int]:
    """Render every segment; returns (rendered or present, failed)."""
    done = failed = 0
    for name in [CHIME, *SEGMENTS]:
        if segment_path(name) is None:
            failed += 1
        else:
            done += 1
    return done, failed


def voice_available() -> bool:
    with contextlib.suppress(Exception):
        return synthesiser_available() or (voice_dir() / "nomor-antrian.wav").exists()
    return False
