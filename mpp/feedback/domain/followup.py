"""Follow-up plans of the survey (rencana tindak lanjut): record a commitment on a weak
element, then report its progress until it is done (or dropped, with the reason)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.audit.domain import record_event
from mpp.catalog.models import Agency, Service
from mpp.core.errors import ConflictError, DomainError
from mpp.core.models import Mall
from mpp.feedback import skm
from mpp.feedback.domain.complaints import local_date
from mpp.feedback.enums import FOLLOW_UP_OPEN, FollowUpStatus
from mpp.feedback.models import FollowUpPlan, FollowUpUpdate

ACTION_MAX = 2000
NOTE_MAX = 2000

#: Where a commitment may go from each status; done and dropped are final.
FOLLOW_UP_TRANSITIONS: dict[str, frozenset[str]] = {
    FollowUpStatus.PLANNED: frozenset(FollowUpStatus.values),
    FollowUpStatus.IN_PROGRESS: frozenset(
        {FollowUpStatus.IN_PROGRESS, FollowUpStatus.DONE, FollowUpStatus.DROPPED}
    ),
    FollowUpStatus.DONE: frozenset(),
    FollowUpStatus.DROPPED: frozenset(),
}


def _text(value: str, *, field: str, limit: int, message: str) -> str:
    clean = (value or "").strip()
    if not clean:
        raise DomainError(message, field=field)
    if len(clean) > limit:
        raise DomainError(
            _("Keep it under %(n)s characters.") % {"n": limit},
            field=field,
        )
    return clean


def create_follow_up_plan(
    *,
    mall: Mall,
    period_start: date,
    period_end: date,
    element: str,
    action: str,
    responsible: str,
    due_date: date,
    agency: Agency | None = None,
    service: Service | None = None,
    actor: Any = None,
    now: datetime | None = None,
) -> FollowUpPlan:
    """Record what will be done about one element of a survey period, by whom and by when.

    Rules: the element is one of U1…U9; the action and the person or unit responsible are
    required; the survey period is ordered and the due date is not before its start; a
    service fixes the agency (the service's own), and both belong to the mall. Writes the
    plan, its first history row and an audit entry in one transaction.
    """
    code = (element or "").strip().upper()
    if code not in skm.UNSUR_BY_CODE:
        raise DomainError(_("Choose one of the nine survey elements."), field="element")
    action = _text(
        action,
        field="action",
        limit=ACTION_MAX,
        message=_("Describe what will be done."),
    )
    responsible = _text(
        responsible,
        field="responsible",
        limit=200,
        message=_("Name the unit or officer responsible."),
    )
    if period_start > period_end:
        raise DomainError(
            _("The start of the survey period must be on or before its end."),
            field="period",
        )
    if due_date < period_start:
        raise DomainError(
            _("The due date cannot be before the survey period it answers."), field="due_date"
        )
    if service is not None:
        if service.mall_id != mall.pk:
            raise DomainError(_("That service is not offered at this mall."), field="service")
        if agency is not None and service.agency_id != agency.pk:
            raise DomainError(_("That service belongs to another agency."), field="service")
        agency = service.agency
    if agency is not None and agency.mall_id != mall.pk:
        raise DomainError(_("That agency is not at this mall."), field="agency")
    moment = now or timezone.now()
    with transaction.atomic():
        plan = FollowUpPlan.objects.create(
            mall=mall,
            agency=agency,
            service=service,
            period_start=period_start,
            period_end=period_end,
            element=code,
            action=action,
            responsible=responsible,
            due_date=due_date,
            created_at=moment,
            updated_at=moment,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        FollowUpUpdate.objects.create(
            plan=plan,
            created_at=moment,
            status=plan.status,
            progress=0,
            note="",
            actor=plan.created_by,
        )
        record_event(
            action="followup.created",
            obj=plan,
            actor=actor,
            data={
                "element": code,
                "agency_id": agency.pk if agency else None,
                "service_id": service.pk if service else None,
                "period": [period_start.isoformat(), period_end.isoformat()],
                "due_date": due_date.isoformat(),
            },
        )
    return plan


def update_follow_up_progress(
    *,
    plan: FollowUpPlan,
    status: str,
    progress: int | None = None,
    note: str = "",
    actor: Any = None,
    now: datetime | None = None,
) -> FollowUpPlan:
    """Report progress on a commitment.

    Rules: done and dropped are final; progress is 0–100 and never goes back; done sets it to
    100 and records the local completion date; dropping needs a reason in the note; every
    update needs either a note or a change. Appends a history row and an audit entry in the
    same transaction (the row is locked, so two officers cannot overwrite each other).
    """
    if status not in FollowUpStatus.values:
        raise DomainError(_("Choose one of the statuses."), field="status")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise DomainError(_("Keep it under %(n)s characters.") % {"n": NOTE_MAX}, field="note")
    moment = now or timezone.now()
    with transaction.atomic():
        locked = FollowUpPlan.objects.select_for_update().select_related("mall").get(pk=plan.pk)
        if status not in FOLLOW_UP_TRANSITIONS[locked.status]:
            raise ConflictError(
                _("This commitment is already %(status)s and can no longer change.")
                % {"status": FollowUpStatus(locked.status).label.lower()},
                field="status",
            )
        if progress is None:
            progress = locked.progress
        if isinstance(progress, bool) or not 0 <= int(progress) <= 100:
            raise DomainError(
                _("Enter the progress as a percentage from 0 to 100."), field="progress"
            )
        progress = int(progress)
        if status == FollowUpStatus.DONE:
            progress = 100
        if progress < locked.progress and status != FollowUpStatus.DROPPED:
            raise DomainError(
                _("Progress cannot go back (it was %(n)s%%).") % {"n": locked.progress},
                field="progress",
            )
        if status == FollowUpStatus.DROPPED and not note:
            raise DomainError(_("Say why the commitment is dropped."), field="note")
        if status == locked.status and progress == locked.progress and not note:
            raise DomainError(_("Report some progress or write a note."), field="note")
        before = {"status": locked.status, "progress": locked.progress}
        locked.status = status
        locked.progress = progress if status != FollowUpStatus.DROPPED else locked.progress
        if note:
            locked.progress_note = note
        if status == FollowUpStatus.DONE:
            locked.completed_on = local_date(locked.mall, moment)
        locked.updated_at = moment
        locked.save()
        FollowUpUpdate.objects.create(
            plan=locked,
            created_at=moment,
            status=status,
            progress=locked.progress,
            note=note,
            actor=actor if getattr(actor, "pk", None) else None,
        )
        record_event(
            action="followup.progress",
            obj=locked,
            actor=actor,
            data={
                "from": before,
                "to": {"status": locked.status, "progress": locked.progress},
            },
        )
    return locked


def is_overdue(plan: FollowUpPlan, today: date) -> bool:
    return plan.status in FOLLOW_UP_OPEN and plan.due_date < today
