"""The application form generated from a service's standard.

Each requirement becomes a slot: an upload slot for documents, or a short text field for a
requirement that is not a document (form "not a document", e.g. an active phone number).
The service's extra questions (ApplicationField) follow, typed. Keys are stable strings used
in forms, stored answers and the API: `doc-<requirement id>`, `req-<requirement id>`,
`f-<question key>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from mpp.applications.enums import FieldKind
from mpp.applications.models import Application, ApplicationField
from mpp.catalog.enums import DocumentForm
from mpp.catalog.models import Requirement, Service

MAX_FILES_PER_SLOT = 3


@dataclass(frozen=True)
class Slot:
    key: str
    label: str
    required: bool
    kind: str  # "document", "text" or a FieldKind value
    hint: str = ""
    requirement: Requirement | None = None
    field: ApplicationField | None = None
    quantity: int = 1

    @property
    def is_document(self) -> bool:
        return self.kind == "document"


def _english(obj: Any, name: str) -> str:
    if translation.get_language() == "en":
        value = getattr(obj, f"{name}_en", "")
        if value:
            return str(value)
    return str(getattr(obj, name, ""))


def requirement_slot(requirement: Requirement) -> Slot:
    label = _english(requirement, "text")
    hint = requirement.note
    if requirement.form == DocumentForm.NOT_A_DOCUMENT:
        return Slot(
            f"req-{requirement.pk}",
            label,
            requirement.is_mandatory,
            "text",
            hint,
            requirement=requirement,
        )
    if requirement.form in {
        DocumentForm.ORIGINAL,
        DocumentForm.ORIGINAL_AND_COPY,
        DocumentForm.SHOW_ORIGINAL,
    }:
        extra = _("Upload a scan or photo of the original; bring the original when you pick up.")
        hint = f"{hint} {extra}".strip()
    return Slot(
        f"doc-{requirement.pk}",
        label,
        requirement.is_mandatory,
        "document",
        hint,
        requirement=requirement,
        quantity=requirement.quantity,
    )


def field_slot(question: ApplicationField) -> Slot:
    return Slot(
        f"f-{question.key}",
        _english(question, "label"),
        question.is_required,
        question.kind,
        _english(question, "help_text"),
        field=question,
    )


def slots_for_service(service: Service) -> list[Slot]:
    """Requirement slots in the standard's order, then the extra questions. Uses prefetched
    `requirements` and `application_fields` when present."""
    requirements = sorted(service.requirements.all(), key=lambda r: (r.position, r.pk))
    questions = sorted(service.application_fields.all(), key=lambda q: (q.position, q.pk))
    return [requirement_slot(r) for r in requirements] + [field_slot(q) for q in questions]


def slots_for(application: Application) -> list[Slot]:
    return slots_for_service(application.service)


def answer_display(slot: Slot, value: Any) -> str:
    """How a stored answer reads on the review page (NIKs masked)."""
    from mpp.accounts.regions import describe_address

    if value in (None, "", {}):
        return ""
    if slot.kind == FieldKind.NIK:
        return str(value.get("masked", "")) if isinstance(value, dict) else ""
    if slot.kind == FieldKind.ADDRESS and isinstance(value, dict):
        return describe_address(
            value.get("kecamatan", ""), value.get("desa", ""), value.get("street", "")
        )
    if slot.kind == FieldKind.DATE:
        from datetime import date

        from django.utils import formats

        try:
            return str(formats.date_format(date.fromisoformat(str(value)), "j F Y"))
        except ValueError:
            return str(value)
    return str(value)
