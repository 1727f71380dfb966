"""axe-core over every public page, on a 360 px phone and a 1280 px laptop.

One test per width walks all public pages (the demo catalogue is loaded once per test) and
collects every serious or critical violation, so one run lists them all.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test.utils import override_settings

from mpp.applications.demo import load_applications_demo
from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall
from tests.e2e.helpers import axe_check, format_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def public_demo(demo_catalogue: Mall, tmp_path: Any) -> Any:
    with override_settings(MEDIA_ROOT=tmp_path / "private"):
        load_applications_demo(demo_catalogue)
        yield demo_catalogue


def public_pages(mall: Mall) -> dict[str, str]:
    service = Service.objects.filter(agency__mall=mall).order_by("pk").first()
    agency = Agency.objects.filter(mall=mall).order_by("position", "pk").first()
    assert service is not None and agency is not None
    return {
        "home": "/",
        "search": "/cari/",
        "search results": "/cari/?q=ktp",
        "service": f"/layanan/{service.slug}/",
        "agency list": "/instansi/",
        "agency page": f"/instansi/{agency.slug}/",
        "queue booking": "/antrian/pesan/",
        "applications start": "/permohonan/baru/akta-kelahiran/",
        "application tracking": "/lacak/",
        "complaints": "/pengaduan/",
        "complaint form": "/pengaduan/baru/",
        "complaint tracking": "/pengaduan/lacak/",
        "transparency": "/transparansi/",
        "survey report": "/survei/laporan/",
        "rooms": "/ruang/",
        "MSME": "/umkm/",
        "national portal": "/nasional/",
    }


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_axe_finds_no_violation_on_any_public_page(
    new_page: Any, public_demo: Mall, device: str
) -> None:
    page = new_page(device)
    problems: list[str] = []
    for name, url in public_pages(public_demo).items():
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{name} {url}"
        violations = axe_check(page)
        if violations:
            problems.append(format_violations(violations, f"{name} ({url}, {device})"))
    assert problems == [], "\n".join(problems)
