"""Every write of the applications app. One transaction each; rules checked inside it under
a row lock (no TOCTOU); the audit event written in the same transaction; notifications
queued to be sent after commit.

State changes go through `transition_application` only — submitting and withdrawing are
transitions too — which checks the allowed-transitions table (enums.TRANSITIONS), the actor's
right to make the move (access.can_transition), the move's own rules, and then appends the
status event.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.accounts import crypto
from mpp.accounts.contacts import parse_email
from mpp.accounts.nik import mask_nik
from mpp.applications import access, deadlines, documents
from mpp.applications.enums import (
    EDITABLE_STATES,
    ApplicationState,
    DocumentKind,
    FieldKind,
    ResultKind,
)
from mpp.applications.models import Application, ApplicationStatusEvent, Document
from mpp.applications.slots import MAX_FILES_PER_SLOT, Slot, slots_for
from mpp.audit.domain import record_event
from mpp.catalog.models import Requirement, Service
from mpp.core import errors as core_errors
from mpp.core.domain_events import ApplicationStateChanged, emit
from mpp.core.phones import parse_phone

S = ApplicationState
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
TRACKING_LENGTH = 10


class ApplicationError(core_errors.DomainError):
    """A rule was broken; the core's one family (`mpp.core.errors`): `status` is the HTTP
    status a caller answers with, `errors` the message of each field."""


class NotFound(ApplicationError, core_errors.NotFoundError):  # noqa: N818 - reads as what happened
    pass


class NotAllowed(ApplicationError, core_errors.ForbiddenError):  # noqa: N818 - reads as what happened
    pass


class Conflict(ApplicationError, core_errors.ConflictError):  # noqa: N818 - reads as what happened
    """The application is not in a state that allows this (someone else moved it first)."""


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("service", "mall")
        .get(pk=application.pk)
    )


def new_tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
        if not Application.objects.filter(tracking_code=code).exists():
            return code


def normalise_tracking_code(raw: str) -> str:
    """What people type ('abcd2-efgh3', 'ABCD2 EFGH3') -> 'ABCD2EFGH3'."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:20]


# --- Drafts ----------------------------------------------------------------------------------


def create_application(*, service: Service, applicant: Any) -> Application:
    """Start a draft for an online service. Contact details are copied from the account."""
    if not service.is_active or not service.accepts_online_applications:
        raise ApplicationError(_("This service cannot be applied for online."), field="service")
    with transaction.atomic():
        application = Application.objects.create(
            mall=service.mall,
            service=service,
            agency=service.agency,
            applicant=applicant,
            contact_phone=str(applicant.phone or ""),
            contact_email=applicant.email or "",
        )
        record_event(
            action="application.created",
            obj=application,
            actor=applicant,
            data={"service": service.slug},
        )
    return application


def _editable(application: Application, actor: Any) -> None:
    if not access.is_applicant(actor, application):
        raise NotFound(_("There is no application with that address."))
    if application.state not in EDITABLE_STATES:
        raise Conflict(_("This application can no longer be changed."))


def _stored_value(slot: Slot, value: Any) -> Any:
    if slot.kind == FieldKind.NIK:
        return {"enc": crypto.encrypt(value), "masked": mask_nik(value)} if value else None
    if slot.kind == FieldKind.DATE and isinstance(value, date):
        return value.isoformat()
    if slot.kind == FieldKind.NUMBER and value is not None:
        return str(value)
    return value


