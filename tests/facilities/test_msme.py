"""MSME registration, curation, the fair rotation and the public directory."""

from __future__ import annotations

from collections import Counter as Tally
from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import timezone

from mpp.accounts.enums import StaffRole
from mpp.facilities import domain
from mpp.facilities.enums import MsmeStatus
from mpp.facilities.models import BoothPeriod, Msme
from mpp.facilities.msme import (
    ProductIn,
    generate_rotation,
    parse_products,
    register_msme,
    review_msme,
)
from tests.applications.factories import CitizenFactory, login_verified, make_mall_wide
from tests.facilities.conftest import msme_booths

pytestmark = pytest.mark.django_db


def _msme(mall, i, *, approved=True, days_ago=0):  # type: ignore[no-untyped-def]
    m = register_msme(
        mall=mall,
        owner=None,
        business_name=f"Usaha {i}",
        owner_name=f"Pemilik {i}",
        nib=f"{i:013d}",
        category="food",
        whatsapp=f"0812{i:08d}",
        products=[ProductIn(f"Produk {i}", 1000 * i)],
        now=timezone.now() - timedelta(days=100 - days_ago),
    )
    if approved:
        Msme.objects.filter(pk=m.pk).update(status=MsmeStatus.APPROVED)
    return m


def _assert_no_overlaps() -> None:
    periods = list(BoothPeriod.objects.order_by("starts_on"))
    for a in periods:
        for b in periods:
            if a.pk < b.pk and a.starts_on <= b.ends_on and b.starts_on <= a.ends_on:
                assert a.booth_id != b.booth_id, (a, b)
                assert a.msme_id != b.msme_id, (a, b)


def test_parse_products_and_validation():
    assert parse_products("Keripik; 15.000\n\nSambal;Rp 8000") == [
        ProductIn("Keripik", 15000),
        ProductIn("Sambal", 8000),
    ]
    for bad in ["", "Keripik", "Keripik; murah", "; 100"]:
        with pytest.raises(domain.FacilityError):
            parse_products(bad)


def test_register_validates_nib_whatsapp_and_duplicates(mall):
    kw = {
        "mall": mall,
        "owner": None,
        "business_name": "Usaha",
        "owner_name": "Ani",
        "category": "food",
        "products": [ProductIn("A", 1)],
    }
    with pytest.raises(domain.FacilityError) as caught:
        register_msme(nib="123", whatsapp="081234567890", **kw)
    assert caught.value.field == "nib"
    with pytest.raises(domain.FacilityError) as caught:
        register_msme(nib="1234567890123", whatsapp="12", **kw)
    assert caught.value.field == "whatsapp"
    register_msme(nib="1234567890123", whatsapp="081234567890", **kw)
    with pytest.raises(domain.FacilityError):
        register_msme(nib="1234567890123", whatsapp="081234567890", **kw)
    assert Msme.objects.count() == 1


def test_review_needs_a_reason_to_reject(mall):
    m = _msme(mall, 1, approved=False)
    with pytest.raises(domain.FacilityError):
        review_msme(msme=m, approve=False, actor=None)
    assert (
        review_msme(msme=m, approve=False, actor=None, note="NIB tidak aktif").status == "rejected"
    )
    assert review_msme(msme=m, approve=True, actor=None).status == "approved"


def test_rotation_is_fair_without_overlaps_and_idempotent(mall):
    msme_booths(mall, 3)
    msmes = [_msme(mall, i, days_ago=i) for i in range(1, 8)]  # 7 MSMEs, 3 booths
    _msme(mall, 99, approved=False)
    start = date(2027, 1, 4)
    made = generate_rotation(mall=mall, start=start, end=start + timedelta(days=90), period_days=14)
    _assert_no_overlaps()
    # First period: the three registered earliest (nobody has had a booth yet).
    first = [p.msme for p in made if p.starts_on == start]
    assert [m.pk for m in first] == [m.pk for m in msmes[:3]]
    # Second period: the next three, who have waited longer than the first three.
    second = {p.msme_id for p in made if p.starts_on == start + timedelta(days=14)}
    assert second == {m.pk for m in msmes[3:6]}
    # 21 booth periods for 7 MSMEs: exactly 3 turns each.
    turns = Tally(p.msme_id for p in made)
    assert set(turns) == {m.pk for m in msmes}
    assert max(turns.values()) - min(turns.values()) <= 1
    assert len(made) == 3 * 7  # 7 periods (6 × 14 days + 7 days) × 3 booths
    assert (
        generate_rotation(mall=mall, start=start, end=start + timedelta(days=90), period_days=14)
        == []
    )


