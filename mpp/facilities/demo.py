"""Demo data of the facilities: three rooms, ~15 approved MSMEs with products, and a quarter's
booth rotation over the mall's MSME booths (U01…U12 in Ngawi). Idempotent."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from mpp.core.clock import local_day
from mpp.core.models import Mall
from mpp.facilities import msme as msme_domain
from mpp.facilities.enums import MsmeCategory, MsmeStatus, RoomKind
from mpp.facilities.models import BoothPeriod, Msme, Room

ALL_WEEK = [0, 1, 2, 3, 4, 5, 6]  # open every day, so the demo works whenever it is tried

ROOMS: list[dict[str, Any]] = [
    {
        "slug": "ruang-rapat",
        "name": "Ruang Rapat Kenanga",
        "kind": RoomKind.MEETING,
        "capacity": 8,
        "equipment": "Meja rapat untuk 8 orang\nLayar TV 55 inci dengan HDMI\nPapan tulis\nWi-Fi",
        "house_rules": "Tinggalkan ruangan bersih\nDilarang merokok\nMakanan ringan boleh",
        "min_minutes": 30,
        "max_minutes": 180,
    },
    {
        "slug": "meja-terbuka-1",
        "name": "Meja Terbuka 1",
        "kind": RoomKind.DESK,
        "capacity": 1,
        "equipment": "Stopkontak\nWi-Fi\nLampu meja",
        "house_rules": "Jaga ketenangan\nTelepon di luar area kerja",
        "min_minutes": 60,
        "max_minutes": 240,
    },
    {
        "slug": "meja-terbuka-2",
        "name": "Meja Terbuka 2",
        "kind": RoomKind.DESK,
        "capacity": 1,
        "equipment": "Stopkontak\nWi-Fi",
        "house_rules": "Jaga ketenangan",
        "min_minutes": 60,
        "max_minutes": 240,
    },
    {
        "slug": "studio-podcast",
        "name": "Studio Podcast",
        "kind": RoomKind.STUDIO,
        "capacity": 3,
        "equipment": "2 mikrofon kondensor\nMixer audio\nPeredam suara\nLampu video",
        "house_rules": "Peralatan tidak boleh dibawa keluar\nLapor ke petugas sebelum memakai",
        "min_minutes": 30,
        "max_minutes": 120,
    },
]

# (business, owner, category, products) — plausible Ngawi MSMEs, all fictitious.
MSMES: list[tuple[str, str, str, list[tuple[str, int]]]] = [
    (
        "Keripik Tempe Bu Sri",
        "Sri Wahyuni",
        MsmeCategory.FOOD,
        [("Keripik tempe 250 g", 15000), ("Keripik tempe pedas 250 g", 17000)],
    ),
    (
        "Batik Ngawi Lestari",
        "Dwi Lestari",
        MsmeCategory.FASHION,
        [("Kain batik tulis", 350000), ("Kemeja batik cap", 175000)],
    ),
    ("Tahu Tuna Pak Joko", "Joko Santoso", MsmeCategory.FOOD, [("Tahu tuna isi 10", 25000)]),
    (
        "Anyaman Bambu Karya",
        "Sumarni",
        MsmeCategory.CRAFT,
        [("Tampah bambu", 30000), ("Keranjang", 45000)],
    ),
    ("Madu Hutan Alas Ketonggo", "Slamet Riyadi", MsmeCategory.AGRI, [("Madu 500 ml", 85000)]),
    (
        "Kopi Kendal Ngawi",
        "Agus Prasetyo",
        MsmeCategory.AGRI,
        [("Kopi robusta 200 g", 40000), ("Kopi susu botol", 12000)],
    ),
    ("Sambal Pecel Mbok Darmi", "Darmi", MsmeCategory.FOOD, [("Sambal pecel 500 g", 28000)]),
    (
        "Kerajinan Kayu Jati Jaya",
        "Bambang Sutrisno",
        MsmeCategory.CRAFT,
        [("Talenan jati", 55000), ("Hiasan dinding", 120000)],
    ),
    ("Emping Melinjo Barokah", "Siti Aminah", MsmeCategory.FOOD, [("Emping 250 g", 30000)]),
    ("Tenun Ikat Sekar", "Sekar Ayu", MsmeCategory.FASHION, [("Selendang tenun", 150000)]),
    ("Beras Organik Tani Makmur", "Suparno", MsmeCategory.AGRI, [("Beras organik 5 kg", 90000)]),
    (
        "Jamu Gendong Sehat",
        "Warsini",
        MsmeCategory.FOOD,
        [("Kunyit asam botol", 8000), ("Beras kencur botol", 8000)],
    ),
    ("Tas Rajut Cantik", "Rina Marlina", MsmeCategory.CRAFT, [("Tas rajut", 95000)]),
    ("Gula Aren Murni", "Parman", MsmeCategory.AGRI, [("Gula aren 1 kg", 35000)]),
    ("Dompet Kulit Ngawi", "Hendra Wijaya", MsmeCategory.FASHION, [("Dompet kulit", 110000)]),
]


def _nib(i: int) -> str:
    return f"9120{i:09d}"


@transaction.atomic
def load_facilities_demo(mall: Mall) -> dict[str, int]:
    """Create the demo rooms, MSMEs (approved) and this quarter's rotation (two-week periods).
    Safe to run twice. Returns counts of what exists afterwards."""
    for spec in ROOMS:
        Room.objects.update_or_create(
            mall=mall,
            slug=spec["slug"],
            defaults={
                **spec,
                "opens_at": time(8, 0),
                "closes_at": time(20, 0),
                "open_weekdays": ALL_WEEK,
                "horizon_days": 14,
                "weekly_limit": 3,
                "grace_minutes": 15,
            },
        )
    now = timezone.now()
    for i, (business, owner, category, products) in enumerate(MSMES, start=1):
        if Msme.objects.filter(mall=mall, nib=_nib(i)).exists():
            continue
        msme = msme_domain.register_msme(
            mall=mall,
            owner="system:load_demo",
            business_name=business,
            owner_name=owner,
            nib=_nib(i),
            category=category,
            whatsapp=f"0812{3300000 + i:07d}",
            products=[msme_domain.ProductIn(name=n, price=p) for n, p in products],
            description="",
            now=now - timedelta(days=60 - i),  # registration order decides ties
        )
        Msme.objects.filter(pk=msme.pk).update(status=MsmeStatus.APPROVED)
    today = local_day(mall, now)
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    next_quarter = date(
        quarter_start.year + (quarter_start.month == 10), (quarter_start.month + 2) % 12 + 1, 1
    )
    msme_domain.generate_rotation(
        mall=mall,
        start=quarter_start,
        end=next_quarter - timedelta(days=1),
        period_days=14,
        actor="system:load_demo",
    )
    return {
        "rooms": Room.objects.filter(mall=mall).count(),
        "msmes": Msme.objects.filter(mall=mall).count(),
        "booth_periods": BoothPeriod.objects.filter(mall=mall).count(),
    }
