"""Complaint writes: file, verify and forward, answer, respond, close, escalate, publish.

The workflow follows SP4N-LAPOR! (docs/domain-facts.md §5): the mall's complaint desk verifies a
new
complaint within 3 working days and forwards it to the agency (disposition) with a resolution
category; the agency answers within the category's limit (ringan 2, normatif 5, tidak
berkadar pengawasan 14, berkadar pengawasan 60 working days); the reporter may respond within
10 working days, after which the complaint closes by itself. A missed deadline is escalated to
the mall manager once (the scheduled command `escalate_overdue_complaints`).

Every deadline is counted with `mpp.core.calendar.add_working_days` in the mall's calendar,
from the mall-local date of the step (the day itself does not count; the deadline is the end of
the last working day). Every state change goes through `transition_complaint`, which checks
the allowed-transitions table, appends a timeline event and an audit entry (no personal data)
in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.accounts import crypto
from mpp.audit.domain import record_event
from mpp.catalog.models import Agency, Service
from mpp.core.calendar import add_working_days
from mpp.core.clock import mall_zone
from mpp.core.domain_events import ComplaintStateChanged, emit
from mpp.core.models import Mall
from mpp.core.phones import normalise_phone, phone_digits
from mpp.feedback import conf, oversight
from mpp.feedback.codes import (
    COMPLAINT_CODE_LENGTH,
    PIN_LENGTH,
    digest_secret,
    random_code,
)
from mpp.feedback.enums import (
    COMPLAINT_TRANSITIONS,
    PROTECTED_KINDS,
    CitizenVerdict,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintKind,
    ComplaintStatus,
    ComplaintSubject,
)
from mpp.feedback.errors import ConflictError, FeedbackError, IdempotencyMismatchError
from mpp.feedback.models import Complaint, ComplaintEvent
from mpp.feedback.uploads import CleanPhoto

TITLE_MIN, TITLE_MAX = 5, 150
DESCRIPTION_MIN, DESCRIPTION_MAX = 10, 4000
NOTE_MAX = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NIK_LIKE = re.compile(r"(?<!\d)\d{16}(?!\d)")


@dataclass(frozen=True)
class FiledComplaint:
    complaint: Complaint
    #: The reporter's secret PIN, shown once; None when an idempotent repeat returned the
    #: complaint filed before.
    pin: str | None
    created: bool


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def local_date(mall: Mall, moment: datetime) -> date:
    """The mall-local calendar day of a moment (a UTC date flips at 07:00 WIB)."""
    return moment.astimezone(mall_zone(mall)).date()


def _text(value: object, *, field: str, minimum: int, maximum: int, label: str) -> str:
    text = _CONTROL.sub("", str(value or "")).strip()
    if len(text) < minimum:
        raise FeedbackError(
            _("%(label)s is too short: write at least %(n)s characters.")
            % {"label": label, "n": minimum},
            field=field,
        )
    if len(text) > maximum:
        raise FeedbackError(
            _("%(label)s is too long: keep it under %(n)s characters.")
            % {"label": label, "n": maximum},
            field=field,
        )
    return text


def _reporter(*, is_anonymous: bool, name: str, phone: str, email: str) -> tuple[str, str, str]:
    if is_anonymous:
        return "", "", ""
    name = _CONTROL.sub("", name or "").strip()
    if not name:
        raise FeedbackError(
            _("Enter your name, or choose to send the complaint anonymously."), field="name"
        )
    if len(name) > 120:
        raise FeedbackError(_("The name is too long."), field="name")
    phone = normalise_phone(phone, error=FeedbackError) if (phone or "").strip() else ""
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except Exception as exc:
            raise FeedbackError(
                _("Enter an e-mail address such as nama@contoh.id."), field="email"
            ) from exc
        if len(email) > 254:
            raise FeedbackError(_("The e-mail address is too long."), field="email")
    if not phone and not email:
        raise FeedbackError(
            _("Give a phone number or an e-mail address so the agency can reach you."),
            field="phone",
        )
    return name, phone, email


def _subject(
    *,
    mall: Mall,
    subject: str,
    service: Service | None,
    agency: Agency | None,
    facility: str,
    officer_description: str,
) -> tuple[Service | None, Agency | None, str, str]:
    if subject not in ComplaintSubject.values:
        raise FeedbackError(_("Choose what the complaint is about."), field="subject")
    if service is not None and service.mall_id != mall.pk:
        raise FeedbackError(_("There is no such service in this mall."), field="service")
    if agency is not None and agency.mall_id != mall.pk:
        raise FeedbackError(_("There is no such agency in this mall."), field="agency")
    facility = _CONTROL.sub("", facility or "").strip()[:120]
    officer_description = _CONTROL.sub("", officer_description or "").strip()[:200]
    if subject == ComplaintSubject.SERVICE:
        if service is None:
            raise FeedbackError(_("Choose the service."), field="service")
        return service, service.agency, "", ""
    if subject in {ComplaintSubject.AGENCY, ComplaintSubject.OFFICER}:
        if agency is None and service is not None:
            agency = service.agency
        if agency is None:
            raise FeedbackError(_("Choose the agency."), field="agency")
        officer = officer_description if subject == ComplaintSubject.OFFICER else ""
        return service, agency, "", officer
    if not facility:
        raise FeedbackError(
            _("Say which facility (toilet, parking, waiting room …)."), field="facility"
        )
    return None, None, facility, ""


def _new_code() -> str:
    for _attempt in range(10):
        code = random_code(COMPLAINT_CODE_LENGTH)
        if not Complaint.objects.filter(code=code).exists():
            return code
    raise RuntimeError("could not find a free complaint code")  # pragma: no cover


def _coordinate(value: object, field: str, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError as exc:
        raise FeedbackError(_("Enter a coordinate in decimal degrees."), field=field) from exc
    if not number.is_finite() or abs(number) > limit:
        raise FeedbackError(_("Enter a coordinate in decimal degrees."), field=field)
    return number.quantize(Decimal("0.000001"))


def file_complaint(
    *,
    mall: Mall,
    subject: str,
    title: str,
    description: str,
    channel: str = ComplaintChannel.WEB,
    kind: str = ComplaintKind.COMPLAINT,
    service: Service | None = None,
    agency: Agency | None = None,
    facility: str = "",
    officer_description: str = "",
    location: str = "",
    latitude: object = None,
    longitude: object = None,
    is_anonymous: bool = False,
    is_confidential: bool = False,
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    photo: CleanPhoto | None = None,
    media_url: str = "",
    idempotency_key: str = "",
    actor: Any = None,
    now: datetime | None = None,
) -> FiledComplaint:
    """Record a new complaint and start its verification clock.

    Rules: a complaint is about a service (then its agency handles it), an agency, an officer
    of an agency, or a facility of the mall (then the mall manager handles it). A named
    reporter gives a phone number or an e-mail address; an anonymous one gives neither and
    tracks the complaint with the code and the PIN returned here (shown once, stored as a
    keyed digest). The photo must already be cleaned (`mpp.feedback.uploads.clean_photo`).
    `verify_due` = 3 working days after the day of receipt (`FEEDBACK_VERIFY_WORKING_DAYS`).

    Idempotency: with a key, a repeat with the same content returns the complaint filed the
    first time (no PIN); a repeat with different content raises IdempotencyMismatchError.
    Side effects: the photo file under MEDIA_ROOT, a timeline event, an audit entry.
    """
    if channel not in ComplaintChannel.values:
        raise FeedbackError(_("Unknown channel."), field="channel")
    if kind not in ComplaintKind.values:
        raise FeedbackError(_("Choose the type of report."), field="kind")
    title = _text(title, field="title", minimum=TITLE_MIN, maximum=TITLE_MAX, label=_("The title"))
    description = _text(
        description,
        field="description",
        minimum=DESCRIPTION_MIN,
        maximum=DESCRIPTION_MAX,
        label=_("The description"),
    )
    service, agency, facility, officer_description = _subject(
        mall=mall,
        subject=subject,
        service=service,
        agency=agency,
        facility=facility,
        officer_description=officer_description,
    )
    accused: Agency | None = None
    is_protected = kind in PROTECTED_KINDS
    if is_protected:
        # ADR 0019: to the oversight unit, never to the agency reported; never published.
        if subject == ComplaintSubject.FACILITY or agency is None:
            raise FeedbackError(_("Choose the agency whose officer you report."), field="agency")
        accused = agency
        agency = oversight.handler_for(mall, kind, accused)
        if agency is None:
            raise FeedbackError(
                _(
                    "This mall has no inspectorate desk yet. Report it to the Inspectorate "
                    "directly or through lapor.go.id."
                ),
                field="kind",
            )
        is_confidential = True
    name, phone, email = _reporter(
        is_anonymous=is_anonymous, name=reporter_name, phone=reporter_phone, email=reporter_email
    )
    if is_anonymous:
        # Anonymity that holds (issue 10.4): no link to a signed-in account on the complaint,
        # its timeline or the audit trail; the citizen follows it with code + PIN.
        actor = ANONYMOUS_REPORTER
    location = _CONTROL.sub("", location or "").strip()[:200]
    lat = _coordinate(latitude, "lat", 90)
    lon = _coordinate(longitude, "long", 180)
    idempotency_key = (idempotency_key or "").strip()
    if len(idempotency_key) > 80:
        raise FeedbackError(_("The idempotency key is too long."), field="Idempotency-Key")
    if idempotency_key:
        existing = Complaint.objects.filter(mall=mall, idempotency_key=idempotency_key).first()
        if existing is not None:
            return _repeat(existing, title, description)
    moment = _now(now)
    pin = random_code(PIN_LENGTH)
    try:
        with transaction.atomic():
            code = _new_code()
            complaint = Complaint(
                mall=mall,
                code=code,
                kind=kind,
                subject=subject,
                service=service,
                agency=agency,
                facility=facility,
                officer_description=officer_description,
                title=title,
                description=description,
                location=location,
                latitude=lat,
                longitude=lon,
                channel=channel,
                status=ComplaintStatus.RECEIVED,
                is_anonymous=is_anonymous,
                is_confidential=is_confidential,
                is_protected=is_protected,
                accused_agency=accused,
                reporter_name=name,
                reporter_phone=phone,
                reporter_email=email,
                secret_digest=digest_secret(code, pin),
                received_at=moment,
                verify_due=add_working_days(
                    local_date(mall, moment), conf.verify_working_days(), mall=mall
                ),
                media_url=(media_url or "")[:500],
                idempotency_key=idempotency_key,
            )
            if photo is not None:
                complaint.photo_type = photo.content_type
                # Encrypted at rest like application documents (issue 10.3); `.bin` marks it.
                complaint.photo.save(
                    f"complaints/{random_code(16)}.bin",
                    ContentFile(crypto.encrypt_bytes(photo.content)),
                    save=False,
                )
            complaint.save()
            ComplaintEvent.objects.create(
                complaint=complaint,
                created_at=moment,
                to_status=ComplaintStatus.RECEIVED,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                actor_label=_actor_label(actor),
                is_public=True,
            )
            record_event(
                action="complaint.received",
                obj=complaint,
                actor=actor if actor is not None else "citizen",
                data={
                    "code": complaint.code,
                    "status": complaint.status,
                    "channel": channel,
                    "subject": subject,
                    "agency_id": agency.pk if agency else None,
                    # Of a protected report the audit names only the unit handling it, never
                    # the service (and so the agency) reported (ADR 0019).
                    "service_id": service.pk if service and not is_protected else None,
                    "anonymous": is_anonymous,
                    "protected": is_protected,
                    "photo": bool(photo),
                    "verify_due": complaint.verify_due.isoformat(),
                },
            )
    except IntegrityError:
        if not idempotency_key:
            raise
        # A concurrent repeat with the same key won the race.
        existing = Complaint.objects.get(mall=mall, idempotency_key=idempotency_key)
        return _repeat(existing, title, description)
    return FiledComplaint(complaint, pin, True)


def _repeat(existing: Complaint, title: str, description: str) -> FiledComplaint:
    if (existing.title, existing.description) != (title, description):
        raise IdempotencyMismatchError(
            _("This Idempotency-Key was already used for a different complaint."),
            field="Idempotency-Key",
        )
    return FiledComplaint(existing, None, False)


#: The actor recorded for an anonymous complaint, in its timeline and in the audit log.
ANONYMOUS_REPORTER = "anonymous reporter"


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "citizen"
    if isinstance(actor, str):
        return actor
    if getattr(actor, "is_authenticated", False):
        return str(actor.get_username())
    return "citizen"


def _lock(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("mall", "agency", "service")
        .get(pk=complaint.pk)
    )


def transition_complaint(
    *,
    complaint: Complaint,
    to: str,
    actor: Any,
    note: str = "",
    is_public: bool = True,
    now: datetime | None = None,
    changes: dict[str, Any] | None = None,
    audit: dict[str, Any] | None = None,
) -> Complaint:
    """Move a complaint to `to` if the transitions table allows it; apply `changes` to its
    fields, append a timeline event and an audit entry (`audit` adds non-personal details).
    Runs in one transaction with the complaint row locked. Returns the fresh row."""
    moment = _now(now)
    with transaction.atomic():
        locked = _lock(complaint)
        if to not in COMPLAINT_TRANSITIONS.get(locked.status, frozenset()):
            raise ConflictError(
                _("This complaint is %(status)s; that step is not possible now.")
                % {"status": locked.get_status_display()},
                field="status",
            )
        previous = locked.status
        locked.status = to
        for field, value in (changes or {}).items():
            setattr(locked, field, value)
        locked.save()
        ComplaintEvent.objects.create(
            complaint=locked,
            created_at=moment,
            from_status=previous,
            to_status=to,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_label=_actor_label(actor),
            note=note,
            is_public=is_public,
        )
        record_event(
            action=f"complaint.{to}",
            obj=locked,
            actor=actor,
            data={"code": locked.code, "from": previous, "to": to, **(audit or {})},
        )
        emit(
            ComplaintStateChanged(
                mall_id=locked.mall_id, complaint_id=locked.pk, from_state=previous, to_state=to
            )
        )
    return locked


def _note(value: str, *, field: str, required: bool, label: str) -> str:
    return _text(value, field=field, minimum=1 if required else 0, maximum=NOTE_MAX, label=label)


def disposition_complaint(
    *,
    complaint: Complaint,
    actor: Any,
    agency: Agency | None,
    category: str = ComplaintCategory.NORMATIVE,
    note: str = "",
    now: datetime | None = None,
) -> Complaint:
    """Verification done: forward the complaint to `agency` (None: the mall management handles
    it itself, e.g. a facility) with a resolution category. `answer_due` = the category's
    limit in working days after today."""
    if category not in ComplaintCategory.values:
        raise FeedbackError(_("Choose a category."), field="category")
    if agency is not None and agency.mall_id != complaint.mall_id:
        raise FeedbackError(_("There is no such agency in this mall."), field="agency")
    if complaint.is_protected and (
        agency is None
        or agency.pk not in oversight.oversight_agency_ids(complaint.mall_id)
        or agency.pk == complaint.accused_agency_id
    ):
        raise FeedbackError(
            _(
                "A report that protects the reporter stays with an oversight unit; share it "
                "with the agency reported instead."
            ),
            field="agency",
        )
    moment = _now(now)
    answer_due = add_working_days(
        local_date(complaint.mall, moment),
        conf.category_working_days(category),
        mall=complaint.mall,
    )
    return transition_complaint(
        complaint=complaint,
        to=ComplaintStatus.DISPOSITIONED,
        actor=actor,
        note=_note(note, field="note", required=False, label=_("The note")),
        now=moment,
        changes={
            "agency": agency,
            "category": category,
            "dispositioned_at": moment,
            "answer_due": answer_due,
        },
        audit={
            "agency_id": agency.pk if agency else None,
            "category": category,
            "answer_due": answer_due.isoformat(),
        },
    )


def reject_complaint(
    *, complaint: Complaint, actor: Any, reason: str, now: datetime | None = None
) -> Complaint:
    """Verification outcome: not processed (out of scope, duplicate, no content). The reason
    is shown to the reporter."""
    moment = _now(now)
    return transition_complaint(
        complaint=complaint,
        to=ComplaintStatus.REJECTED,
        actor=actor,
        note=_note(reason, field="reason", required=True, label=_("The reason")),
        now=moment,
        changes={"closed_at": moment},
    )


def return_complaint(
    *, complaint: Complaint, actor: Any, reason: str, now: datetime | None = None
) -> Complaint:
    """The agency hands the complaint back ("bukan wewenang"): it waits for a new disposition,
    with a fresh verification clock."""
    moment = _now(now)
    return transition_complaint(
        complaint=complaint,
        to=ComplaintStatus.RECEIVED,
        actor=actor,
        note=_note(reason, field="reason", required=True, label=_("The reason")),
        is_public=False,
        now=moment,
        changes={
            "verify_due": add_working_days(
                local_date(complaint.mall, moment),
                conf.verify_working_days(),
                mall=complaint.mall,
            ),
            "answer_due": None,
        },
    )


def answer_complaint(
    *, complaint: Complaint, actor: Any, answer: str, now: datetime | None = None
) -> Complaint:
    """The agency's follow-up answer. The reporter then has `FEEDBACK_RESPONSE_WORKING_DAYS`
    working days to respond before the complaint closes by itself."""
    moment = _now(now)
    text = _note(answer, field="answer", required=True, label=_("The answer"))
    return transition_complaint(
        complaint=complaint,
        to=ComplaintStatus.ANSWERED,
        actor=actor,
        note=text,
        now=moment,
        changes={
            "answer": text,
            "answered_at": moment,
            "answered_by": actor if getattr(actor, "is_authenticated", False) else None,
            "response_due": add_working_days(
                local_date(complaint.mall, moment),
                conf.response_working_days(),
                mall=complaint.mall,
            ),
        },
        audit={
            "late": bool(
                complaint.answer_due and local_date(complaint.mall, moment) > complaint.answer_due
            )
        },
    )


def respond_to_answer(
    *,
    complaint: Complaint,
    verdict: str,
    comment: str = "",
    now: datetime | None = None,
) -> Complaint:
    """The reporter's response to the answer: satisfied closes the complaint; not satisfied
    sends it back to the agency with a new limit of the same category."""
    if verdict not in CitizenVerdict.values:
        raise FeedbackError(_("Say whether the answer satisfies you."), field="verdict")
    moment = _now(now)
    comment = _note(comment, field="comment", required=False, label=_("The comment"))
    if verdict == CitizenVerdict.SATISFIED:
        return transition_complaint(
            complaint=complaint,
            to=ComplaintStatus.CLOSED,
            actor="citizen",
            note=comment,
            now=moment,
            changes={
                "citizen_verdict": verdict,
                "citizen_comment": comment,
                "responded_at": moment,
                "closed_at": moment,
            },
            audit={"verdict": verdict},
        )
    if not comment:
        raise FeedbackError(
            _("Tell the agency what is still wrong, so it can answer again."), field="comment"
        )
    today = local_date(complaint.mall, moment)
    return transition_complaint(
        complaint=complaint,
        to=ComplaintStatus.DISPOSITIONED,
        actor="citizen",
        note=comment,
        now=moment,
        changes={
            "citizen_verdict": verdict,
            "citizen_comment": comment,
            "responded_at": moment,
            "reopen_count": complaint.reopen_count + 1,
            "response_due": None,
            "answer_due": add_working_days(
                today, conf.category_working_days(complaint.category), mall=complaint.mall
            ),
        },
        audit={"verdict": verdict},
    )


def close_complaint(
    *, complaint: Complaint, actor: Any, note: str = "", now: datetime | None = None
) -> Complaint:
    """The mall manager closes an answered complaint (e.g. the reporter replied by phone)."""
    moment = _now(now)
    return transition_complaint(
        complaint=complaint,
        to=ComplaintStatus.CLOSED,
        actor=actor,
        note=_note(note, field="note", required=False, label=_("The note")),
        now=moment,
        changes={"closed_at": moment},
    )


def auto_close_quiet_complaints(*, now: datetime | None = None) -> list[Complaint]:
    """Close answered complaints whose reporter stayed silent past `response_due`.
    Idempotent: a closed complaint is no longer ANSWERED."""
    moment = _now(now)
    closed = []
    candidates = Complaint.objects.filter(
        status=ComplaintStatus.ANSWERED, response_due__isnull=False
    ).select_related("mall")
    for complaint in candidates:
        if local_date(complaint.mall, moment) <= complaint.response_due:  # type: ignore[operator]
            continue
        try:
            closed.append(
                transition_complaint(
                    complaint=complaint,
                    to=ComplaintStatus.AUTO_CLOSED,
                    actor="system:auto_close",
                    note="",
                    now=moment,
                    changes={"closed_at": moment},
                )
            )
        except ConflictError:
            continue  # the reporter responded meanwhile
    return closed


def escalate_overdue_complaints(*, now: datetime | None = None) -> list[Complaint]:
    """Escalate to the mall manager every complaint whose running deadline (verification or
    the agency's answer) has passed. Each missed deadline is escalated once: the row
    remembers which (`escalation_key` = status and due date), so the scheduler may run this
    as often as it likes. Appends a public timeline event and an audit entry."""
    moment = _now(now)
    escalated = []
    candidates = Complaint.objects.filter(
        status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.DISPOSITIONED]
    ).select_related("mall")
    for complaint in candidates:
        due = complaint.current_due
        if due is None or local_date(complaint.mall, moment) <= due:
            continue
        key = f"{complaint.status}:{due.isoformat()}"
        if complaint.escalation_key == key:
            continue
        with transaction.atomic():
            locked = _lock(complaint)
            if locked.current_due != due or locked.escalation_key == key:
                continue
            locked.escalated_at = moment
            locked.escalation_key = key
            locked.escalation_count += 1
            locked.save(
                update_fields=["escalated_at", "escalation_key", "escalation_count", "updated_at"]
            )
            ComplaintEvent.objects.create(
                complaint=locked,
                kind=ComplaintEvent.Kind.ESCALATION,
                created_at=moment,
                from_status=locked.status,
                to_status=locked.status,
                actor_label="system:escalation",
                is_public=True,
            )
            record_event(
                action="complaint.escalated",
                obj=locked,
                actor="system:escalation",
                data={"code": locked.code, "status": locked.status, "due": due.isoformat()},
            )
        escalated.append(locked)
    return escalated


def share_with_accused(
    *, complaint: Complaint, actor: Any, note: str, now: datetime | None = None
) -> Complaint:
    """The oversight unit decides that the agency reported may see a protected report (to
    answer for it or to discipline its officer). The agency then sees the report in its list,
    never the reporter's identity, contact details or photo. Once, audited, with a reason."""
    moment = _now(now)
    reason = _note(note, field="note", required=True, label=_("The reason"))
    with transaction.atomic():
        locked = _lock(complaint)
        if not locked.is_protected or locked.accused_agency_id is None:
            raise ConflictError(_("Only a protected report about an agency can be shared."))
        if locked.shared_with_accused_at is not None:
            raise ConflictError(_("This report was already shared with the agency reported."))
        locked.shared_with_accused_at = moment
        locked.shared_with_accused_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.save()
        ComplaintEvent.objects.create(
            complaint=locked,
            kind=ComplaintEvent.Kind.SHARED,
            created_at=moment,
            from_status=locked.status,
            to_status=locked.status,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_label=_actor_label(actor),
            note=reason,
            is_public=False,
        )
        record_event(
            action="complaint.shared_with_accused",
            obj=locked,
            actor=actor,
            data={"code": locked.code, "accused_agency_id": locked.accused_agency_id},
        )
    return locked


def _personal_data_in(text: str, complaint: Complaint) -> bool:
    lowered = text.lower()
    if _NIK_LIKE.search(text):
        return True
    if complaint.reporter_name and len(complaint.reporter_name) >= 3:
        parts = [p for p in complaint.reporter_name.lower().split() if len(p) >= 3]
        if complaint.reporter_name.lower() in lowered or any(
            re.search(rf"\b{re.escape(p)}\b", lowered) for p in parts
        ):
            return True
    if complaint.reporter_email and complaint.reporter_email.lower() in lowered:
        return True
    digits = re.sub(r"\D", "", text)
    phone = phone_digits(complaint.reporter_phone)  # '62812…'
    return bool(phone and (phone[2:] in digits or phone in digits))


def publish_complaint(
    *,
    complaint: Complaint,
    actor: Any,
    summary: str,
    answer: str,
    now: datetime | None = None,
) -> Complaint:
    """Publish a moderated, de-identified summary and answer so others see how complaints
    are handled (public list and Open311). Only answered or finished complaints; refuses text
    that still contains the reporter's name, phone, e-mail or a 16-digit number (NIK)."""
    moment = _now(now)
    with transaction.atomic():
        locked = _lock(complaint)
        if locked.status not in {
            ComplaintStatus.ANSWERED,
            ComplaintStatus.CLOSED,
            ComplaintStatus.AUTO_CLOSED,
        }:
            raise ConflictError(_("Only answered complaints can be published."), field="status")
        if locked.is_confidential:
            raise ConflictError(
                _("The reporter asked that this complaint stay confidential; it is not published."),
                field="status",
            )
        summary = _text(
            summary, field="summary", minimum=10, maximum=DESCRIPTION_MAX, label=_("The summary")
        )
        answer = _text(
            answer, field="public_answer", minimum=10, maximum=NOTE_MAX, label=_("The answer")
        )
        for field, text in (("summary", summary), ("public_answer", answer)):
            if _personal_data_in(text, locked):
                raise FeedbackError(
                    _("Remove personal data (name, phone, e-mail, NIK) before publishing."),
                    field=field,
                )
        locked.is_published = True
        locked.public_summary = summary
        locked.public_answer = answer
        locked.published_at = moment
        locked.save()
        ComplaintEvent.objects.create(
            complaint=locked,
            kind=ComplaintEvent.Kind.PUBLICATION,
            created_at=moment,
            from_status=locked.status,
            to_status=locked.status,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_label=_actor_label(actor),
            is_public=True,
        )
        record_event(
            action="complaint.published",
            obj=locked,
            actor=actor,
            data={"code": locked.code, "published": True},
        )
    return locked


def unpublish_complaint(
    *, complaint: Complaint, actor: Any, now: datetime | None = None
) -> Complaint:
    with transaction.atomic():
        locked = _lock(complaint)
        locked.is_published = False
        locked.save()
        record_event(
            action="complaint.unpublished",
            obj=locked,
            actor=actor,
            data={"code": locked.code, "published": False},
        )
    return locked
