"""One-time survey links and their QR codes (segno, inline SVG: no image files, no CDN)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString

from mpp.core.qr import qr_svg as core_qr_svg
from mpp.feedback.models import SurveyInvitation


def invitation_path(invitation: SurveyInvitation) -> str:
    return reverse("feedback:survey", args=[invitation.token])


def invitation_url(invitation: SurveyInvitation, base: str | None = None) -> str:
    """The absolute link to print on a ticket or send in a notification."""
    return (base or settings.SITE_URL).rstrip("/") + invitation_path(invitation)


def qr_svg(text: str, *, title: str = "") -> SafeString:
    """A survey link or poster QR code (mpp.core.qr, a size larger than the ticket's)."""
    return core_qr_svg(text, title=title, scale=5)
