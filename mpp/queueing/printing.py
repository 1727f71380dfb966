"""Ticket output: QR codes as inline SVG and, where a receipt printer is configured, ESC/POS.

`MPP_RECEIPT_PRINTER` (environment/settings), e.g. ``network:192.168.1.50`` or
``usb:0x0416:0x5011``. Empty (the default): no ESC/POS; the kiosk prints the HTML print view
(58 or 80 mm, `MPP_RECEIPT_WIDTH_MM`) through the browser. python-escpos is imported only
when a printer is configured, and it is an optional dependency (`pip install python-escpos`).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.safestring import SafeString

from mpp.core.qr import qr_svg as core_qr_svg

logger = logging.getLogger(__name__)


def qr_svg(url: str, *, scale: int = 4, title: str = "") -> SafeString:
    """The ticket's QR code: black, sized by CSS (class `qr`); see mpp.core.qr."""
    return core_qr_svg(url, title=title, scale=scale, dark="#000", sized=False, css_class="qr")


def printer_target() -> str:
    return str(getattr(settings, "MPP_RECEIPT_PRINTER", "") or "")


def print_escpos(*, lines: list[str], number: str, url: str) -> bool:
    """Print a ticket on the configured ESC/POS printer. Returns False (and logs) when no
    printer is configured or printing fails; the caller then shows the HTML ticket."""
    target = printer_target()
    if not target:
        return False
    try:
        from escpos import printer as escpos_printer  # optional, lazily imported

        kind, _, address = target.partition(":")
        if kind == "network":
            device = escpos_printer.Network(address, timeout=3)
        elif kind == "usb":
            vendor, _, product = address.partition(":")
            device = escpos_printer.Usb(int(vendor, 16), int(product, 16))
        else:
            logger.warning("Unknown MPP_RECEIPT_PRINTER kind %r", kind)
            return False
        device.set(align="center", bold=True, double_height=True, double_width=True)
        device.text(number + "\n")
        device.set(align="center", bold=False, double_height=False, double_width=False)
        for line in lines:
            device.text(line + "\n")
        device.qr(url, size=6)
        device.cut()
        device.close()
    except Exception:
        logger.warning("Receipt printer %s failed", target, exc_info=True)
        return False
    return True
