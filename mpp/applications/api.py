"""Applications API. operationIds: create_application, submit_application, get_application,
list_my_applications, upload_document, track_application, list_agency_applications,
transition_application.

Citizens use their session (CSRF-protected) or a token; staff a token
(`manage.py issue_api_token`) or a session that has passed the second factor. An application
a caller may not see answers 404, exactly as one that does not exist.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from ninja.security import django_auth
from pydantic import Field

from mpp.accounts.access import STAFF_AUTH, StaffTokenAuth
from mpp.applications import access, domain, queries
from mpp.applications.deadlines import annotate_urgency
from mpp.applications.domain import ApplicationError, NotFound
from mpp.applications.enums import FieldKind
from mpp.applications.forms import ApplicationForm
from mpp.applications.models import Application, Document
from mpp.applications.schemas import (
    AnswersIn,
    ApplicationOut,
    ApplicationPage,
    ApplicationTrackIn,
    CreateIn,
    DocumentOut,
    TrackOut,
    TransitionIn,
)
from mpp.applications.slots import answer_display, slots_for
from mpp.applications.views import find_for_tracking, record_tracking_failure, tracking_limited
from mpp.core import fairuse
from mpp.core.schemas import SIGNED_IN_ERRORS
from mpp.core.tenancy import current_mall

router = Router(tags=["applications"])
ERRORS = SIGNED_IN_ERRORS  # track_application is public, yet documents the same refusals


#: Citizens' operations: a bearer token (marked, so staff rules know a token was used: it is its
#: own credential) or the signed-in session. Staff-only operations use the one `STAFF_AUTH`.
AUTH = [StaffTokenAuth(staff_only=False), django_auth]
#: Staff act through `STAFF_AUTH` (second factor); an applicant withdraws with their session.
STAFF_OR_APPLICANT_AUTH = [*STAFF_AUTH, django_auth]


def _visible(request: HttpRequest, public_id: UUID, *, documents_too: bool = False) -> Application:
    application = queries.with_case_data(Application.objects.filter(public_id=public_id)).first()
    if application is None:
        raise NotFound(_("There is no application with that address."))
    check = access.can_view_documents if documents_too else access.can_view
    if not check(request.user, application):
        raise NotFound(_("There is no application with that address."))
    return application


def _document_out(application: Application, doc: Document) -> dict[str, Any]:
    return {
        "id": doc.public_id,
        "kind": doc.kind,
        "requirement": doc.requirement_id,
        "content_type": doc.content_type,
        "size": doc.size,
        "uploaded_at": doc.uploaded_at,
        "url": reverse("applications:document", args=[application.public_id, doc.public_id]),
    }


def _ref(obj: Any, name: str) -> dict[str, str]:
    return {"slug": obj.slug, "name": getattr(obj, name)}


def application_out(request: HttpRequest, application: Application) -> dict[str, Any]:
    annotate_urgency([application], timezone.localdate(), mall=application.mall)
    revision = application.revision_requests or {}
    slots = []
    for slot in slots_for(application):
        value = ""
        if not slot.is_document:
            value = answer_display(slot, application.answers.get(slot.key))
        requirement_key = str(slot.requirement.pk) if slot.requirement else ""
        slots.append(
            {
                "key": slot.key,
                "label": slot.label,
                "kind": slot.kind,
                "required": slot.required,
                "value": value,
                "revision": revision.get(requirement_key, "") if requirement_key else "",
            }
        )
    documents = (
        [_document_out(application, d) for d in application.documents.all()]
        if access.can_view_documents(request.user, application)
        else []
    )
    return {
        "id": application.public_id,
        "tracking_code": application.tracking_code,
        "service": _ref(application.service, "name"),
        "agency": _ref(application.agency, "short_name"),
        "state": application.state,
        "state_label": application.state_label,
        "urgency": application.urgency,  # type: ignore[attr-defined]
        "due_date": application.due_date,
        "created_at": application.created_at,
        "submitted_at": application.submitted_at,
        "slots": slots,
        "documents": documents,
        "events": [
            {
                "at": e.created_at,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "to_label": str(e.get_to_state_display()),
                "by": str(e.get_actor_kind_display()),
                "reason": e.reason,
            }
            for e in application.events.all()
        ],
        "missing": (
            domain.missing_items(application) if access.can_edit(request.user, application) else {}
        ),
        "result_kind": application.result_kind,
        "result_note": application.result_note,
        "decision_reason": application.decision_reason,
        "url": reverse("applications:detail", args=[application.public_id]),
    }


def item_out(application: Application) -> dict[str, Any]:
    assigned = application.assigned_to
    return {
        "id": application.public_id,
        "tracking_code": application.tracking_code,
        "service": _ref(application.service, "name"),
        "agency": _ref(application.agency, "short_name"),
        "state": application.state,
        "state_label": application.state_label,
        "urgency": getattr(application, "urgency", "none"),
        "due_date": application.due_date,
        "submitted_at": application.submitted_at,
        "assigned_to": assigned.display_name if assigned else None,
        "url": reverse("applications:detail", args=[application.public_id]),
    }


def _save_answers(request: HttpRequest, application: Application, data: AnswersIn) -> None:
    """Validate API answers with the same form as the HTML page, then store them."""
    flat: dict[str, Any] = {}
    for slot in slots_for(application):
        if slot.is_document or slot.key not in data.answers:
            continue
        value = data.answers[slot.key]
        if slot.kind == FieldKind.ADDRESS:
            parts = value if isinstance(value, dict) else {}
            for part in ("kecamatan", "desa", "street"):
                flat[f"{slot.key}-{part}"] = str(parts.get(part, ""))[:300]
        else:
            flat[slot.key] = "" if value is None else str(value)[:600]
    unknown = sorted(set(data.answers) - {s.key for s in slots_for(application)})
    if unknown:
        raise ApplicationError(_("Unknown answer."), field=f"answers.{unknown[0]}")
    form = ApplicationForm(application, data=flat)
    if not form.is_valid():
        errors = {
            f"answers.{key}": " ".join(str(m) for m in messages)
            for key, messages in form.errors.items()
        }
        raise ApplicationError(_("Some answers are not valid."), errors=errors)
    values = {k: v for k, v in form.values().items() if k in data.answers}
    domain.save_answers(
        application=application,
        actor=request.user,
        values=values,
        contact_phone=data.contact_phone,
        contact_email=data.contact_email,
    )


@router.post(
    "/applications",
    response={201: ApplicationOut, **ERRORS},
    auth=AUTH,
    operation_id="create_application",
    summary="Start a draft application for an online service",
)
def create_application(request: HttpRequest, payload: CreateIn) -> Any:
    mall = current_mall(request)
    service = queries.online_services(mall).filter(slug=payload.service).first() if mall else None
    if service is None:
        raise NotFound(_("This service cannot be applied for online."), field="service")
    fairuse.check(request, "application", contact=f"user:{request.user.pk}")
    application = domain.create_application(service=service, applicant=request.user)
    if payload.answers or payload.contact_phone is not None or payload.contact_email is not None:
        _save_answers(request, application, payload)
    application = _visible(request, application.public_id)
    return Status(201, application_out(request, application))


# Registered before /applications/{public_id}: Django tries URL patterns in order.
@router.post(
    "/applications/track",
    response={200: TrackOut, **ERRORS},
    operation_id="track_application",
    summary="Public tracking: tracking code plus the last four digits of the contact number",
)
def track_application(request: HttpRequest, payload: ApplicationTrackIn) -> Any:
    if tracking_limited(request, payload.code):
        return Status(
            429, {"detail": _("Too many attempts. Please try again in an hour."), "errors": []}
        )
    application = find_for_tracking(payload.code, payload.phone_last4)
    if application is None:
        record_tracking_failure(payload.code, request)
        return Status(
            404,
            {
                "detail": _("No application matches this code and these digits."),
                "errors": [],
            },
        )
    return {
        "tracking_code": application.tracking_code,
        "service": application.service.name,
        "agency": application.agency.short_name,
        "state": application.state,
        "state_label": application.state_label,
        "due_date": application.due_date,
        "events": [
            {"at": e.created_at, "state": e.to_state, "label": str(e.get_to_state_display())}
            for e in application.events.order_by("created_at", "pk")
        ],
    }


@router.post(
    "/applications/{public_id}/submit",
    response={200: ApplicationOut, **ERRORS},
    auth=AUTH,
    operation_id="submit_application",
    summary="Save the last answers (optional) and submit a draft or a revision",
)
def submit_application(request: HttpRequest, public_id: UUID, payload: AnswersIn) -> Any:
    application = _visible(request, public_id)
    if not access.is_applicant(request.user, application):
        raise NotFound(_("There is no application with that address."))
    if payload.answers or payload.contact_phone is not None or payload.contact_email is not None:
        _save_answers(request, application, payload)
    domain.submit_application(application=application, actor=request.user)
    return application_out(request, _visible(request, public_id))


@router.get(
    "/applications/{public_id}",
    response={200: ApplicationOut, **ERRORS},
    auth=AUTH,
    operation_id="get_application",
)
def get_application(request: HttpRequest, public_id: UUID) -> Any:
    return application_out(request, _visible(request, public_id))


class PageQuery(Schema):
    limit: int = Field(default=50, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=100_000)


@router.get(
    "/me/applications",
    response={200: ApplicationPage, **ERRORS},
    auth=AUTH,
    operation_id="list_my_applications",
)
def list_my_applications(request: HttpRequest, page: Query[PageQuery]) -> Any:
    queryset = queries.my_applications(request.user)
    items = list(queryset[page.offset : page.offset + page.limit])
    annotate_urgency(items, timezone.localdate(), mall=current_mall(request))
    return {"count": queryset.count(), "results": [item_out(a) for a in items]}


@router.post(
    "/applications/{public_id}/documents",
    response={201: DocumentOut, **ERRORS},
    auth=AUTH,
    operation_id="upload_document",
    summary="Upload a PDF, JPEG or PNG for one requirement (multipart)",
)
def upload_document(
    request: HttpRequest,
    public_id: UUID,
    requirement: Form[int],
    file: File[UploadedFile],
) -> Any:
    application = _visible(request, public_id)
    if not access.is_applicant(request.user, application):
        raise NotFound(_("There is no application with that address."))
    document = domain.add_document(
        application=application, requirement_id=requirement, upload=file, actor=request.user
    )
    return Status(201, _document_out(application, document))


class InboxQuery(Schema):
    state: str = Field(default="", max_length=20)
    service: str = Field(default="", max_length=120)
    due: str = Field(default="", pattern=r"^(|overdue|due_soon|paused)$")
    mine: bool = False
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=100_000)


@router.get(
    "/agency/applications",
    response={200: ApplicationPage, **ERRORS},
    auth=STAFF_AUTH,
    operation_id="list_agency_applications",
    summary="The officer inbox: open applications of the caller's agencies, urgent first",
)
def list_agency_applications(request: HttpRequest, filters: Query[InboxQuery]) -> Any:
    if not access.staff_scope_ready(request.user).is_officer:
        return Status(
            403,
            {
                "detail": _("Only officers of an agency can list its applications."),
                "errors": [],
            },
        )
    mall = current_mall(request)
    queryset = queries.inbox(
        request.user,
        today=timezone.localdate(),
        mall=mall,
        state=filters.state,
        service=filters.service,
        due=filters.due,
        mine=filters.mine,
    )
    items = list(queryset[filters.offset : filters.offset + filters.limit])
    annotate_urgency(items, timezone.localdate(), mall=mall)
    return {"count": queryset.count(), "results": [item_out(a) for a in items]}


@router.post(
    "/applications/{public_id}/transitions",
    response={200: ApplicationOut, **ERRORS},
    auth=STAFF_OR_APPLICANT_AUTH,
    operation_id="transition_application",
    summary="Move an application to another state (officers; applicants withdraw)",
)
def transition_application(request: HttpRequest, public_id: UUID, payload: TransitionIn) -> Any:
    application = _visible(request, public_id)
    domain.transition_application(
        application=application,
        to=payload.to,
        actor=request.user,
        reason=payload.reason,
        requirement_reasons=payload.requirement_reasons,
        result_kind=payload.result_kind,
        result_note=payload.result_note,
    )
    return application_out(request, _visible(request, public_id))