def save_answers(
    *,
    application: Application,
    actor: Any,
    values: dict[str, Any],
    contact_phone: str | None = None,
    contact_email: str | None = None,
) -> Application:
    """Store answers (already type-checked by the form) for known slots. Empty values keep a
    stored NIK (it is never shown back) and clear other answers."""
    with transaction.atomic():
        application = _lock(application)
        _editable(application, actor)
        answers = dict(application.answers)
        changed: list[str] = []
        for slot in slots_for(application):
            if slot.is_document or slot.key not in values:
                continue
            value = values[slot.key]
            if slot.kind == FieldKind.NIK and not value:
                continue
            stored = _stored_value(slot, value)
            if stored in (None, "", {}):
                if slot.key in answers:
                    del answers[slot.key]
                    changed.append(slot.key)
            elif answers.get(slot.key) != stored:
                answers[slot.key] = stored
                changed.append(slot.key)
        application.answers = answers
        changed += _set_contact(application, contact_phone, contact_email)
        application.save()
        if changed:
            record_event(
                action="application.answers_saved",
                obj=application,
                actor=actor,
                data={"fields": changed},
            )
    return application


def _set_contact(
    application: Application, contact_phone: str | None, contact_email: str | None
) -> list[str]:
    """Validate and set the contact details; returns the names of the changed fields."""
    changed: list[str] = []
    if contact_phone is not None:
        phone = parse_phone(contact_phone) if contact_phone else ""
        if contact_phone and not phone:
            raise ApplicationError(
                _("Enter an Indonesian mobile number, e.g. 0812 3456 7890."),
                field="contact_phone",
            )
        if str(application.contact_phone or "") != phone:
            application.contact_phone = phone
            changed.append("contact_phone")
    if contact_email is not None:
        email = parse_email(contact_email) if contact_email else ""
        if contact_email and not email:
            raise ApplicationError(_("Enter a valid e-mail address."), field="contact_email")
        if application.contact_email != email:
            application.contact_email = email or ""
            changed.append("contact_email")
    return changed


def _requirement_of(application: Application, requirement_id: int) -> Requirement:
    requirement = Requirement.objects.filter(
        pk=requirement_id, service_id=application.service_id
    ).first()
    if requirement is None:
        raise ApplicationError(
            _("This document slot does not belong to the service."), field="requirement"
        )
    return requirement


def add_document(
    *,
    application: Application,
    requirement_id: int,
    actor: Any,
    upload: UploadedFile | None = None,
    clean: documents.CleanFile | None = None,
) -> Document:
    """Check, clean and store an uploaded file (or an already cleaned one) for one
    requirement of the application. Raises ApplicationError with a clear message when the
    file is refused."""
    if clean is None:
        if upload is None:
            raise ApplicationError(_("Choose a file to upload."), field=f"doc-{requirement_id}")
        try:
            clean = documents.clean_upload(upload)
        except documents.UploadRefused as exc:
            raise ApplicationError(exc.message, field=f"doc-{requirement_id}") from exc
    storage_name = documents.store(clean.content)
    try:
        with transaction.atomic():
            application = _lock(application)
            _editable(application, actor)
            requirement = _requirement_of(application, requirement_id)
            current = application.documents.filter(
                requirement=requirement, is_current=True, kind=DocumentKind.REQUIREMENT
            ).count()
            if current >= MAX_FILES_PER_SLOT:
                raise ApplicationError(
                    _("At most %(n)d files per requirement. Remove one first.")
                    % {"n": MAX_FILES_PER_SLOT},
                    field=f"doc-{requirement_id}",
                )
            document = Document.objects.create(
                application=application,
                requirement=requirement,
                kind=DocumentKind.REQUIREMENT,
                content_type=clean.content_type,
                size=clean.size,
                sha256=clean.sha256,
                storage_name=storage_name,
                original_name=clean.original_name,
                uploaded_by=actor,
            )
            record_event(
                action="application.document_added",
                obj=application,
                actor=actor,
                data={
                    "document": str(document.public_id),
                    "requirement": requirement.pk,
                    "type": clean.content_type,
                    "size": clean.size,
                    "sha256": clean.sha256,
                },
            )
    except BaseException:
        documents.discard(storage_name)
        raise
    return document


