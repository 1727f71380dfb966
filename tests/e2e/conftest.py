"""Browser journeys: Playwright for Python driving the machine's own Chromium.

What every journey module in this folder can use (see docs/testing.md):

* ``browser`` – one headless Chromium for the whole run, launched by executable path
  (Debian's ``chromium``; ``MPP_CHROMIUM`` overrides the path). Playwright's own browser
  download is never used. Without a Chromium the journeys are skipped, saying so.
* ``new_page(device, **context_options)`` – a page in a fresh browser context (its own cookies
  and localStorage) pointed at the live server, so ``page.goto("/cari/")`` works. ``device`` is
  ``"phone"`` (360×740), ``"desktop"`` (1280×800) or a ``(width, height)`` tuple.
  ``phone_page`` and ``desktop_page`` are the two common cases.
* ``live_server`` (pytest-django) – the app served from a thread of the test process. Every test
  that uses it gets ``transactional_db``: the data must be committed for the server to see it,
  and tables are emptied after each test.
* ``demo_catalogue`` – the demo mall and its catalogue, committed, returning the ``Mall``.

Helpers to import from tests/e2e/helpers.py:

* ``axe_check(page)`` – runs axe-core on the current page and returns the serious and critical
  violations (``[]`` when clean); ``format_violations`` turns them into a readable message.
* ``screenshot(page, name)`` – a full-page PNG at ``docs/screenshots/<name>-<width>.png``.
* ``page_errors(page)`` – JavaScript errors and console errors (CSP refusals land here) seen so
  far on a page made by ``new_page``.
* ``horizontal_overflow(page)`` – scroll width and the elements sticking out sideways.

Mark journeys ``@pytest.mark.e2e`` (``pytestmark = pytest.mark.e2e`` at the top of a module).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.e2e.helpers import E2E_DIR, forget_page_errors, watch_page_errors

# Sizes the journeys are written for: a cheap Android phone and an ordinary laptop.
# Device scale 1 keeps the screenshots in docs/ small.
DEVICES: dict[str, dict[str, Any]] = {
    "phone": {
        "viewport": {"width": 360, "height": 740},
        "device_scale_factor": 1,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1},
}

CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests may run as root in a container, where the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    return os.environ.get("MPP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.hookimpl(trylast=True)  # after pytest-django's own reordering
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the browser journeys after every other test.

    While Playwright's sync API is running, the test thread has an asyncio loop, and Django then
    refuses ORM calls unless DJANGO_ALLOW_ASYNC_UNSAFE is set (see ``_playwright``). Keeping the
    journeys last means the rest of the suite never runs with that check switched off (the
    session's browser stays open from the first journey to the end of the run).
    """
    items.sort(key=lambda item: item.path.is_relative_to(E2E_DIR))


@pytest.fixture(scope="session")
def _playwright() -> Iterator[Any]:
    executable = chromium_path()
    if not Path(executable).is_file():
        pytest.skip(
            f"Browser journeys skipped: chromium not found at {executable}; install Debian's "
            "chromium to run the browser journeys (scripts/install-e2e-deps.sh does it as root)"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread for as long as it runs, so
    # Django's async-safety guard would reject the ORM calls the tests make to arrange data.
    # The calls are synchronous and on the test thread; allow them only while Playwright runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    try:
        yield manager
    finally:
        manager.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(_playwright: Any) -> Iterator[Any]:
    """Headless Debian Chromium. ``launch`` gives it a fresh temporary profile (user-data dir)
    that Playwright deletes on close, so no state leaks between runs."""
    browser = _playwright.chromium.launch(
        executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Factory: ``new_page("phone")`` → a Page in its own context, with ``base_url`` set to the
    live server and Indonesian as the browser language (as for most visitors).

    Extra keyword arguments go to ``browser.new_context`` (e.g. ``java_script_enabled=False``,
    ``locale="en-GB"``). Contexts are closed after the test.
    """
    contexts: list[Any] = []

    def make(device: str | tuple[int, int] = "phone", **context_options: Any) -> Any:
        if isinstance(device, tuple):
            options: dict[str, Any] = {
                "viewport": {"width": device[0], "height": device[1]},
                "device_scale_factor": 1,
            }
        else:
            options = dict(DEVICES[device])
        options.setdefault("locale", "id-ID")
        options.update(base_url=live_server.url, **context_options)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        watch_page_errors(page)
        return page

    yield make
    for context in contexts:
        for page in context.pages:
            forget_page_errors(page)
        context.close()


@pytest.fixture
def phone_page(new_page: Callable[..., Any]) -> Any:
    """A 360×740 touch phone page (the smallest screen we design for)."""
    return new_page("phone")


@pytest.fixture
def desktop_page(new_page: Callable[..., Any]) -> Any:
    """A 1280×800 desktop page."""
    return new_page("desktop")


@pytest.fixture
def demo_catalogue(transactional_db: None) -> Any:
    """The demo mall (MPP Kabupaten Ngawi) with its whole catalogue, loaded through the
    domain functions (so the search index is filled) and committed, so the live server sees
    it. Returns the ``Mall``. Takes a few seconds: loop over pages inside one test where you can.
    """
    from mpp.core.models import Mall
    from mpp.demo.catalog import load_demo_catalog as load_demo

    load_demo()
    return Mall.objects.get(slug=settings.MPP_DEFAULT_MALL)
