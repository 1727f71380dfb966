"""Feedback API. operationIds: submit_survey, survey_report, submit_complaint, track_complaint,
list_complaints, respond_complaint.

Public operations need no sign-in: a survey is reached by its one-time token, a complaint by
its code plus a second factor (the PIN, or the phone number or e-mail given). Listing
complaints needs a staff token (`Authorization: Bearer …`) or a staff session and returns only
the complaints the caller may see (an agency's officers: their agency's; the mall manager and
the auditor: all). Complaint payloads never carry the reporter's contact details.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from mpp.accounts.access import STAFF_AUTH
from mpp.catalog.models import Agency, Service
from mpp.core import fairuse
from mpp.core.dates import SaneDate
from mpp.core.models import Mall
from mpp.core.schemas import ERRORS, SIGNED_IN_ERRORS
from mpp.core.tenancy import mall_or_404
from mpp.feedback import domain, present, queries
from mpp.feedback.codes import normalise_code
from mpp.feedback.enums import ComplaintChannel, ComplaintStatus
from mpp.feedback.errors import FeedbackError, NotFoundError
from mpp.feedback.models import Complaint, SurveyInvitation
from mpp.feedback.permissions import complaint_scope, visible_complaints
from mpp.feedback.schemas import (
    ComplaintFiledOut,
    ComplaintIn,
    ComplaintPage,
    ComplaintTrackOut,
    RespondIn,
    SurveyIn,
    SurveyOut,
    SurveyReportOut,
    TrackIn,
)
from mpp.feedback.tracking import client_address, find_for_reporter

router = Router(tags=["feedback"])
staff_auth = STAFF_AUTH


# --- Survey ------------------------------------------------------------------------------------


@router.post(
    "/feedback/surveys",
    response={201: SurveyOut, **ERRORS},
    operation_id="submit_survey",
    summary="Answer the satisfaction survey (SKM) with a one-time token",
)
def submit_survey(request: HttpRequest, payload: SurveyIn) -> Any:
    mall = mall_or_404(request)
    invitation = (
        SurveyInvitation.objects.select_related("service__agency")
        .filter(mall=mall, token=payload.token)
        .first()
    )
    if invitation is None:
        raise NotFoundError(_("This survey link is not valid."), field="token")
    fairuse.check(request, "survey")
    response = domain.submit_survey(
        invitation=invitation,
        answers=payload.answers,
        profile=payload.profile.dict(),
        suggestion=payload.suggestion,
    )
    return Status(
        201,
        {
            "service": invitation.service.name,
            "agency": invitation.service.agency.name,
            "survey_date": response.survey_date,
            "answered": sorted(response.answers()),
        },
    )


class ReportQuery(Schema):
    start: SaneDate | None = Field(None, description="First day (default: first of this month)")
    end: SaneDate | None = Field(None, description="Last day, inclusive (default: today)")
    agency: str = Field("", max_length=80, description="Agency slug")
    service: str = Field("", max_length=120, description="Service slug")


def report_period(mall: Mall, start: date | None, end: date | None) -> tuple[date, date]:
    today = domain.local_date(mall, timezone.now())
    end = end or today
    start = start or end.replace(day=1)
    # Dates at the edge of the calendar (0001-01-01) overflow when turned into the mall's
    # local day boundaries: refuse them with a message instead of a 500.
    if start.year < 2000 or end.year > 2100:
        raise FeedbackError(_("Choose dates between the years 2000 and 2100."), field="start")
    if start > end:
        raise FeedbackError(_("The start date must not be after the end date."), field="start")
    if (end - start).days > 3 * 366:
        raise FeedbackError(_("Choose a period of at most three years."), field="start")
    return start, end


def report_scope(
    mall: Mall, agency_slug: str, service_slug: str
) -> tuple[Agency | None, Service | None]:
    agency = service = None
    if service_slug:
        service = (
            Service.objects.select_related("agency").filter(mall=mall, slug=service_slug).first()
        )
        if service is None:
            raise NotFoundError(_("There is no service with that name here."), field="service")
    if agency_slug:
        agency = Agency.objects.filter(mall=mall, slug=agency_slug).first()
        if agency is None:
            raise NotFoundError(_("Agency not found."), field="agency")
    return agency, service


@router.get(
    "/feedback/surveys/report",
    response={200: SurveyReportOut, **ERRORS},
    operation_id="survey_report",
    summary="Satisfaction index (IKM) of the mall, an agency or a service for a period",
)
def survey_report(request: HttpRequest, params: Query[ReportQuery]) -> Any:
    mall = mall_or_404(request)
    start, end = report_period(mall, params.start, params.end)
    agency, service = report_scope(mall, params.agency, params.service)
    report = queries.ikm_report(
        mall=mall, start=start, end=end, agency=agency, service=service, with_details=False
    )
    return present.report_out(report)


# --- Complaints --------------------------------------------------------------------------------


@router.post(
    "/feedback/complaints",
    response={200: ComplaintFiledOut, 201: ComplaintFiledOut, **ERRORS},
    operation_id="submit_complaint",
    summary="File a complaint, suggestion or request for information",
    description=(
        "Send an `Idempotency-Key` header (a UUID) to retry safely: a repeat with the same "
        "content answers 200 with the complaint filed the first time (without the PIN); the "
        "same key with other content answers 422. Photos are accepted by the web form only."
    ),
)
def submit_complaint(
    request: HttpRequest,
    payload: ComplaintIn,
    idempotency_key: str = Header("", alias="Idempotency-Key", max_length=80),
) -> Any:
    mall = mall_or_404(request)
    service = agency = None
    if payload.service:
        service = (
            Service.objects.select_related("agency")
            .filter(mall=mall, slug=payload.service, is_active=True)
            .first()
        )
        if service is None:
            raise NotFoundError(_("There is no service with that name here."), field="service")
    if payload.agency:
        agency = Agency.objects.filter(mall=mall, slug=payload.agency, is_active=True).first()
        if agency is None:
            raise NotFoundError(_("Agency not found."), field="agency")
    key = fairuse.scoped_key(request, idempotency_key) or ""
    if not (key and Complaint.objects.filter(mall=mall, idempotency_key=key).exists()):
        fairuse.check(request, "complaint", contact=payload.phone or payload.email or "")
    filed = domain.file_complaint(
        mall=mall,
        kind=payload.kind,
        subject=payload.subject,
        service=service,
        agency=agency,
        facility=payload.facility,
        officer_description=payload.officer,
        title=payload.title,
        description=payload.description,
        location=payload.location,
        is_anonymous=payload.anonymous,
        is_confidential=payload.confidential,
        reporter_name=payload.name,
        reporter_phone=payload.phone,
        reporter_email=payload.email,
        channel=ComplaintChannel.API,
        idempotency_key=key,
        actor=request.user if request.user.is_authenticated else None,
    )
    complaint = filed.complaint
    return Status(
        201 if filed.created else 200,
        {
            "code": complaint.code,
            "pin": filed.pin,
            "status": complaint.status,
            "verify_due": complaint.verify_due,
            "tracking_url": reverse("feedback:track"),
        },
    )


@router.post(
    "/feedback/complaints/track",
    response={200: ComplaintTrackOut, **ERRORS},
    operation_id="track_complaint",
    summary="Follow a complaint with its code and the PIN (or the phone/e-mail given)",
)
def track_complaint(request: HttpRequest, payload: TrackIn) -> Any:
    mall = mall_or_404(request)
    complaint = find_for_reporter(mall, payload.code, payload.secret, client_address(request))
    if complaint is None:
        raise NotFoundError(_("No complaint matches that code and PIN."), field="code")
    return present.for_reporter(complaint)


@router.post(
    "/feedback/complaints/{code}/response",
    response={200: ComplaintTrackOut, **ERRORS},
    operation_id="respond_complaint",
    summary="The reporter's response to the answer: satisfied (closes) or not (back to the agency)",
)
def respond_complaint(request: HttpRequest, code: str, payload: RespondIn) -> Any:
    mall = mall_or_404(request)
    complaint = find_for_reporter(mall, code, payload.secret, client_address(request))
    if complaint is None:
        raise NotFoundError(_("No complaint matches that code and PIN."), field="code")
    updated = domain.respond_to_answer(
        complaint=complaint, verdict=payload.verdict, comment=payload.comment
    )
    return present.for_reporter(updated)


class ListQuery(Schema):
    status: str = Field("", max_length=20, description="received, dispositioned, answered, …")
    agency: str = Field("", max_length=80, description="Agency slug")
    overdue: bool = Field(False, description="Only complaints past their deadline")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=100_000)


@router.get(
    "/feedback/complaints",
    response={200: ComplaintPage, **SIGNED_IN_ERRORS},
    auth=staff_auth,
    operation_id="list_complaints",
    summary="Complaints the signed-in officer may see (their agency's; all for the mall manager)",
)
def list_complaints(request: HttpRequest, params: Query[ListQuery]) -> Any:
    mall = mall_or_404(request)
    if not complaint_scope(request.user).has_access:
        return Status(
            403, {"detail": _("You do not have permission to open this page."), "errors": []}
        )
    qs = visible_complaints(request.user, mall).select_related("agency", "service", "mall")
    if params.status:
        if params.status not in ComplaintStatus.values:
            raise FeedbackError(_("Unknown status."), field="status")
        qs = qs.filter(status=params.status)
    if params.agency:
        qs = qs.filter(agency__slug=params.agency)
    today = domain.local_date(mall, timezone.now())
    if params.overdue:
        from django.db.models import Q

        qs = qs.filter(
            Q(status=ComplaintStatus.RECEIVED, verify_due__lt=today)
            | Q(status=ComplaintStatus.DISPOSITIONED, answer_due__lt=today)
        )
    qs = qs.order_by("-received_at", "pk")
    return {
        "count": qs.count(),
        "items": [
            present.list_item(c, today) for c in qs[params.offset : params.offset + params.limit]
        ],
    }


def code_for_url(code: str) -> str:
    return normalise_code(code, limit=16)