def remove_document(*, document: Document, actor: Any) -> None:
    """Take a file out of the application (kept, marked not current, for the record)."""
    with transaction.atomic():
        application = _lock(document.application)
        _editable(application, actor)
        if document.kind != DocumentKind.REQUIREMENT or not document.is_current:
            raise NotFound(_("There is no such document."))
        Document.objects.filter(pk=document.pk).update(is_current=False)
        record_event(
            action="application.document_removed",
            obj=application,
            actor=actor,
            data={"document": str(document.public_id)},
        )


def missing_items(application: Application) -> dict[str, str]:
    """What still stops the application from being submitted: slot key -> message."""
    missing: dict[str, str] = {}
    with_files = set(
        application.documents.filter(is_current=True, kind=DocumentKind.REQUIREMENT).values_list(
            "requirement_id", flat=True
        )
    )
    for slot in slots_for(application):
        if not slot.required:
            continue
        if slot.is_document:
            assert slot.requirement is not None
            if slot.requirement.pk not in with_files:
                missing[slot.key] = _("Upload this document.")
        elif application.answers.get(slot.key) in (None, "", {}):
            missing[slot.key] = _("Answer this question.")
    if application.revision_requests:
        for key in application.revision_requests:
            if key.isdigit() and int(key) in with_files:
                # A revision needs a new file: one uploaded after the request.
                requested_at = (
                    application.events.filter(to_state=S.NEEDS_REVISION)
                    .order_by("-created_at")
                    .values_list("created_at", flat=True)
                    .first()
                )
                fresh = (
                    requested_at is None
                    or application.documents.filter(
                        requirement_id=int(key), is_current=True, uploaded_at__gt=requested_at
                    ).exists()
                )
                if not fresh:
                    missing[f"doc-{key}"] = _("Upload a corrected document.")
            elif key.isdigit():
                missing[f"doc-{key}"] = _("Upload a corrected document.")
    if not application.contact_phone:
        missing["contact_phone"] = _(
            "Enter your mobile number: its last four digits let you track this application."
        )
    return missing


# --- Transitions -----------------------------------------------------------------------------


def transition_application(
    *,
    application: Application,
    to: str,
    actor: Any,
    reason: str = "",
    requirement_reasons: dict[str, str] | None = None,
    result_kind: str = "",
    result_note: str = "",
    result_file: UploadedFile | None = None,
) -> Application:
    """Move `application` to state `to`, as `actor`.

    Rules: the move must be in the transitions table and allowed to the actor; revision
    requests need a reason (overall or per requirement), rejections a reason, a downloadable
    result a file. Side effects by target state: tracking code and due date on the first
    submission; the deadline clock pauses in revision and the due date moves on
    resubmission; timestamps of decision and closing. Appends a status event, writes the
    audit entry and queues the applicant's notification (after commit).
    Raises NotFound (actor may not see it), NotAllowed, Conflict (illegal from the current
    state) or ApplicationError (a rule of the move).
    """
    if to not in S.values:
        raise ApplicationError(_("Unknown state."), field="to")
    reason = (reason or "").strip()[:2000]
    requirement_reasons = {
        str(k): str(v).strip()[:1000]
        for k, v in (requirement_reasons or {}).items()
        if str(v).strip()
    }
    result_storage: str | None = None
    clean_result = None
    if result_file is not None:
        try:
            clean_result = documents.clean_upload(result_file)
        except documents.UploadRefused as exc:
            raise ApplicationError(exc.message, field="result_file") from exc
    try:
        with transaction.atomic():
            application = _lock(application)
            if not access.can_view(actor, application):
                raise NotFound(_("There is no application with that address."))
            from_state = application.state
            if to not in _targets(from_state):
                raise Conflict(
                    _("An application that is “%(state)s” cannot be moved to “%(to)s”.")
                    % {"state": S(from_state).label, "to": S(to).label}
                )
            if not access.can_transition(actor, application, to):
                raise NotAllowed(_("You may not make this change."))
            details = _apply_move_rules(
                application,
                to,
                actor=actor,
                reason=reason,
                requirement_reasons=requirement_reasons,
                result_kind=result_kind,
                result_note=result_note,
                has_result_file=clean_result is not None,
            )
            application.state = to
            application.save()
            if clean_result is not None and to == S.RESULT_READY:
                result_storage = documents.store(clean_result.content)
                Document.objects.create(
                    application=application,
                    kind=DocumentKind.RESULT,
                    content_type=clean_result.content_type,
                    size=clean_result.size,
                    sha256=clean_result.sha256,
                    storage_name=result_storage,
                    original_name=clean_result.original_name,
                    uploaded_by=actor,
                )
                details["result_sha256"] = clean_result.sha256
            actor_kind = (
                ApplicationStatusEvent.ActorKind.APPLICANT
                if access.is_applicant(actor, application)
                else ApplicationStatusEvent.ActorKind.STAFF
            )
            ApplicationStatusEvent.objects.create(
                application=application,
                from_state=from_state,
                to_state=to,
                actor=actor if getattr(actor, "pk", None) else None,
                actor_kind=actor_kind,
                reason=reason,
                details=details,
            )
            record_event(
                action="application.transition",
                obj=application,
                actor=actor,
                data={"from": from_state, "to": to, "reason": reason, **details},
            )
            emit(
                ApplicationStateChanged(
                    mall_id=application.mall_id,
                    application_id=application.pk,
                    from_state=from_state,
                    to_state=to,
                    service_id=application.service_id,
                    tracking_code=application.tracking_code or "",
                )
            )
    except BaseException:
        if result_storage:
            documents.discard(result_storage)
        raise
    return application


