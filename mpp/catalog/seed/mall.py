"""MPP Kabupaten Ngawi and its floor plan.

Facts (FACTS.md §1): the former Plaza Ngawi on Jl. PB Sudirman (the Ngawi–Solo road) near Tugu
Kartonyono; in operation since 18 December 2023, inaugurated 27 June 2024; 12 MSME booths and a
co-working space. Not public, hence assumptions to confirm with the client:
- the opening hours below (Monday–Thursday 08:00–15:00, Friday 08:00–14:00) are a placeholder
  in the usual pattern of East Java MPPs, **unconfirmed**;
- the booth layout is illustrative (the real floor plan is not published); it only keeps the
  shape of a mall hall: booths along the walls, an aisle, waiting areas in the middle.

Floor-plan units: 100 across, 60 down on each floor (see mpp.core.models.Booth).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from mpp.core.enums import BoothKind

MALL_SLUG = "ngawi"

MALL: dict[str, Any] = {
    "name": "Mal Pelayanan Publik Kabupaten Ngawi",
    "short_name": "MPP Ngawi",
    "regency": "Kabupaten Ngawi",
    "region_code": "35.21",
    "address": (
        "Gedung eks Plaza Ngawi, Jl. PB Sudirman (jalan raya Ngawi–Solo), dekat Tugu "
        "Kartonyono, Kabupaten Ngawi, Jawa Timur"
    ),
    "directions": (
        "MPP menempati bekas gedung Plaza Ngawi di Jl. PB Sudirman, jalur utama Ngawi–Solo, "
        "tidak jauh dari bundaran Tugu Kartonyono. Di dalam gedung, tanyakan letak gerai kepada "
        "petugas meja informasi."
    ),
    "directions_en": (
        "The MPP occupies the former Plaza Ngawi building on Jl. PB Sudirman, the main "
        "Ngawi–Solo road, close to the Tugu Kartonyono roundabout. Inside, ask at the "
        "information desk where to find each booth."
    ),
    "timezone": "Asia/Jakarta",
    # Placeholder hours, not published by the client: confirm before go-live.
    "opening_hours": [
        {"days": [0, 1, 2, 3], "opens": "08:00", "closes": "15:00"},
        {"days": [4], "opens": "08:00", "closes": "14:00"},
    ],
    "opened_on": date(2023, 12, 18),
    "floors": 2,
    "facilities": "\n".join(
        [
            "Meja informasi dan pengaduan",
            "Ruang tunggu dengan antrean elektronik",
            "Ruang laktasi",
            "Pojok baca",
            "Area bermain anak",
            "Toilet disabilitas",
            "Musala",
            "Ruang kerja bersama (co-working space)",
            "12 gerai UMKM produk khas Ngawi",
        ]
    ),
    "is_active": True,
}

FLOOR_WIDTH = 100
FLOOR_HEIGHT = 60


@dataclass(frozen=True)
class BoothSeed:
    code: str
    kind: str
    floor: int
    x: int
    y: int
    width: int
    height: int
    label: str = ""

    def fields(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "kind": self.kind,
            "floor": self.floor,
            "x": self.x,
            "y": self.y,
            "width": self.width,
            "height": self.height,
        }


def _service(code: str, floor: int, x: int, y: int, *, width: int = 10, height: int = 10):
    return BoothSeed(code, BoothKind.SERVICE, floor, x, y, width, height)


def _floor_1_service_booths() -> list[BoothSeed]:
    # Booths line the four walls; the entrance is the gap in the bottom wall (x 40–60).
    booths = [_service("A01", 1, 0, 0, width=20), _service("A02", 1, 20, 0, width=20)]
    booths += [_service(f"A{n:02d}", 1, 40 + (n - 3) * 10, 0) for n in range(3, 9)]
    booths += [_service(f"A{n:02d}", 1, 90, 12 + (n - 9) * 12, height=12) for n in range(9, 12)]
    booths += [_service(f"A{n:02d}", 1, 90 - (n - 12) * 10, 50) for n in range(12, 16)]
    booths += [_service(f"A{n:02d}", 1, 30 - (n - 16) * 10, 50) for n in range(16, 20)]
    booths += [_service(f"A{n:02d}", 1, 0, 36 - (n - 20) * 12, height=12) for n in range(20, 23)]
    return booths


def _floor_2_service_booths() -> list[BoothSeed]:
    booths = [_service(f"B{n:02d}", 2, (n - 1) * 10, 0) for n in range(1, 11)]
    booths += [_service(f"B{n:02d}", 2, 0, 12 + (n - 11) * 12, height=12) for n in range(11, 14)]
    booths.append(_service("B14", 2, 90, 12, height=12))
    return booths


_FACILITIES = [
    BoothSeed("INFO", BoothKind.FACILITY, 1, 42, 42, 16, 6, "Meja informasi dan pengaduan"),
    BoothSeed("TUNGGU-1", BoothKind.FACILITY, 1, 20, 16, 60, 22, "Ruang tunggu lantai 1"),
    BoothSeed("ANJUNGAN", BoothKind.FACILITY, 1, 62, 42, 8, 6, "Anjungan antrean"),
    BoothSeed("TUNGGU-2", BoothKind.FACILITY, 2, 38, 16, 20, 20, "Ruang tunggu lantai 2"),
    BoothSeed("COWORK", BoothKind.FACILITY, 2, 62, 14, 24, 24, "Ruang kerja bersama"),
    BoothSeed("BACA", BoothKind.FACILITY, 2, 14, 14, 20, 12, "Pojok baca"),
    BoothSeed("BERMAIN", BoothKind.FACILITY, 2, 14, 30, 20, 14, "Area bermain anak"),
    BoothSeed("LAKTASI", BoothKind.FACILITY, 2, 88, 38, 12, 10, "Ruang laktasi"),
    BoothSeed("MUSALA", BoothKind.FACILITY, 2, 62, 40, 18, 8, "Musala"),
]

_MSME = [
    BoothSeed(f"U{n:02d}", BoothKind.MSME, 2, 2 + (n - 1) * 8, 52, 8, 8, f"Gerai UMKM {n}")
    for n in range(1, 13)
]

SERVICE_BOOTHS = _floor_1_service_booths() + _floor_2_service_booths()
BOOTHS: list[BoothSeed] = SERVICE_BOOTHS + _FACILITIES + _MSME

_FLOOR_OF = {booth.code: booth.floor for booth in BOOTHS}


def booth_floor(code: str) -> int:
    return _FLOOR_OF[code]
