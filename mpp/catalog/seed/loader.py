"""Loads the demo catalogue of MPP Kabupaten Ngawi through mpp.catalog.domain.

Idempotent: a row whose stored values already equal the seed is left alone (not even saved),
so a second run reports nothing created and nothing changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import transaction

from mpp.catalog.domain import upsert_agency, upsert_booth, upsert_mall, upsert_service
from mpp.catalog.models import Agency, Service
from mpp.catalog.seed import ALL_AGENCIES
from mpp.catalog.seed.mall import BOOTHS, MALL, MALL_SLUG
from mpp.core.models import Booth, Mall

KINDS = ("mall", "booths", "agencies", "services")


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
            f"Demo data for {MALL['short_name']}: {k['agencies'].total} agencies, "
            f"{k['services'].total} services, {k['booths'].total} booths — "
            f"{self.created} created, {self.changed} changed, {self.unchanged} unchanged."
        )


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def _differs(row: Any, fields: Mapping[str, Any]) -> bool:
    return any(getattr(row, name) != value for name, value in fields.items())


def _outcome(existing: Any, fields: Mapping[str, Any]) -> str:
    if existing is None:
        return "created"
    return "changed" if _differs(existing, fields) else "unchanged"


def _load_mall(report: LoadReport) -> Mall:
    existing = Mall.objects.filter(slug=MALL_SLUG).first()
    outcome = _outcome(existing, MALL)
    report.count("mall", outcome)
    if existing is not None and outcome == "unchanged":
        return existing
    return upsert_mall(slug=MALL_SLUG, **MALL)


def _load_booths(mall: Mall, report: LoadReport) -> dict[str, Booth]:
    # A service booth is labelled with its agency's short name.
    labels = {seed.booth: seed.short_name for seed in ALL_AGENCIES}
    stored = {b.code: b for b in Booth.objects.filter(mall=mall)}
    booths: dict[str, Booth] = {}
    for seed in BOOTHS:
        fields = seed.fields()
        if seed.code in labels:
            fields["label"] = labels[seed.code]
        existing = stored.get(seed.code)
        outcome = _outcome(existing, fields)
        report.count("booths", outcome)
        if existing is not None and outcome == "unchanged":
            booths[seed.code] = existing
        else:
            booths[seed.code] = upsert_booth(mall=mall, code=seed.code, **fields)
    return booths


def _load_agencies(mall: Mall, booths: Mapping[str, Booth], report: LoadReport) -> None:
    stored = {a.slug: a for a in Agency.objects.filter(mall=mall)}
    existing_services = set(Service.objects.filter(mall=mall).values_list("slug", flat=True))
    for index, seed in enumerate(ALL_AGENCIES, start=1):
        fields = seed.agency_fields(position=index * 10)
        booth = booths[seed.booth]
        existing = stored.get(seed.slug)
        # Compare the booth by id: reading `agency.booth` would cost a query per agency.
        outcome = _outcome(existing, {**fields, "booth_id": booth.pk})
        report.count("agencies", outcome)
        if existing is not None and outcome == "unchanged":
            agency = existing
        else:
            agency = upsert_agency(mall=mall, slug=seed.slug, booth=booth, **fields)
        for data in seed.numbered_services():
            _service, changed = upsert_service(mall=mall, agency=agency, data=data)
            if data.slug not in existing_services:
                report.count("services", "created")
            else:
                report.count("services", "changed" if changed else "unchanged")


@transaction.atomic
def load_demo(*, stdout: Writer | None = None) -> LoadReport:
    """Create or update the Ngawi mall, its booths, agencies and services.

    One transaction: either the whole demo catalogue is loaded or nothing is. Rows are only
    written when they differ from the seed, through the mpp.catalog.domain upserts (which also
    refresh the search index of changed services). Writes a one-line summary to `stdout` if
    given.
    """
    report = LoadReport()
    mall = _load_mall(report)
    booths = _load_booths(mall, report)
    _load_agencies(mall, booths, report)
    if stdout is not None:
        stdout.write(report.summary() + "\n")
    return report
