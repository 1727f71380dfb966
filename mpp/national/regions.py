"""Provinces of Indonesia by their Kemendagri code (the first two digits of a region code).

Source: the Kemendagri region list as copied in the public repository cahyadsn/wilayah,
``db/wilayah.sql`` (commit b7ad440, header "Kepmendagri No 300.2.2-2138 Tahun 2025"); see
docs/domain-facts.md §10. A mall's province is read from `Mall.region_code` ("35.21" → 35,
Jawa Timur), so no extra field has to be kept in step.
"""

from __future__ import annotations

PROVINCES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "Daerah Khusus Ibukota Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "Daerah Istimewa Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}


def province_code(region_code: str) -> str:
    """ "35.21" → "35" (empty when the code does not start with a known province)."""
    code = (region_code or "")[:2]
    return code if code in PROVINCES else ""


def province_name(region_code: str) -> str:
    return PROVINCES.get(province_code(region_code), "")
