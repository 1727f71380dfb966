"""What the kiosk shows: the "Layanan populer" shortcuts of its first screen and the services
that take walk-in tickets, grouped by agency.

A shortcut is an everyday name ("KTP-el", "SIM", "Pajak kendaraan") for one or more catalogue
services. The mall manager sets them in the admin (`KioskShortcut`); a mall that has set none
gets `DEFAULT_SHORTCUTS`, matched against its own catalogue by words in the service names, so
a new mall's kiosk is useful on its first day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.text import slugify

from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall
from mpp.queueing.models import KioskShortcut

# (everyday name, hint, patterns matched against the service name, case-insensitive).
# The names are what people say at the door (issue 9); the hint says what the button covers.
DEFAULT_SHORTCUTS: list[tuple[str, str, tuple[str, ...]]] = [
    ("KTP-el", "Baru, hilang, rusak, ganti data", (r"\bktp",)),
    ("Kartu Keluarga", "Baru, tambah anggota, pisah KK", (r"kartu keluarga", r"\bkk\b")),
    ("Akta Kelahiran", "Baru, terlambat, hilang", (r"akta kelahiran",)),
    ("SIM", "Perpanjangan SIM", (r"\bsim\b",)),
    ("SKCK", "Baru dan perpanjangan", (r"\bskck\b",)),
    ("Paspor", "Baru, habis berlaku, hilang", (r"paspor",)),
    ("BPJS", "Kesehatan dan Ketenagakerjaan", (r"\bbpjs\b",)),
    ("Pajak kendaraan", "STNK tahunan, lima tahunan", (r"pajak kendaraan", r"pajak lima tahunan")),
]
MAX_SHORTCUTS = 12


@dataclass
class Shortcut:
    key: str
    label: str
    hint: str
    services: list[Service] = field(default_factory=list)


def walk_in_services(mall: Mall) -> list[Service]:
    """Active services of `mall` that take walk-in tickets, in catalogue order."""
    return list(
        Service.objects.filter(
            mall=mall, is_active=True, agency__is_active=True, queue__walk_in_enabled=True
        )
        .select_related("queue", "agency", "agency__booth", "mall")
        .order_by("agency__position", "agency__name", "position", "name")
    )


def shortcuts(mall: Mall, services: list[Service] | None = None) -> list[Shortcut]:
    """The first screen's buttons: the mall's own shortcuts, else the defaults that match at
    least one walk-in service. Shortcuts without a walk-in service are left out."""
    services = walk_in_services(mall) if services is None else services
    walk_in = {s.pk: s for s in services}
    own = list(
        KioskShortcut.objects.filter(mall=mall, is_active=True).prefetch_related(
            Prefetch("services", queryset=Service.objects.only("pk"))
        )
    )
    result: list[Shortcut] = []
    if own:
        for row in own:
            chosen = [walk_in[s.pk] for s in row.services.all() if s.pk in walk_in]
            if chosen:
                chosen.sort(key=services.index)
                result.append(Shortcut(f"{row.pk}", row.label, row.hint, chosen))
    else:
        for label, hint, patterns in DEFAULT_SHORTCUTS:
            regex = re.compile("|".join(patterns), re.IGNORECASE)
            chosen = [s for s in services if regex.search(s.name)]
            if chosen:
                result.append(Shortcut(slugify(label), label, hint, chosen))
    return result[:MAX_SHORTCUTS]


def find_shortcut(mall: Mall, key: str) -> Shortcut | None:
    return next((s for s in shortcuts(mall) if s.key == key), None)


def agencies_with_services(services: list[Service]) -> list[tuple[Agency, list[Service]]]:
    """Walk-in services grouped by agency, in catalogue order."""
    groups: dict[int, tuple[Agency, list[Service]]] = {}
    for service in services:
        groups.setdefault(service.agency_id, (service.agency, []))[1].append(service)
    return list(groups.values())
