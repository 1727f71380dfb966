"""Loads the MPP Kabupaten Ngawi catalogue from its data files, through the real importer.

The data live in `mpp/demo/data/ngawi/` (see the README there): `mall.json` (the mall),
`booths.csv` (its floor plan) and `katalog/` — the catalogue in the spreadsheet template's CSV
form (`instansi.csv`, `layanan.csv`, `persyaratan.csv`, `langkah.csv`), exactly what an agency
downloads, edits and uploads in the admin. The catalogue goes through
`mpp.catalog.spreadsheet.import_catalog`, so the demo is checked by the same rules as every
agency's file and nothing about it is special.

Idempotent: rows whose stored values already equal the files are not written, so a second run
reports nothing created and nothing changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.db import transaction

from mpp.catalog.domain import upsert_booth, upsert_mall
from mpp.catalog.onboarding import OnboardingError, read_booth_file, read_mall_file
from mpp.catalog.spreadsheet.files import read_directory
from mpp.catalog.spreadsheet.importing import import_catalog
from mpp.catalog.spreadsheet.results import CREATE, UNCHANGED, UPDATE
from mpp.core.models import Booth, Mall

DATA_DIR = Path(__file__).resolve().parent / "data" / "ngawi"
MALL_SLUG = "ngawi"
KINDS = ("mall", "booths", "agencies", "services")
_OUTCOME = {CREATE: "created", UPDATE: "changed", UNCHANGED: "unchanged"}


class DemoDataError(Exception):
    """The demo's data files do not import; the message lists every problem."""


@dataclass
class Counts:
    created: int = 0
    changed: int = 0
    unchanged: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def total(self) -> int:
        return self.created + self.changed + self.unchanged


@dataclass
class LoadReport:
    """What one run did, per kind of row (mall, booths, agencies, services)."""

    mall_name: str = ""
    kinds: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})

    def count(self, kind: str, outcome: str) -> None:
        self.kinds[kind].add(outcome)

    @property
    def created(self) -> int:
        return sum(c.created for c in self.kinds.values())

    @property
    def changed(self) -> int:
        return sum(c.changed for c in self.kinds.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.kinds.values())

    def summary(self) -> str:
        k = self.kinds
        return (
            f"Demo data for {self.mall_name}: {k['agencies'].total} agencies, "
            f"{k['services'].total} services, {k['booths'].total} booths — "
            f"{self.created} created, {self.changed} changed, {self.unchanged} unchanged."
        )


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def read_mall(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The mall's fields from ``mall.json``, read as `manage.py onboard_mall` reads them."""
    try:
        return read_mall_file(data_dir / "mall.json")
    except OnboardingError as error:
        raise DemoDataError(str(error)) from error


def read_booths(data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    """The floor plan from ``booths.csv``, read as `manage.py onboard_mall` reads it."""
    try:
        return read_booth_file(data_dir / "booths.csv")
    except OnboardingError as error:
        raise DemoDataError(str(error)) from error


def _differs(row: Any, fields: Mapping[str, Any]) -> bool:
    return any(getattr(row, name) != value for name, value in fields.items())


def _load_mall(report: LoadReport, data_dir: Path) -> Mall:
    fields = read_mall(data_dir)
    slug = fields.pop("slug")
    existing = Mall.objects.filter(slug=slug).first()
    report.mall_name = fields["short_name"]
    if existing is not None and not _differs(existing, fields):
        report.count("mall", "unchanged")
        return existing
    report.count("mall", "created" if existing is None else "changed")
    return upsert_mall(slug=slug, **fields)


def _load_booths(mall: Mall, report: LoadReport, data_dir: Path) -> None:
    stored = {b.code: b for b in Booth.objects.filter(mall=mall)}
    for fields in read_booths(data_dir):
        code = fields.pop("code")
        existing = stored.get(code)
        if existing is not None and not _differs(existing, fields):
            report.count("booths", "unchanged")
            continue
        report.count("booths", "created" if existing is None else "changed")
        upsert_booth(mall=mall, code=code, **fields)


@transaction.atomic
def load_demo_catalog(*, stdout: Writer | None = None, data_dir: Path = DATA_DIR) -> LoadReport:
    """Create or update the Ngawi mall, its booths, and its catalogue from the data files.

    One transaction: the whole catalogue is loaded or nothing is. The catalogue goes through
    the spreadsheet importer with full rights (like `manage.py import_catalog`); a problem in
    the files raises DemoDataError listing every problem with its sheet, row and column.
    """
    report = LoadReport()
    mall = _load_mall(report, data_dir)
    _load_booths(mall, report, data_dir)
    result = import_catalog(mall=mall, tables=read_directory(data_dir / "katalog"))
    if result.issues:
        raise DemoDataError("\n".join(str(issue) for issue in result.issues))
    for change in result.agencies:
        report.count("agencies", _OUTCOME[change.action])
    for change in result.services:
        report.count("services", _OUTCOME[change.action])
    if stdout is not None:
        stdout.write(report.summary() + "\n")
    return report
