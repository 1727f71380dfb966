"""Demo catalogue of MPP Kabupaten Ngawi: the mall, its booths, agencies and services.

Plain data built from public facts (see /work/shared/domain/FACTS.md and each entry's
`source`); `loader.load_demo` writes it through mpp.catalog.domain. Service slugs are stable
identifiers other code and evaluation sets refer to: rename one only with a migration plan.
"""

from __future__ import annotations

from mpp.catalog.seed import (
    adminduk,
    courts,
    finance,
    immigration,
    land,
    licensing,
    others,
    police,
    religion,
    social,
    utilities,
    vehicles,
)
from mpp.catalog.seed.common import AgencySeed

_MODULES = (
    adminduk,
    licensing,
    police,
    vehicles,
    immigration,
    finance,
    land,
    courts,
    religion,
    social,
    utilities,
    others,
)

# Display order in the mall: Dispendukcapil and DPMPTSP first, then roughly by footfall.
AGENCY_ORDER = (
    "dispendukcapil",
    "dpmptsp",
    "polres-ngawi",
    "samsat-ngawi",
    "imigrasi-madiun",
    "kpp-pratama-ngawi",
    "bpjs-kesehatan",
    "bpjs-ketenagakerjaan",
    "atr-bpn-ngawi",
    "kemenag-ngawi",
    "bapenda-ngawi",
    "pa-ngawi",
    "pn-ngawi",
    "kejari-ngawi",
    "dpptk",
    "dinsos",
    "pln",
    "perumda-air-minum",
    "bank-jatim",
    "pos-indonesia",
    "taspen",
    "bnnk-ngawi",
    "dinkes",
    "dishub",
    "dinkop-ukm",
    "dlh",
    "dikbud",
    "bps-ngawi",
    "pegadaian",
    "bri",
    "jasa-raharja",
    "kecamatan-ngawi",
    "pmi-ngawi",
    "disparpora",
    "kemenkum-jatim",
    "dispusip",
)


def _ordered() -> tuple[AgencySeed, ...]:
    by_slug = {seed.slug: seed for module in _MODULES for seed in module.AGENCIES}
    if set(by_slug) != set(AGENCY_ORDER) or len(by_slug) != len(AGENCY_ORDER):
        missing = set(by_slug) ^ set(AGENCY_ORDER)
        raise ValueError(f"AGENCY_ORDER and the seed modules disagree: {sorted(missing)}")
    return tuple(by_slug[slug] for slug in AGENCY_ORDER)


ALL_AGENCIES: tuple[AgencySeed, ...] = _ordered()
