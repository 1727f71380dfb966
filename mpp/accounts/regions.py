"""Kabupaten Ngawi (35.21): its 19 kecamatan and the desa/kelurahan we have codes for.

Source: docs/domain-facts.md §10, from the public repository cahyadsn/wilayah (db/wilayah.sql, a
copy of
Kepmendagri No 300.2.2-2138/2430 Tahun 2025), checked there 2026-08.

INCOMPLETE ON PURPOSE: Ngawi has 217 desa/kelurahan (213 desa + 4 kelurahan); docs/domain-facts.md
names
only six of them with their codes, so only those six are listed in `DESA`. Address forms
therefore offer the known names as suggestions and accept any other desa name typed in; the
kecamatan list is complete and is enforced. Add the remaining 211 from the Kepmendagri list
(with their codes) when it is at hand: nothing else has to change.
"""

from __future__ import annotations

from dataclasses import dataclass

REGENCY_CODE = "35.21"
REGENCY_NAME = "Kabupaten Ngawi"
DESA_TOTAL = 217  # 213 desa + 4 kelurahan, per Kepmendagri 2025
DESA_LIST_COMPLETE = False


@dataclass(frozen=True)
class Kecamatan:
    code: str  # "35.21.09"
    name: str
    desa_count: int


@dataclass(frozen=True)
class Desa:
    code: str  # "35.21.09.2001"; 4th level 1xxx = kelurahan, 2xxx = desa
    name: str

    @property
    def kecamatan_code(self) -> str:
        return self.code.rsplit(".", 1)[0]


KECAMATAN: tuple[Kecamatan, ...] = (
    Kecamatan("35.21.01", "Sine", 15),
    Kecamatan("35.21.02", "Ngrambe", 14),
    Kecamatan("35.21.03", "Jogorogo", 12),
    Kecamatan("35.21.04", "Kendal", 10),
    Kecamatan("35.21.05", "Geneng", 13),
    Kecamatan("35.21.06", "Kwadungan", 14),
    Kecamatan("35.21.07", "Karangjati", 17),
    Kecamatan("35.21.08", "Padas", 12),
    Kecamatan("35.21.09", "Ngawi", 16),
    Kecamatan("35.21.10", "Paron", 14),
    Kecamatan("35.21.11", "Kedunggalar", 12),
    Kecamatan("35.21.12", "Widodaren", 12),
    Kecamatan("35.21.13", "Mantingan", 7),
    Kecamatan("35.21.14", "Pangkur", 9),
    Kecamatan("35.21.15", "Bringin", 10),
    Kecamatan("35.21.16", "Pitu", 10),
    Kecamatan("35.21.17", "Karanganyar", 7),
    Kecamatan("35.21.18", "Gerih", 5),
    Kecamatan("35.21.19", "Kasreman", 8),
)

# Only the six docs/domain-facts.md names (see the module docstring): 4 kelurahan and 2 desa of
# Kec. Ngawi.
DESA: tuple[Desa, ...] = (
    Desa("35.21.09.1013", "Margomulyo"),
    Desa("35.21.09.1014", "Karangtengah"),
    Desa("35.21.09.1015", "Ketanggi"),
    Desa("35.21.09.1016", "Pelem"),
    Desa("35.21.09.2001", "Mangunharjo"),
    Desa("35.21.09.2010", "Ngawi"),
)

KECAMATAN_BY_CODE = {k.code: k for k in KECAMATAN}


def kecamatan_choices() -> list[tuple[str, str]]:
    return [(k.code, k.name) for k in KECAMATAN]


def known_desa(kecamatan_code: str) -> list[Desa]:
    return [d for d in DESA if d.kecamatan_code == kecamatan_code]


def find_desa(kecamatan_code: str, name: str) -> Desa | None:
    """The known desa of that kecamatan with this name (case and spacing ignored)."""
    wanted = " ".join(name.split()).casefold()
    for desa in known_desa(kecamatan_code):
        if desa.name.casefold() == wanted:
            return desa
    return None


def describe_address(kecamatan_code: str, desa_name: str, street: str = "") -> str:
    kecamatan = KECAMATAN_BY_CODE.get(kecamatan_code)
    parts = [street.strip(), f"Desa/Kel. {desa_name}" if desa_name else ""]
    if kecamatan:
        parts.append(f"Kec. {kecamatan.name}")
    parts.append(REGENCY_NAME)
    return ", ".join(p for p in parts if p)
