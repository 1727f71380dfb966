"""Browser journey of a report that protects the reporter (issue 12.3, ADR 0019): a citizen
reports on a phone that a police officer asked for extra money, anonymously; the report
reaches the Inspectorate's desk and does not appear on the police's desk (nor by its code)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from mpp.accounts.enums import StaffRole
from mpp.feedback.enums import OversightKind
from mpp.feedback.models import Complaint, OversightUnit
from tests.e2e.helpers import axe_check, format_violations, screenshot, sign_in
from tests.factories import AgencyFactory, MallFactory, ServiceFactory
from tests.feedback.conftest import make_staff

pytestmark = pytest.mark.e2e


@pytest.fixture
def site(transactional_db: None, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "private"
    mall = MallFactory(slug=settings.MPP_DEFAULT_MALL, name="Mal Pelayanan Publik Ngawi")
    polres = AgencyFactory(
        mall=mall, slug="polres-ngawi", name="Kepolisian Resor Ngawi", short_name="Polres Ngawi",
        position=1,
    )  # fmt: skip
    ServiceFactory(agency=polres, slug="skck", name="Surat Keterangan Catatan Kepolisian")
    inspektorat = AgencyFactory(
        mall=mall, slug="inspektorat-ngawi", name="Inspektorat Kabupaten Ngawi",
        short_name="Inspektorat", position=90,
    )  # fmt: skip
    OversightUnit.objects.create(agency=inspektorat, kind=OversightKind.APIP)
    return {
        "polres": polres,
        "inspector": make_staff("inspektorat", mall, StaffRole.VERIFIER, inspektorat),
        "police": make_staff("loket.polres", mall, StaffRole.COUNTER_OFFICER, polres),
    }


def test_a_pungli_report_reaches_the_inspectorate_and_not_the_police(
    new_page: Any, live_server: Any, site: dict[str, Any]
) -> None:
    citizen = new_page("phone")
    citizen.goto("/pengaduan/")
    citizen.get_by_role("link", name="Laporkan pungli atau pelanggaran").click()
    expect(citizen.locator("#laporan-terlindungi")).to_contain_text("Inspektorat Kabupaten Ngawi")
    expect(citizen.get_by_label("Pungutan liar (pungli)")).to_be_checked()
    violations = axe_check(citizen)
    assert violations == [], format_violations(violations, "pungli form")
    screenshot(citizen, "feedback-pungli-form")
    citizen.locator("#id_agency").select_option(value=str(site["polres"].pk))
    citizen.locator("#id_officer").fill("Petugas loket SKCK, berkacamata")
    citizen.locator("#id_title").fill("Diminta uang tambahan untuk SKCK")
    citizen.locator("#id_description").fill(
        "Petugas meminta Rp50.000 di luar biaya resmi agar SKCK selesai hari ini."
    )
    citizen.locator("#id_anonymous").check()
    citizen.locator("form.fb-form button[type=submit]").click()
    expect(citizen).to_have_url(re.compile(r"/pengaduan/terkirim/$"))
    code = citizen.locator("#complaint-code").inner_text().strip()
    screenshot(citizen, "feedback-pungli-filed")
    complaint = Complaint.objects.get(code=code)
    assert complaint.is_protected and complaint.accused_agency == site["polres"]

    inspector = new_page("desktop")
    sign_in(inspector, site["inspector"], live_server.url)
    inspector.goto("/staf/pengaduan/")
    expect(inspector.get_by_text(code)).to_be_visible()
    inspector.goto(f"/staf/pengaduan/{code}/")
    expect(inspector.get_by_role("heading", level=1)).to_have_text(
        "Diminta uang tambahan untuk SKCK"
    )
    expect(inspector.locator("main")).to_contain_text("Instansi terlapor")
    expect(inspector.locator("main")).to_contain_text("Kepolisian Resor Ngawi")
    screenshot(inspector, "feedback-pungli-inspectorate-desk")

    police = new_page("desktop")
    sign_in(police, site["police"], live_server.url)
    police.goto("/staf/pengaduan/?show=all")
    expect(police.locator("main")).not_to_contain_text(code)
    expect(police.locator("main")).not_to_contain_text("Diminta uang tambahan")
    screenshot(police, "feedback-pungli-police-desk")
    response = police.goto(f"/staf/pengaduan/{code}/")
    assert response is not None and response.status == 404


def test_the_manager_approves_a_survey_suggestion_before_it_is_public(
    new_page: Any, live_server: Any, site: dict[str, Any]
) -> None:
    """Moderation (issue 12.3): the suggestion is not on the public report until approved."""
    from django.utils import timezone

    from mpp.catalog.models import Service
    from mpp.feedback import domain

    skck = Service.objects.get(slug="skck")
    mall = skck.mall
    manager = make_staff("pengelola", mall, StaffRole.MALL_MANAGER)
    invitation = domain.create_survey_invitation(service=skck, reference="T1", channel="ticket")
    text = "Tambah kursi di ruang tunggu SKCK"
    domain.submit_survey(
        invitation=invitation, answers={f"U{i}": 4 for i in range(1, 10)}, suggestion=text
    )
    year = timezone.localdate().year
    public = new_page("phone")
    public.goto(f"/survei/laporan/?period={year}")
    expect(public.locator("main")).not_to_contain_text(text)

    page = new_page("desktop")
    sign_in(page, manager, live_server.url)
    page.goto("/staf/survei/saran/")
    expect(page.locator("main")).to_contain_text(text)
    violations = axe_check(page)
    assert violations == [], format_violations(violations, "suggestion moderation")
    screenshot(page, "feedback-suggestion-moderation")
    page.get_by_role("button", name="Setujui").click()
    expect(page.locator("main")).not_to_contain_text(text)

    public.goto(f"/survei/laporan/?period={year}")
    expect(public.locator("main")).to_contain_text(text)
