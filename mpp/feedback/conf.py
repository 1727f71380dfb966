"""The feedback app's settings with their defaults (set them in mpp/settings.py or the
environment; docs/adr/0008-feedback.md explains each choice)."""

from __future__ import annotations

from django.conf import settings

from mpp.feedback.enums import ComplaintCategory

DEFAULT_CATEGORY_WORKING_DAYS = {
    ComplaintCategory.LIGHT: 2,
    ComplaintCategory.NORMATIVE: 5,
    ComplaintCategory.NON_SUPERVISORY: 14,
    ComplaintCategory.SUPERVISORY: 60,
}


def verify_working_days() -> int:
    """SP4N-LAPOR!: the complaint is verified and forwarded within 3 working days."""
    return int(getattr(settings, "FEEDBACK_VERIFY_WORKING_DAYS", 3))


def category_working_days(category: str) -> int:
    """The agency's follow-up limit for a resolution category (normatif: 5 working days)."""
    table = {
        **DEFAULT_CATEGORY_WORKING_DAYS,
        **getattr(settings, "FEEDBACK_CATEGORY_WORKING_DAYS", {}),
    }
    return int(table.get(category, table[ComplaintCategory.NORMATIVE]))


def response_working_days() -> int:
    """How long the reporter may respond to an answer before the complaint closes by itself."""
    return int(getattr(settings, "FEEDBACK_RESPONSE_WORKING_DAYS", 10))


def invitation_days() -> int:
    """Calendar days a one-time survey link stays valid."""
    return int(getattr(settings, "FEEDBACK_SURVEY_INVITATION_DAYS", 14))


def photo_max_bytes() -> int:
    return int(getattr(settings, "FEEDBACK_PHOTO_MAX_BYTES", 5 * 1024 * 1024))


def photo_max_pixels() -> int:
    """Refuse decompression bombs: width × height of an accepted photo."""
    return int(getattr(settings, "FEEDBACK_PHOTO_MAX_PIXELS", 40_000_000))


def photo_max_png_pixels() -> int:
    """PNG has no reduced-size decoding: a smaller pixel limit bounds the bitmap in memory."""
    return int(getattr(settings, "FEEDBACK_PHOTO_MAX_PNG_PIXELS", 16_000_000))


def photo_max_side() -> int:
    """Stored photos are downscaled to at most this many pixels on the longest side."""
    return int(getattr(settings, "FEEDBACK_PHOTO_MAX_SIDE", 2048))


def open311_jurisdiction() -> str:
    return str(getattr(settings, "OPEN311_JURISDICTION_ID", "ngawikab.go.id"))


def track_attempts_per_hour() -> int:
    """Failed tracking attempts allowed per complaint code and per client address in an hour."""
    return int(getattr(settings, "FEEDBACK_TRACK_ATTEMPTS_PER_HOUR", 10))
