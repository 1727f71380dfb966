"""Helpers for browser journeys: accessibility checks, screenshots, page errors.

Import them in a journey module: ``from tests.e2e.helpers import axe_check, screenshot``.
The fixtures (browser, pages, live server, demo data) are in tests/e2e/conftest.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

E2E_DIR = Path(__file__).resolve().parent
REPO_ROOT = E2E_DIR.parent.parent
# Test runs write screenshots under var/ (ignored by git), so a run never dirties the tree;
# `MPP_SCREENSHOT_DIR` moves them; the committed contact sheet is made by scripts/screenshots.py.
SCREENSHOT_DIR = REPO_ROOT / os.environ.get("MPP_SCREENSHOT_DIR", "var/screenshots")
AXE_PATH = E2E_DIR / "node_modules" / "axe-core" / "axe.min.js"

# The WCAG 2.0/2.1/2.2 A and AA rules plus axe's best practices (landmarks, heading order…).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_BLOCKING_IMPACTS = ("serious", "critical")

_AXE_RUN = """async ([tags, disabled]) => {
    const rules = Object.fromEntries(disabled.map((id) => [id, {enabled: false}]));
    const result = await window.axe.run(document, {
        runOnly: {type: "tag", values: tags}, rules, resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
            target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary,
        })),
    }));
}"""


def axe_violations(
    page: Any, *, tags: list[str] | None = None, disable_rules: list[str] | None = None
) -> list[dict[str, Any]]:
    """Every axe-core violation on the page as it is now (all impacts).

    Skips the test, saying why, when axe-core is not installed (``make e2e-deps``).
    """
    if not AXE_PATH.is_file():
        pytest.skip(
            f"Accessibility checks skipped: axe-core not found at {AXE_PATH}; run "
            "`make e2e-deps` (npm install in tests/e2e) to install it"
        )
    # Evaluated through the DevTools protocol instead of being added as a <script> element, so
    # the page's Content-Security-Policy (script-src 'self') stays in force: the journeys then
    # also prove our own pages need no inline script. No `bypass_csp` needed.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    return page.evaluate(_AXE_RUN, [tags or AXE_TAGS, disable_rules or []])


def axe_check(
    page: Any,
    *,
    impacts: tuple[str, ...] = AXE_BLOCKING_IMPACTS,
    tags: list[str] | None = None,
    disable_rules: list[str] | None = None,
) -> list[dict[str, Any]]:
    """The serious and critical axe-core violations on the page as it is now; ``[]`` if none.

    Use ``violations = axe_check(page); assert violations == [], format_violations(violations)``.
    If you disable a rule, say why next to the call; a real violation is fixed in the template.
    """
    violations = axe_violations(page, tags=tags, disable_rules=disable_rules)
    return [v for v in violations if v["impact"] in impacts]


def format_violations(violations: list[dict[str, Any]], where: str = "") -> str:
    """A readable assertion message: rule, impact, help link and the first offending nodes."""
    place = f" on {where}" if where else ""
    lines = [f"axe-core found {len(violations)} violation(s){place}:"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html']}\n      {node['summary']}")
    return "\n".join(lines)


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot as <SCREENSHOT_DIR>/<name>-<viewport width>.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}-{page.viewport_size['width']}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
    return path


_ERRORS: dict[int, list[str]] = {}


def watch_page_errors(page: Any) -> None:
    """Start recording JavaScript exceptions and console errors of a page (``new_page`` does)."""
    errors = _ERRORS.setdefault(id(page), [])
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on(
        "console",
        lambda msg: (
            errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )


def forget_page_errors(page: Any) -> None:
    _ERRORS.pop(id(page), None)


def page_errors(page: Any) -> list[str]:
    """JavaScript exceptions and console errors seen so far on a page made by ``new_page``.

    A Content-Security-Policy refusal (an inline script, a script from another origin) is logged
    as a console error, so ``assert page_errors(page) == []`` also checks that our CSP holds.
    """
    return list(_ERRORS.get(id(page), []))


def horizontal_overflow(page: Any) -> dict[str, Any]:
    """How far the page scrolls sideways, and the elements that stick out past the viewport."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const culprits = [];
            for (const el of document.querySelectorAll("body *")) {
                const r = el.getBoundingClientRect();
                if (r.width && r.right > width + 1) {
                    culprits.push(el.tagName.toLowerCase()
                        + (el.className && typeof el.className === "string"
                           ? "." + el.className.trim().split(/\\s+/).join(".") : "")
                        + " right=" + Math.round(r.right));
                }
            }
            return {
                scrollWidth: document.scrollingElement.scrollWidth,
                viewport: width,
                culprits: culprits.slice(0, 10),
            };
        }"""
    )


def sign_in(page: Any, user: Any, base_url: str) -> None:
    """Put a staff member's session, with the second factor passed (every staff page needs
    it, mpp.accounts.access), into the browser page's cookies."""
    from django.conf import settings
    from django.test import Client

    from tests.factories import login_verified

    client = login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )
