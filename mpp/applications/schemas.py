"""Input and output shapes of the applications API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Schema
from pydantic import Field

from mpp.core.schemas import ErrorOut  # noqa: F401 - the one error shape, kept for importers


class NamedRef(Schema):
    slug: str
    name: str


class DocumentOut(Schema):
    id: UUID
    kind: str
    requirement: int | None
    content_type: str
    size: int
    uploaded_at: datetime
    url: str


class EventOut(Schema):
    at: datetime
    from_state: str
    to_state: str
    to_label: str
    by: str
    reason: str


class DocumentSlotOut(Schema):
    key: str
    label: str
    kind: str
    required: bool
    value: str = ""
    revision: str = ""


class ApplicationOut(Schema):
    id: UUID
    tracking_code: str | None
    service: NamedRef
    agency: NamedRef
    state: str
    state_label: str
    urgency: str
    due_date: date | None
    created_at: datetime
    submitted_at: datetime | None
    slots: list[DocumentSlotOut]
    documents: list[DocumentOut]
    events: list[EventOut]
    missing: dict[str, str]
    result_kind: str
    result_note: str
    decision_reason: str
    url: str


class ApplicationItem(Schema):
    id: UUID
    tracking_code: str | None
    service: NamedRef
    agency: NamedRef
    state: str
    state_label: str
    urgency: str
    due_date: date | None
    submitted_at: datetime | None
    assigned_to: str | None = None
    url: str


class ApplicationPage(Schema):
    count: int
    results: list[ApplicationItem]


class AnswersIn(Schema):
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="Answers by slot key (`req-<id>`, `f-<key>`); an address is an object "
        "{kecamatan, desa, street}.",
    )
    contact_phone: str | None = Field(default=None, max_length=30)
    contact_email: str | None = Field(default=None, max_length=254)


class CreateIn(AnswersIn):
    service: str = Field(max_length=120, description="Slug of an online service.")


class ApplicationTrackIn(Schema):
    code: str = Field(max_length=20)
    phone_last4: str = Field(min_length=4, max_length=4, pattern=r"^\d{4}$")


class TrackEvent(Schema):
    at: datetime
    state: str
    label: str


class TrackOut(Schema):
    tracking_code: str
    service: str
    agency: str
    state: str
    state_label: str
    due_date: date | None
    events: list[TrackEvent]


class TransitionIn(Schema):
    to: str = Field(max_length=20)
    reason: str = Field(default="", max_length=2000)
    requirement_reasons: dict[str, str] = Field(default_factory=dict)
    result_kind: str = Field(default="", max_length=20)
    result_note: str = Field(default="", max_length=2000)