def test_rotation_continues_from_history(mall):
    msme_booths(mall, 1)
    a, b = _msme(mall, 1), _msme(mall, 2)
    generate_rotation(mall=mall, start=date(2027, 1, 1), end=date(2027, 1, 7), period_days=7)
    assert BoothPeriod.objects.get().msme == a
    # Next run: b has waited longest (never had a booth), then a.
    made = generate_rotation(
        mall=mall, start=date(2027, 1, 8), end=date(2027, 1, 21), period_days=7
    )
    assert [p.msme for p in made] == [b, a]


def test_rotation_rejects_bad_ranges(mall):
    with pytest.raises(domain.FacilityError):
        generate_rotation(mall=mall, start=date(2027, 2, 1), end=date(2027, 1, 1), period_days=7)
    with pytest.raises(domain.FacilityError):
        generate_rotation(mall=mall, start=date(2027, 1, 1), end=date(2027, 2, 1), period_days=0)


def test_directory_detail_and_today_include(client, mall):
    msme_booths(mall, 2)
    m = _msme(mall, 1)
    today = timezone.localdate()
    generate_rotation(mall=mall, start=today, end=today + timedelta(days=27), period_days=14)
    page = client.get("/umkm/").content.decode()
    assert "Usaha 1" in page and "U01" in page
    assert client.get(f"/umkm/{m.slug}/").status_code == 200
    assert client.get("/umkm/tidak-ada/").status_code == 404
    html = Template('{% include "facilities/_today.html" %}').render(Context({"mall": mall}))
    assert "Usaha 1" in html and "/umkm/" in html
    assert (
        Template('{% include "facilities/_today.html" %}').render(Context({"mall": None})).strip()
        == ""
    )


def test_register_page_and_own_products(mall):
    owner = CitizenFactory()
    c = Client()
    c.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    bad = c.post(
        "/umkm/daftar/",
        {
            "business_name": "Kopi",
            "owner_name": "Agus",
            "nib": "12",
            "category": "food",
            "whatsapp": "0812 3456 7890",
            "products": "Kopi; 10000",
        },
    )
    assert bad.status_code == 200 and 'data-testid="error-summary"' in bad.content.decode()
    ok = c.post(
        "/umkm/daftar/",
        {
            "business_name": "Kopi",
            "owner_name": "Agus",
            "nib": "1234567890123",
            "category": "food",
            "whatsapp": "0812 3456 7890",
            "products": "Kopi; 10000",
        },
    )
    assert ok.status_code == 302
    msme = Msme.objects.get()
    assert msme.owner == owner and msme.status == MsmeStatus.PENDING
    assert (
        c.post("/umkm/saya/", {"msme": msme.slug, "products": "Kopi; 12000\nTeh; 5000"}).status_code
        == 302
    )
    assert [p.price for p in msme.products.all()] == [12000, 5000]
    assert c.post("/umkm/saya/", {"msme": msme.slug, "products": "nonsense"}).status_code == 200
    assert msme.products.count() == 2
    # Staff curation.
    staff = login_verified(Client(), make_mall_wide(mall=mall, role=StaffRole.MALL_MANAGER))
    assert "Kopi" in staff.get("/ruang/staf/").content.decode()
    staff.post(f"/umkm/tinjau/{msme.slug}/", {"decision": "approve"})
    msme.refresh_from_db()
    assert msme.status == MsmeStatus.APPROVED
