"""The spoken call: Indonesian number words and the rendered segments."""

from __future__ import annotations

import wave

import pytest

from mpp.queueing import voice


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, ["nol", "nol", "satu"]),
        (10, ["nol", "sepuluh"]),
        (11, ["nol", "sebelas"]),
        (12, ["nol", "dua", "belas"]),
        (20, ["nol", "dua", "puluh"]),
        (21, ["nol", "dua", "puluh", "satu"]),
        (100, ["seratus"]),
        (115, ["seratus", "lima", "belas"]),
        (999, ["sembilan", "ratus", "sembilan", "puluh", "sembilan"]),
        (1000, ["seribu"]),
        (2024, ["dua", "ribu", "dua", "puluh", "empat"]),
    ],
)
def test_ticket_number_words(number, words):
    assert voice.ticket_number_words("A", number) == ["huruf-a", *words]


def test_call_text_matches_issue_example():
    assert voice.call_text("A", 12, 5) == "Nomor antrian A nol dua belas, silakan menuju loket lima"


def test_every_segment_of_a_call_is_known():
    for number in (1, 10, 12, 20, 100, 120, 999):
        for segment in voice.call_segments("KB", number, 12):
            assert segment in voice.SEGMENTS


def test_segments_render_to_wav(tmp_path, settings):
    settings.MPP_VOICE_DIR = str(tmp_path)
    if not voice.synthesiser_available():
        pytest.skip("espeakng-loader is not installed")

    path = voice.segment_path("nomor-antrian")
    chime = voice.segment_path("chime")

    with wave.open(str(path)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert 0.4 < seconds < 2.5
    assert chime is not None and chime.stat().st_size > 10_000
    assert voice.segment_path("../etc/passwd") is None
