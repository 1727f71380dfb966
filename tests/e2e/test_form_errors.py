"""One form pattern (issue 9): every form, sent empty or with a wrong value, shows the error
summary at the top; each message links to its field (the ``#id_…`` target exists on the page),
says what is missing in words of its own (never only "Bidang ini tidak boleh kosong."), and the
page answers without a 500. Forms not covered here are listed in the report of the change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import expect

from mpp.queueing.demo import load_queue_demo
from tests.e2e.helpers import axe_check, format_violations, sign_in
from tests.queueing.factories import ALL_DAY

pytestmark = pytest.mark.e2e


# Django's generic messages: a summary made only of these names no field.
GENERIC = {
    "Bidang ini tidak boleh kosong.",
    "This field is required.",
    "Masukkan nilai yang valid.",
    "Enter a valid value.",
}


@dataclass(frozen=True)
class FormCase:
    name: str
    url: str
    form: str = "main form[method=post]"
    fill: dict[str, str] = field(default_factory=dict)  # selector -> (wrong) value
    citizen: bool = False  # needs a signed-in citizen


def _gap(reason: str) -> Any:
    """A form that does not follow the pattern yet (issue 9): strict, so fixing it fails the
    test until the mark is removed."""
    return pytest.mark.xfail(reason=reason, strict=True)


GENERIC_MESSAGES = "its form class does not use SpecificMessages (generic 'required' message)"
CASES = [
    FormCase("complaint", "/pengaduan/baru/", form="form.fb-form"),
    FormCase("pungli", "/pengaduan/baru/?jenis=pungli", form="form.fb-form"),
    FormCase("complaint-track", "/pengaduan/lacak/"),
    FormCase("application-track", "/lacak/", fill={"#id_code": "BUKAN-KODE"}),
    FormCase("booking", "/antrian/pesan/layanan/akta-kelahiran/"),
    FormCase("kiosk-check-in", "/antrian/check-in/", fill={"#id_code": "ZZZZZZ"}),
    FormCase("sign-up", "/akun/daftar/"),
    FormCase("sign-in", "/akun/masuk/"),
    FormCase("msme-register", "/umkm/daftar/", citizen=True),
    FormCase("profile", "/akun/profil/", form="main form[novalidate]", citizen=True),
]


def _ids(cases: list[Any]) -> list[str]:
    return [(c.values[0] if hasattr(c, "values") else c).name for c in cases]


@pytest.fixture
def hall(demo_catalogue: Any) -> Any:
    mall = demo_catalogue
    # Any hour of any day: the hours themselves are tested in tests/core/test_opening.py.
    mall.opening_hours = list(ALL_DAY)
    mall.save(update_fields=["opening_hours"])
    load_queue_demo(mall)
    return mall


def _submit_with_errors(page: Any, case: FormCase) -> list[int]:
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status))
    response = page.goto(case.url)
    assert response is not None and response.status < 400, (case.url, response and response.status)
    form = page.locator(case.form).first
    expect(form).to_be_visible()
    # The server's messages are under test, not the browser's own bubbles.
    form.evaluate("f => { f.noValidate = true; }")
    fields = (
        "input[type=text], input[type=email], input[type=tel], input[type=password], "
        "input[type=number], input[type=date], input[type=time], input:not([type]), textarea"
    )
    form.evaluate(
        "(f, sel) => f.querySelectorAll(sel).forEach(el => { if (!el.readOnly) el.value = ''; })",
        fields,
    )
    for selector, value in case.fill.items():
        page.fill(selector, value)
    form.locator("button[type=submit], input[type=submit], button:not([type])").last.click()
    page.wait_for_load_state()
    return statuses


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_form_shows_the_error_summary(
    case: FormCase, hall: Any, new_page: Callable[..., Any], live_server: Any
) -> None:
    page = new_page("phone")
    if case.citizen:
        from tests.applications.factories import CitizenFactory

        sign_in(page, CitizenFactory(), live_server.url)
    statuses = _submit_with_errors(page, case)
    assert not [s for s in statuses if s >= 500], statuses

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    assert summary.get_attribute("role") == "alert"
    # At the top of the form: nothing of the form comes before it.
    first_field = page.locator(
        f"{case.form} input:not([type=hidden]), {case.form} select, {case.form} textarea"
    ).first
    if first_field.count():
        assert summary.bounding_box()["y"] <= first_field.bounding_box()["y"]

    links = summary.locator("a[href^='#']")
    assert links.count() >= 1, summary.inner_text()
    messages = []
    for link in links.all():
        target = link.get_attribute("href")[1:]
        assert target.startswith("id_"), target
        assert page.locator(f"[id='{target}']").count() == 1, f"no #{target} on {case.url}"
        messages.append(link.inner_text().strip())
    items = [t.strip() for t in summary.locator("li").all_inner_texts()]
    assert all(m not in GENERIC for m in items), items
    assert all(m for m in messages), messages

    violations = axe_check(page)
    assert violations == [], format_violations(violations, f"{case.name} with errors")
