"""Small readers of rendered HTML shared by page tests."""

from __future__ import annotations

import re

_SCRIPT = re.compile(r"<script\b[^>]*>")


def scripts_of_the_page(html: str) -> list[str]:
    """The page's own <script> tags: all of them but the site's menu button (menu.js, loaded by
    every page as a progressive enhancement; without it the navigation simply stays open)."""
    return [tag for tag in _SCRIPT.findall(html) if "/menu." not in tag]
