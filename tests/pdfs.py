"""Reading and looking at generated PDF reports in tests.

`pdf_pages` extracts the text of every page (pypdf, pure Python). `render_pages` turns the
PDF into one PNG per page with poppler's `pdftoppm`, for people to look at, under
`var/reports/` (ignored by git) or `MPP_REPORT_PNG_DIR`; tests that need it skip, saying
why, where poppler-utils is not installed (`apt-get install poppler-utils`).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mpp.core.pdf import PdfUnavailableError, html_to_pdf

REPO_ROOT = Path(__file__).resolve().parent.parent
PNG_DIR = REPO_ROOT / os.environ.get("MPP_REPORT_PNG_DIR", "var/reports")


def weasyprint_or_skip() -> None:
    try:
        html_to_pdf("<p>x</p>")
    except PdfUnavailableError as exc:
        pytest.skip(f"WeasyPrint/Pango not installed here, PDF reports unavailable: {exc}")


def pdf_pages(content: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return [page.extract_text() or "" for page in reader.pages]


def pdf_has_form_fields(content: bytes) -> bool:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return bool(reader.get_fields())


def page_sizes_mm(content: bytes) -> list[tuple[int, int]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return [
        (round(float(p.mediabox.width) * 25.4 / 72), round(float(p.mediabox.height) * 25.4 / 72))
        for p in reader.pages
    ]


def render_pages(content: bytes, name: str, *, dpi: int = 60) -> list[Path]:
    """PNG pages of the PDF under var/reports/<name>-N.png (old pages of that name removed)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian package poppler-utils) is not installed: cannot render PNGs")
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for old in PNG_DIR.glob(f"{name}-*.png"):
        old.unlink()
    pdf = PNG_DIR / f"{name}.pdf"
    pdf.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(PNG_DIR / name)],
        check=True,
        timeout=120,
    )
    return sorted(PNG_DIR.glob(f"{name}-*.png"))
