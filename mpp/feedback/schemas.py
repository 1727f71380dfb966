"""API input and output shapes of the feedback app."""

from __future__ import annotations

from datetime import date

from ninja import Schema
from pydantic import Field

from mpp.core.schemas import ErrorOut  # noqa: F401 - the one error shape, kept for importers


class ProfileIn(Schema):
    gender: str = Field("", max_length=1, description="L (male) or P (female)")
    age: int | None = Field(None, ge=10, le=120)
    education: str = Field("", max_length=3, description="SD, SMP, SMA, S1, S2 or S3")
    occupation: str = Field(
        "", max_length=10, description="PNS, TNI, POLRI, SWASTA, WIRAUSAHA or LAINNYA"
    )


class SurveyIn(Schema):
    token: str = Field(..., min_length=8, max_length=40, description="From the one-time link")
    answers: dict[str, int | None] = Field(
        ...,
        description=(
            "Scores 1–4 keyed by element code U1…U9 (never by position); null or absent = "
            "not answered"
        ),
        max_length=9,
    )
    profile: ProfileIn = Field(default_factory=ProfileIn)  # type: ignore[arg-type]
    suggestion: str = Field("", max_length=2000)


class SurveyOut(Schema):
    service: str
    agency: str
    survey_date: date
    answered: list[str]


class UnsurOut(Schema):
    code: str
    name: str
    total: int
    answered: int
    nrr: float | None = Field(description="Average over the respondents who answered (4 dp)")


class SurveyReportOut(Schema):
    mall: str
    agency: str | None
    service: str | None
    start: date
    end: date
    respondents: int
    population: int = Field(description="People served in the period")
    minimum_sample: int = Field(description="Krejcie–Morgan minimum for the population")
    sample_is_enough: bool
    weight: str = Field(description="Weight per element (setting FEEDBACK_SKM_WEIGHT)")
    x: float | None = Field(description="Weighted average on the 1–4 scale (4 dp)")
    ikm: float | None = Field(description="IKM 25–100, rounded to 2 decimals")
    grade: str | None = Field(description="A, B, C or D")
    grade_label: str | None
    missing: list[str] = Field(description="Elements nobody answered (then no IKM)")
    unsur: list[UnsurOut]


class ComplaintIn(Schema):
    kind: str = Field("pengaduan", max_length=20, description="pengaduan, aspirasi or informasi")
    subject: str = Field(..., max_length=20, description="service, agency, facility or officer")
    service: str = Field("", max_length=120, description="Service slug (subject service)")
    agency: str = Field("", max_length=80, description="Agency slug (subject agency/officer)")
    facility: str = Field("", max_length=120)
    officer: str = Field("", max_length=200, description="Officer's name, counter or description")
    title: str = Field(..., max_length=150)
    description: str = Field(..., max_length=4000)
    location: str = Field("", max_length=200)
    anonymous: bool = False
    confidential: bool = Field(
        False, description="The reporter asks that the report is never published (LAPOR! Rahasia)"
    )
    name: str = Field("", max_length=120)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)


class ComplaintFiledOut(Schema):
    code: str
    pin: str | None = Field(description="Second factor for tracking; shown only once")
    status: str
    verify_due: date
    tracking_url: str


class TrackIn(Schema):
    code: str = Field(..., max_length=20)
    secret: str = Field(
        ..., max_length=254, description="The PIN, or the phone number or e-mail given"
    )


class TimelineOut(Schema):
    at: str
    kind: str
    status: str
    status_display: str
    note: str


class ComplaintTrackOut(Schema):
    code: str
    status: str
    status_display: str
    kind: str
    subject: str
    agency: str | None
    service: str | None
    title: str
    received_at: str
    current_due: date | None
    answer: str
    can_respond: bool
    timeline: list[TimelineOut]


class RespondIn(Schema):
    secret: str = Field(..., max_length=254)
    verdict: str = Field(..., max_length=20, description="satisfied or not_satisfied")
    comment: str = Field("", max_length=4000)


class ComplaintListItem(Schema):
    code: str
    status: str
    status_display: str
    kind: str
    subject: str
    agency: str | None
    service: str | None
    category: str
    title: str
    channel: str
    received_at: str
    current_due: date | None
    overdue: bool
    escalated: bool
    published: bool


class ComplaintPage(Schema):
    count: int
    items: list[ComplaintListItem]
