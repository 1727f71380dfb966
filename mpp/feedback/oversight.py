"""Routing of reports that protect the reporter (docs/adr/0019-whistleblowing-routing.md).

A report of an illegal levy (pungli), a gratification or other misconduct by an officer goes
to an oversight unit of the mall (`OversightUnit`): the Satgas Saber Pungli for pungli and
gratification when the mall has one, otherwise the Inspectorate (APIP); the Inspectorate for
other misconduct. Never to the agency reported: a unit that is itself the agency reported is
skipped.
"""

from __future__ import annotations

from mpp.catalog.models import Agency
from mpp.core.models import Mall
from mpp.feedback.enums import ComplaintKind, OversightKind
from mpp.feedback.models import OversightUnit

#: Which unit kinds take which report kind, most suitable first.
PREFERENCE: dict[str, tuple[str, ...]] = {
    ComplaintKind.PUNGLI: (OversightKind.SABER_PUNGLI, OversightKind.APIP),
    ComplaintKind.GRATIFICATION: (OversightKind.SABER_PUNGLI, OversightKind.APIP),
    ComplaintKind.WHISTLEBLOWING: (OversightKind.APIP, OversightKind.SABER_PUNGLI),
}


def units(mall: Mall) -> list[OversightUnit]:
    return list(
        OversightUnit.objects.filter(
            agency__mall=mall, agency__is_active=True, is_active=True
        ).select_related("agency")
    )


def oversight_agency_ids(mall_id: int) -> set[int]:
    return set(
        OversightUnit.objects.filter(
            agency__mall_id=mall_id, agency__is_active=True, is_active=True
        ).values_list("agency_id", flat=True)
    )


def handler_for(mall: Mall, kind: str, accused: Agency | None) -> Agency | None:
    """The agency that handles a protected report of `kind` about `accused`; None when the
    mall has no oversight unit that may take it."""
    candidates = [u for u in units(mall) if accused is None or u.agency_id != accused.pk]
    for wanted in PREFERENCE.get(kind, (OversightKind.APIP,)):
        for unit in sorted(candidates, key=lambda u: (u.agency.position, u.agency.name)):
            if unit.kind == wanted:
                return unit.agency
    return None


def default_unit(mall: Mall) -> Agency | None:
    """The unit named on the citizen form (the Inspectorate first)."""
    return handler_for(mall, ComplaintKind.WHISTLEBLOWING, None)
