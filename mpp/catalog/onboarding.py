"""Onboarding a mall with one command (issue 14 item 3): `manage.py onboard_mall DIR`.

DIR holds the mall's description in the same shape as the demo data (mpp/demo/data/ngawi):
``mall.json`` (the Mall's fields, ``slug`` included), an optional ``booths.csv`` (floor plan) and
the catalogue spreadsheet — ``katalog/`` (a folder of CSVs), or any file `import_catalog`
accepts given with ``catalog=``. One transaction: the mall, its booths and its whole catalogue
are written, or nothing is (every problem is listed). ``dry_run`` checks and rolls back.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from mpp.catalog.domain import upsert_booth, upsert_mall
from mpp.catalog.spreadsheet import import_path
from mpp.core.models import Mall


class OnboardingError(Exception):
    """The files describe no valid mall; the message lists every problem."""


class _RollbackError(Exception):
    pass


@dataclass
class OnboardResult:
    mall: Mall | None = None
    created: bool = False
    booths: int = 0
    catalog_summary: str = ""
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)


def read_mall_file(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise OnboardingError(f"{path}: {error}") from error
    if not isinstance(raw, dict) or not raw.get("slug"):
        raise OnboardingError(f"{path}: a JSON object with at least a slug is needed")
    for name in ("latitude", "longitude"):
        if raw.get(name) not in (None, ""):
            raw[name] = Decimal(str(raw[name]))
    if raw.get("opened_on"):
        raw["opened_on"] = date.fromisoformat(raw["opened_on"])
    known = {f.name for f in Mall._meta.get_fields() if getattr(f, "concrete", False)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise OnboardingError(f"{path}: unknown fields {', '.join(unknown)}")
    return raw


def read_booth_file(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    booths = []
    for number, row in enumerate(rows, start=2):
        try:
            booths.append(
                {
                    "code": row["code"],
                    "kind": row["kind"],
                    "floor": int(row["floor"]),
                    "x": int(row["x"]),
                    "y": int(row["y"]),
                    "width": int(row["width"]),
                    "height": int(row["height"]),
                    "label": row["label"],
                }
            )
        except (KeyError, TypeError, ValueError) as error:
            raise OnboardingError(f"{path}, row {number}: {error}") from error
    return booths


def onboard_mall(
    *,
    data_dir: Path,
    catalog: Path | None = None,
    demo: bool | None = None,
    dry_run: bool = False,
) -> OnboardResult:
    mall_file = data_dir / "mall.json"
    if not mall_file.exists():
        raise OnboardingError(f"{mall_file} does not exist")
    fields = read_mall_file(mall_file)
    if demo is not None:
        fields["is_demo"] = demo
    booths_file = data_dir / "booths.csv"
    booths = read_booth_file(booths_file) if booths_file.exists() else []
    catalog = catalog or data_dir / "katalog"
    if not catalog.exists():
        raise OnboardingError(f"{catalog} does not exist (the catalogue spreadsheet)")
    result = OnboardResult(dry_run=dry_run)
    try:
        with transaction.atomic():
            slug = fields.pop("slug")
            result.created = not Mall.objects.filter(slug=slug).exists()
            try:
                mall = upsert_mall(slug=slug, **fields)
            except ValidationError as error:
                raise OnboardingError(f"{mall_file}: {error}") from error
            result.mall = mall
            for booth in booths:
                code = booth.pop("code")
                upsert_booth(mall=mall, code=code, **booth)
            result.booths = len(booths)
            imported = import_path(mall=mall, path=catalog)
            result.warnings = [str(w) for w in imported.warnings]
            if imported.issues:
                problems = "\n".join(str(issue) for issue in imported.issues)
                raise OnboardingError(f"{problems}\n{imported.summary()}")
            result.catalog_summary = imported.summary()
            if dry_run:
                raise _RollbackError
    except _RollbackError:
        pass
    return result