def _apply_move_rules(
    application: Application,
    to: str,
    *,
    actor: Any,
    reason: str,
    requirement_reasons: dict[str, str],
    result_kind: str,
    result_note: str,
    has_result_file: bool,
) -> dict[str, Any]:
    """Check the rules of one move and apply its side effects to `application` (not saved).
    Returns the details recorded on the status event."""
    now = timezone.now()
    today = timezone.localdate()
    details: dict[str, Any] = {}
    if to == S.SUBMITTED:
        _submit(application, today)
        details["due_date"] = application.due_date.isoformat() if application.due_date else ""
    elif to == S.IN_VERIFICATION:
        if application.assigned_to_id is None:
            application.assigned_to = actor
    elif to == S.NEEDS_REVISION:
        _request_revision(application, reason, requirement_reasons, today)
        details["requirements"] = requirement_reasons
    elif to == S.REJECTED:
        if not reason:
            raise ApplicationError(_("Give the reason for the rejection."), field="reason")
        application.decision_reason = reason
        application.decided_at = now
    elif to == S.APPROVED:
        application.decided_at = now
    elif to == S.RESULT_READY:
        _set_result(application, result_kind, result_note, has_result_file=has_result_file)
        details["result_kind"] = result_kind
    elif to in {S.CLOSED, S.WITHDRAWN}:
        application.closed_at = now
        if to == S.WITHDRAWN:
            application.paused_on = None
    return details


def _request_revision(
    application: Application, reason: str, requirement_reasons: dict[str, str], today: date
) -> None:
    valid_ids = {str(pk) for pk in application.service.requirements.values_list("pk", flat=True)}
    if set(requirement_reasons) - valid_ids:
        raise ApplicationError(_("Unknown requirement."), field="requirement_reasons")
    if not reason and not requirement_reasons:
        raise ApplicationError(_("Say what the applicant must correct."), field="reason")
    application.revision_requests = dict(requirement_reasons)
    if reason:
        application.revision_requests["general"] = reason
    application.paused_on = today


def _set_result(
    application: Application, result_kind: str, result_note: str, *, has_result_file: bool
) -> None:
    if result_kind not in ResultKind.values:
        raise ApplicationError(
            _("Choose how the applicant receives the result."), field="result_kind"
        )
    if result_kind == ResultKind.DOWNLOAD and not has_result_file:
        raise ApplicationError(_("Upload the result document."), field="result_file")
    application.result_kind = result_kind
    application.result_note = (result_note or "").strip()[:2000]


