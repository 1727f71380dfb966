"""Small readers of rendered HTML shared by page tests."""

from __future__ import annotations

import re

_SCRIPT = re.compile(r"<script\b[^>]*>")


def scripts_of_the_page(html: str) -> list[str]:
    """The page's own <script> tags: all of them but the site's menu button (menu.js, loaded by
    every page as a progressive enhancement; without it the navigation simply stays open)."""
    return [tag for tag in _SCRIPT.findall(html) if "/menu." not in tag]


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def without_csrf(html: str) -> str:
    """The page without its CSRF tokens: random per response and long enough to hold a short
    name or four digits now and then ("Bima" once failed CI), so a test that checks a page
    shows nothing of a person searches the rest."""
    return _CSRF.sub("", html)
