"""API shapes of the queue."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from mpp.core.dates import SaneDate, SaneDateTime
from mpp.core.schemas import ErrorOut  # noqa: F401 - the one error shape, kept for importers


class ServiceRef(Schema):
    slug: str
    name: str
    prefix: str


class QueueAgencyRef(Schema):
    slug: str
    short_name: str


class CounterOut(Schema):
    number: int
    label: str
    agency: QueueAgencyRef
    floor: int
    state: str
    officer: str | None = Field(None, description="Username of the signed-in officer, if any")
    services: list[ServiceRef]


class SlotOut(Schema):
    starts_at: datetime
    ends_at: datetime
    capacity: int
    free: int


class WaitOut(Schema):
    people_ahead: int
    minutes: int
    minutes_low: int
    minutes_high: int
    counters_open: int


class TicketOut(Schema):
    code: str = Field(..., description="Public code: random, 8 characters, never sequential")
    number: str = Field(..., description="Number shown and called out, e.g. A-012")
    status: str
    service: str
    agency: str
    priority: str
    counter: int | None = Field(None, description="Counter the ticket is called to")
    issued_at: datetime
    url: str
    wait: WaitOut | None = None


class CallOut(Schema):
    ticket: TicketOut | None = Field(None, description="The called ticket; null when nobody waits")


class CallQuery(Schema):
    finish: str = Field(
        "",
        max_length=12,
        description="The code of the ticket at the counter, to finish before calling the next "
        "(one press: finish & call next). Ignored when that ticket is no longer at the counter, "
        "so a repeated press does not finish the citizen it called.",
    )


class IssueIn(Schema):
    service: str = Field(..., description="Service slug", min_length=1, max_length=120)
    priority: str = Field("", description="elderly, disability, pregnant, infant or empty")


class BookIn(Schema):
    service: str = Field(..., min_length=1, max_length=120)
    starts_at: SaneDateTime = Field(..., description="Start of one of the slots from list_slots")
    phone: str = Field("", max_length=30)
    nik: str = Field("", max_length=30, description="16 digits; only a keyed hash is kept")
    name: str = Field("", max_length=120)
    priority: str = ""
    code: str = Field("", max_length=12, description="The code from send_booking_code")


class BookingCodeIn(Schema):
    phone: str = Field(..., min_length=1, max_length=30)


class SentOut(Schema):
    detail: str


class RescheduleIn(Schema):
    starts_at: SaneDateTime


class BookingOut(Schema):
    code: str
    service: str
    status: str
    starts_at: datetime
    checkin_opens: datetime
    checkin_closes: datetime
    ticket: str | None = None
    url: str


class TransferIn(Schema):
    service: str | None = Field(None, description="Slug of the service to send the citizen to")
    counter: int | None = Field(None, description="Number of the counter to send them to")
    note: str = Field("", max_length=1000)


class DisplayCall(Schema):
    id: int
    number: str
    counter: int
    agency: str
    at: datetime
    recall: bool
    segments: list[str]
    text: str


class DisplayCounter(Schema):
    number: int
    agency: str
    state: str
    staffed: bool
    ticket: str | None
    status: str | None


class DisplayWaiting(Schema):
    agency: str
    prefix: str
    count: int


class DisplayOut(Schema):
    mall: str
    mall_name: str
    floor: int | None
    version: int
    now: datetime
    counters: list[DisplayCounter]
    calls: list[DisplayCall]
    waiting: list[DisplayWaiting]
    voice: bool


class SlotQuery(Schema):
    service: str = Field(..., min_length=1, max_length=120)
    date: SaneDate
