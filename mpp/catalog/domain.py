"""Writes to the catalogue. Seed loading, spreadsheet import and the admin all come here.

Rules:
- A service is identified inside its mall by its slug; saving the same data twice changes
  nothing (idempotent), so the demo loader and imports can be re-run safely.
- Requirements and procedure steps are replaced as a whole when they differ: the standard
  is published as one document, not edited line by line from outside.
- The search index of a service is refreshed in the same transaction as the service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Model

from mpp.audit.domain import record_event
from mpp.catalog.enums import Channel, DocumentForm, FeeKind, ServiceCategory, TimeUnit
from mpp.catalog.models import Agency, ProcedureStep, Requirement, Service
from mpp.catalog.search.indexing import reindex_services
from mpp.core.models import Booth, Mall


@dataclass
class RequirementData:
    text: str
    text_en: str = ""
    is_mandatory: bool = True
    form: str = DocumentForm.COPY
    quantity: int = 1
    note: str = ""


@dataclass
class StepData:
    text: str
    text_en: str = ""


@dataclass
class ServiceData:
    """Everything that makes up one service's standard, independent of the database."""

    slug: str
    name: str
    turnaround_value: int
    turnaround_unit: str
    fee_kind: str
    product: str
    complaint_handling: str
    channel: str
    source: str
    requirements: list[RequirementData] = field(default_factory=list)
    steps: list[StepData] = field(default_factory=list)
    name_en: str = ""
    summary: str = ""
    summary_en: str = ""
    category: str = ServiceCategory.OTHER
    keywords: str = ""
    turnaround_max: int | None = None
    turnaround_note: str = ""
    fee_amount: int = 0
    fee_max: int | None = None
    fee_unit: str = ""
    fee_note: str = ""
    fee_legal_basis: str = ""
    product_en: str = ""
    complaint_handling_en: str = ""
    legal_basis: str = ""
    decree_number: str = ""
    decree_date: date | None = None
    facilities: str = ""
    staff_competence: str = ""
    internal_supervision: str = ""
    staff_count: str = ""
    service_guarantee: str = ""
    safety_guarantee: str = ""
    performance_evaluation: str = ""
    online_system: str = ""
    online_url: str = ""
    booth_help: str = ""
    booth_help_en: str = ""
    accepts_online_applications: bool = False
    counter_info: str = ""
    needs_confirmation: bool = False
    open_questions: str = ""
    last_verified: date | None = None
    position: int = 100
    is_active: bool = True

    def __post_init__(self) -> None:
        # Fail early on values the database would only reject at save time.
        TimeUnit(self.turnaround_unit)
        FeeKind(self.fee_kind)
        Channel(self.channel)
        ServiceCategory(self.category)

    def scalar_fields(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data.pop("requirements")
        data.pop("steps")
        data.pop("slug")
        return data


def upsert_mall(*, slug: str, **fields: Any) -> Mall:
    mall, _created = Mall.objects.update_or_create(slug=slug, defaults=fields)
    mall.full_clean()
    return mall


def upsert_booth(*, mall: Mall, code: str, **fields: Any) -> Booth:
    booth, _created = Booth.objects.update_or_create(mall=mall, code=code, defaults=fields)
    return booth


# Agency fields that are copied into its services' search documents.
INDEXED_AGENCY_FIELDS = {"name", "name_en", "short_name", "is_active"}

# Fields that do not change what the agency stands behind: a change to any other field clears
# the agency's confirmation (mpp.catalog.confirmation), so citizens never read an edited text
# as "confirmed by the agency".
AGENCY_BOOKKEEPING_FIELDS = frozenset(
    {"booth", "booth_id", "position", "is_active", "notes", "confirmed_at", "confirmed_by"}
)
SERVICE_BOOKKEEPING_FIELDS = frozenset(
    {
        "position",
        "is_active",
        "keywords",
        "source",
        "needs_confirmation",
        "open_questions",
        "last_verified",
        "counter_info",
    }
)


def clears_confirmation(changed: set[str] | frozenset[str], bookkeeping: frozenset[str]) -> bool:
    return bool(set(changed) - bookkeeping)


def _audit_value(value: Any) -> Any:
    """A JSON-safe, bounded rendering of a field value for the audit trail."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Model):
        return value.pk
    text = str(value)
    return text if len(text) <= 300 else text[:297] + "..."


@transaction.atomic
def upsert_agency(*, mall: Mall, slug: str, actor: Any = "system", **fields: Any) -> Agency:
    """Create or update an agency; records what changed in the audit trail."""
    agency = Agency.objects.filter(mall=mall, slug=slug).first()
    created = agency is None
    if agency is None:
        agency = Agency(mall=mall, slug=slug)
    changes = {
        name: [_audit_value(getattr(agency, name, None)), _audit_value(value)]
        for name, value in fields.items()
        if created or getattr(agency, name) != value
    }
    if not changes and not created:
        return agency
    for name, value in fields.items():
        setattr(agency, name, value)
    if (
        not created
        and agency.confirmed_at
        and clears_confirmation(set(changes), AGENCY_BOOKKEEPING_FIELDS)
    ):
        changes["confirmed_at"] = [_audit_value(agency.confirmed_at), None]
        agency.confirmed_at = None
        agency.confirmed_by = None
    agency.full_clean()
    agency.save()
    record_event(
        action="catalog.agency.created" if created else "catalog.agency.updated",
        obj=agency,
        actor=actor,
        data={"slug": slug, "changes": changes},
    )
    if not created and changes.keys() & INDEXED_AGENCY_FIELDS:
        # The agency's names are part of every one of its services' search documents.
        reindex_services(agency.services.values_list("pk", flat=True))
    return agency


def _requirement_rows(service: Service) -> list[tuple[Any, ...]]:
    return [
        (r.text, r.text_en, r.is_mandatory, r.form, r.quantity, r.note)
        for r in service.requirements.order_by("position", "pk")
    ]


def _step_rows(service: Service) -> list[tuple[str, str]]:
    return [(s.text, s.text_en) for s in service.steps.order_by("position", "pk")]


@transaction.atomic
def upsert_service(
    *, mall: Mall, agency: Agency, data: ServiceData, actor: Any = "system"
) -> tuple[Service, bool]:
    """Create or update one service with its requirements and steps.

    Returns (service, changed). `changed` is False when the stored standard already equals
    `data`, in which case nothing is written. Every change is recorded in the audit trail
    (field names with old and new values) in the same transaction.
    """
    if agency.mall_id != mall.pk:
        raise ValueError("The agency belongs to another mall.")
    scalars = data.scalar_fields()
    service = Service.objects.filter(mall=mall, slug=data.slug).first()
    created = service is None
    changes: dict[str, Any] = {}
    if service is None:
        service = Service(mall=mall, slug=data.slug, agency=agency, **scalars)
        service.full_clean()
        service.save()
        changes = {name: [None, _audit_value(value)] for name, value in scalars.items()}
    else:
        if service.agency_id != agency.pk:
            changes["agency"] = [service.agency_id, agency.pk]
        changes.update(
            {
                name: [_audit_value(getattr(service, name)), _audit_value(value)]
                for name, value in scalars.items()
                if getattr(service, name) != value
            }
        )
        if changes:
            service.agency = agency
            for name, value in scalars.items():
                setattr(service, name, value)
            service.full_clean()
            service.save()
    changed = bool(changes)
    lines_changed = False

    wanted_requirements = [
        (r.text, r.text_en, r.is_mandatory, r.form, r.quantity, r.note) for r in data.requirements
    ]
    if _requirement_rows(service) != wanted_requirements:
        changes["requirements"] = [len(_requirement_rows(service)), len(wanted_requirements)]
        service.requirements.all().delete()
        Requirement.objects.bulk_create(
            Requirement(service=service, position=index, **r.__dict__)
            for index, r in enumerate(data.requirements, start=1)
        )
        changed = lines_changed = True
    wanted_steps = [(s.text, s.text_en) for s in data.steps]
    if _step_rows(service) != wanted_steps:
        changes["steps"] = [len(_step_rows(service)), len(wanted_steps)]
        service.steps.all().delete()
        ProcedureStep.objects.bulk_create(
            ProcedureStep(service=service, position=index, text=s.text, text_en=s.text_en)
            for index, s in enumerate(data.steps, start=1)
        )
        changed = lines_changed = True
    if (
        not created
        and service.confirmed_at is not None
        and (lines_changed or clears_confirmation(set(changes), SERVICE_BOOKKEEPING_FIELDS))
    ):
        changes["confirmed_at"] = [_audit_value(service.confirmed_at), None]
        Service.objects.filter(pk=service.pk).update(confirmed_at=None, confirmed_by=None)
        service.confirmed_at = None
        service.confirmed_by = None
    if changed:
        reindex_services([service.pk])
        record_event(
            action="catalog.service.created" if created else "catalog.service.updated",
            obj=service,
            actor=actor,
            data={"slug": service.slug, "changes": changes},
        )
    return service, changed


def service_data_from(service: Service) -> ServiceData:
    """The inverse of upsert_service: a stored service as plain data (used by export)."""
    names = [f.name for f in ServiceData.__dataclass_fields__.values()]
    scalars = {
        name: getattr(service, name) for name in names if name not in {"requirements", "steps"}
    }
    return ServiceData(
        requirements=[
            RequirementData(
                text=r.text,
                text_en=r.text_en,
                is_mandatory=r.is_mandatory,
                form=r.form,
                quantity=r.quantity,
                note=r.note,
            )
            for r in service.requirements.all()
        ],
        steps=[StepData(text=s.text, text_en=s.text_en) for s in service.steps.all()],
        **scalars,
    )