def _targets(state: str) -> frozenset[str]:
    from mpp.applications.enums import TRANSITIONS

    return TRANSITIONS.get(state, frozenset())


def _submit(application: Application, today: date) -> None:
    missing = missing_items(application)
    if missing:
        raise ApplicationError(_("Some answers or documents are still missing."), errors=missing)
    applicant = application.applicant
    if not applicant.is_verified_contact:
        raise ApplicationError(
            _("Verify your e-mail address or phone number before submitting."),
            field="account",
        )
    now = timezone.now()
    if application.tracking_code is None:
        application.tracking_code = new_tracking_code()
    if application.due_date is None:
        application.due_date = deadlines.initial_due_date(
            application.service, today, mall=application.mall
        )
        application.first_submitted_at = now
    elif application.paused_on is not None:
        application.due_date = deadlines.extend_for_pause(
            application.due_date, application.paused_on, today, mall=application.mall
        )
    application.paused_on = None
    application.revision_requests = {}
    application.submitted_at = now


def submit_application(*, application: Application, actor: Any) -> Application:
    return transition_application(application=application, to=S.SUBMITTED, actor=actor)


def withdraw_application(*, application: Application, actor: Any, reason: str = "") -> Application:
    return transition_application(
        application=application, to=S.WITHDRAWN, actor=actor, reason=reason
    )


def assign_application(*, application: Application, assignee: Any, actor: Any) -> Application:
    """Give the case to a verifier (or head of unit) of its agency. Audited."""
    with transaction.atomic():
        application = _lock(application)
        if not access.can_view(actor, application):
            raise NotFound(_("There is no application with that address."))
        if not access.can_assign(actor, application):
            raise NotAllowed(_("You may not assign this application."))
        if assignee is not None:
            if assignee.pk == application.applicant_id:
                raise ApplicationError(
                    _("Nobody may handle their own application."), field="assignee"
                )
            eligible = assignee.memberships.filter(
                agency_id=application.agency_id, role__in=["verifier", "head_of_unit"]
            ).exists()
            if not eligible:
                raise ApplicationError(
                    _("Choose a verifier or head of unit of this agency."), field="assignee"
                )
        previous = application.assigned_to_id
        application.assigned_to = assignee
        application.save(update_fields=["assigned_to", "updated_at"])
        record_event(
            action="application.assigned",
            obj=application,
            actor=actor,
            data={"from": previous, "to": getattr(assignee, "pk", None)},
        )
    return application


def record_nik_view(*, application: Application, actor: Any, slot_key: str) -> str:
    """Reveal a NIK answer to agency staff, writing who saw it to the audit trail."""
    if not access.can_view_documents(actor, application) or access.is_applicant(actor, application):
        raise NotFound(_("There is no application with that address."))
    value = application.answers.get(slot_key)
    if not isinstance(value, dict) or "enc" not in value:
        raise NotFound(_("There is no such answer."))
    with transaction.atomic():
        record_event(
            action="application.nik_revealed",
            obj=application,
            actor=actor,
            data={"field": slot_key, "masked": value.get("masked", "")},
        )
    return crypto.decrypt(value["enc"])


def rotate_answer_encryption() -> int:
    """Re-encrypt the encrypted answers of every application with the first key
    (`reencrypt_personal_data`); returns how many applications changed."""
    changed_rows = 0
    for application in Application.objects.exclude(answers={}).iterator():
        changed = False
        for value in application.answers.values():
            if isinstance(value, dict) and value.get("enc"):
                value["enc"] = crypto.rotate(value["enc"])
                changed = True
        if changed:
            with transaction.atomic():
                Application.objects.filter(pk=application.pk).update(answers=application.answers)
            changed_rows += 1
    return changed_rows
