"""The national demo (issue 14 item 4): Madiun and Magetan beside Ngawi, marked as demo.

Each neighbouring mall is onboarded like a real one (`mpp.catalog.onboarding.onboard_mall`) from
its own ``mall.json`` and ``booths.csv`` in mpp/demo/data/<slug>/, with the catalogue from the
same spreadsheets as Ngawi's, so the portal and the comparisons show something.
"""

from __future__ import annotations

from pathlib import Path

from mpp.catalog.onboarding import OnboardResult, onboard_mall

DATA = Path(__file__).resolve().parent / "data"
NEIGHBOURS = ("madiun", "magetan")


def load_national_demo() -> list[OnboardResult]:
    catalog = DATA / "ngawi" / "katalog"
    return [onboard_mall(data_dir=DATA / slug, catalog=catalog, demo=True) for slug in NEIGHBOURS]
