"""Issue 14 item 3: onboarding a mall with one command plus its catalogue spreadsheet."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mpp.catalog.models import Service
from mpp.core.models import Booth, Mall

pytestmark = pytest.mark.django_db

NGAWI = Path(__file__).resolve().parents[2] / "mpp" / "demo" / "data" / "ngawi"


def _as_mall(tmp_path: Path, slug: str) -> Path:
    target = tmp_path / slug
    shutil.copytree(NGAWI, target)
    data = json.loads((target / "mall.json").read_text(encoding="utf-8"))
    data.update(slug=slug, name=f"Mal Pelayanan Publik Kabupaten {slug.title()}")
    data.update(short_name=f"MPP {slug.title()}", regency=f"Kabupaten {slug.title()}")
    (target / "mall.json").write_text(json.dumps(data), encoding="utf-8")
    return target


def test_onboard_mall_creates_mall_booths_and_catalogue(tmp_path):
    call_command("onboard_mall", str(_as_mall(tmp_path, "magetan")), "--demo")
    mall = Mall.objects.get(slug="magetan")
    assert mall.is_demo
    assert Booth.objects.filter(mall=mall).exists()
    assert Service.objects.filter(agency__mall=mall).count() > 10


def test_onboard_mall_dry_run_writes_nothing(tmp_path):
    call_command("onboard_mall", str(_as_mall(tmp_path, "madiun")), "--dry-run")
    assert not Mall.objects.filter(slug="madiun").exists()


def test_onboard_mall_bad_files_write_nothing(tmp_path):
    target = _as_mall(tmp_path, "magetan")
    with pytest.raises(CommandError):
        call_command("onboard_mall", str(target), "--catalog", str(tmp_path / "missing.xlsx"))
    (target / "mall.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("onboard_mall", str(target))
    assert not Mall.objects.filter(slug="magetan").exists()


def test_national_demo_loads_two_neighbouring_demo_malls_twice_safely(client):
    call_command("load_national_demo")
    call_command("load_national_demo")
    demo = Mall.objects.filter(is_demo=True).order_by("slug")
    assert [m.slug for m in demo] == ["madiun", "magetan"]
    for mall in demo:
        assert Service.objects.filter(agency__mall=mall).count() > 10
    response = client.get("/m/magetan/")
    assert response.status_code == 200
    assert "Mal Pelayanan Publik Kabupaten Magetan" in response.content.decode()
