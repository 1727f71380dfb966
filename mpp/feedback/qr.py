"""One-time survey links and their QR codes (segno, inline SVG: no image files, no CDN)."""

from __future__ import annotations

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from mpp.feedback.models import SurveyInvitation


def invitation_path(invitation: SurveyInvitation) -> str:
    return reverse("feedback:survey", args=[invitation.token])


def invitation_url(invitation: SurveyInvitation, base: str | None = None) -> str:
    """The absolute link to print on a ticket or send in a notification."""
    return (base or settings.SITE_URL).rstrip("/") + invitation_path(invitation)


def qr_svg(text: str, *, title: str = "") -> SafeString:
    """An inline SVG QR code. segno escapes the title; the content is drawn, not embedded."""
    code = segno.make(text, error="m")
    svg = code.svg_inline(scale=5, border=2, dark="#1b1b1b", title=title or None)
    return mark_safe(svg)  # noqa: S308 — segno builds the markup; `title` is escaped by segno
