"""QR codes as inline SVG (segno): no image files, no CDN, CSP-friendly. The one renderer for
ticket and booking links, survey links and posters, room check-in and the staff TOTP setup."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(
    text: str,
    *,
    title: str = "",
    scale: int = 4,
    dark: str = "#1b1b1b",
    sized: bool = True,
    css_class: str = "segno",
) -> SafeString:
    """An inline `<svg>` QR code of `text` (error correction M, quiet zone of 2 modules).

    `sized=False` leaves only a viewBox, so CSS sets the size (the ticket and the kiosk).
    segno escapes `title`; the content is drawn, never embedded as markup.
    """
    code = segno.make(text, error="m")
    svg = code.svg_inline(
        scale=scale,
        border=2,
        dark=dark,
        title=title or None,
        omitsize=not sized,
        svgclass=css_class,
    )
    return mark_safe(svg)  # noqa: S308 - segno builds the markup and escapes the title
