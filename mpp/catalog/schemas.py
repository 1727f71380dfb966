"""API shapes of the catalogue."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema

from mpp.core.schemas import ErrorOut  # noqa: F401 - the one error shape, kept for importers


class Money(Schema):
    kind: str
    amount: int
    max_amount: int | None
    unit: str
    display: str
    note: str
    legal_basis: str


class Turnaround(Schema):
    value: int
    max_value: int | None
    unit: str
    display: str
    note: str


class AgencyRef(Schema):
    slug: str
    name: str
    short_name: str


class Booth(Schema):
    code: str
    floor: int
    label: str


class AgencyOut(Schema):
    slug: str
    name: str
    name_en: str
    short_name: str
    level: str
    level_display: str
    description: str
    booth: Booth | None
    phone: str
    email: str
    website: str
    opening_hours: list[dict[str, object]]
    service_count: int


class ServiceItem(Schema):
    id: int
    slug: str
    name: str
    name_en: str
    agency: AgencyRef
    category: str
    fee: Money
    turnaround: Turnaround
    channel: str
    url: str


class ServicePage(Schema):
    query: str
    total: int
    limit: int
    offset: int
    suggestion: str
    items: list[ServiceItem]


class RequirementOut(Schema):
    position: int
    text: str
    text_en: str
    is_mandatory: bool
    form: str
    quantity: int
    note: str


class StepOut(Schema):
    position: int
    text: str
    text_en: str


class Provenance(Schema):
    """Whether the agency stands behind the standard. The sources the mall compiled it from are
    for staff and not published."""

    confirmed_by_agency: bool
    confirmed_at: datetime | None
    needs_confirmation: bool
    last_verified: date | None


class OnlineChannel(Schema):
    """The official online system people apply through (a national system such as M-Paspor or
    OSS, or the agency's own), and what the booth helps with."""

    system: str
    url: str
    booth_help: str
    booth_help_en: str
    applications_on_this_site: bool


class ServiceOut(ServiceItem):
    summary: str
    summary_en: str
    requirements: list[RequirementOut]
    steps: list[StepOut]
    product: str
    product_en: str
    complaint_handling: str
    legal_basis: str
    decree_number: str
    decree_date: date | None
    online_url: str
    online_channel: OnlineChannel
    counter_info: str
    internal: dict[str, str]
    provenance: Provenance
