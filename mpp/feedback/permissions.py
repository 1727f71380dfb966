"""Who may see and work which complaints, derived from staff memberships (the same rules as
mpp.accounts.permissions, applied to complaints):

- a **superuser** and a **mall manager** see and work every complaint of the mall: they verify,
  forward (disposition), reject, close and publish, and answer complaints without an agency;
- an **auditor** sees every complaint of the mall and changes nothing;
- a member of an **agency** (any agency role but catalogue editor) sees only the complaints
  forwarded to that agency, answers them or hands them back;
- anyone else sees nothing. Views answer 404, not 403, for a complaint outside the scope, so
  that codes of other agencies' complaints cannot be probed.

Protected reports (pungli, gratification, whistleblowing; ADR 0019) are the exception: they
are handled by the oversight unit they were routed to (`complaint.agency`), whose staff verify,
answer and close them and alone see the reporter. The mall manager and the auditor do not see
them (the mall's operator may itself be the agency reported); the agency reported sees the
report, never the reporter, only once the unit has shared it (`share_with_accused`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from mpp.accounts.access import memberships, works_in
from mpp.accounts.enums import StaffRole
from mpp.core.models import Mall
from mpp.feedback.enums import ComplaintStatus
from mpp.feedback.models import Complaint

#: Agency roles that work complaints (a catalogue editor only edits the catalogue).
AGENCY_COMPLAINT_ROLES = frozenset(
    {
        StaffRole.COUNTER_OFFICER,
        StaffRole.VERIFIER,
        StaffRole.HEAD_OF_UNIT,
        StaffRole.AGENCY_ADMIN,
    }
)

_CACHE = "_mpp_feedback_scope"


@dataclass(frozen=True)
class ComplaintScope:
    is_superuser: bool = False
    managed_mall_ids: frozenset[int] = frozenset()
    audited_mall_ids: frozenset[int] = frozenset()
    agency_ids: frozenset[int] = frozenset()

    @property
    def has_access(self) -> bool:
        return bool(
            self.is_superuser or self.managed_mall_ids or self.audited_mall_ids or self.agency_ids
        )


def complaint_scope(user: Any) -> ComplaintScope:
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        scope = ComplaintScope()
    elif user.is_superuser:
        scope = ComplaintScope(is_superuser=True)
    else:
        managed: set[int] = set()
        audited: set[int] = set()
        agencies: set[int] = set()
        for role, mall_id, agency_id, _agency_mall in memberships(user):
            if role == StaffRole.MALL_MANAGER:
                managed.add(mall_id)
            elif role == StaffRole.AUDITOR:
                audited.add(mall_id)
            elif role in AGENCY_COMPLAINT_ROLES and agency_id is not None:
                agencies.add(agency_id)
        scope = ComplaintScope(
            managed_mall_ids=frozenset(managed),
            audited_mall_ids=frozenset(audited),
            agency_ids=frozenset(agencies),
        )
    setattr(user, _CACHE, scope)
    return scope


def _protected_q(scope: ComplaintScope) -> Q:
    """Protected reports this scope sees: those its oversight unit handles, and those shared
    with its agency as the agency reported."""
    return Q(is_protected=True) & (
        Q(agency_id__in=scope.agency_ids)
        | Q(accused_agency_id__in=scope.agency_ids, shared_with_accused_at__isnull=False)
    )


def visible_complaints(user: Any, mall: Mall) -> QuerySet[Complaint]:
    scope = complaint_scope(user)
    qs = Complaint.objects.filter(mall=mall)
    if scope.is_superuser:
        return qs
    if mall.pk in scope.managed_mall_ids | scope.audited_mall_ids:
        return qs.filter(Q(is_protected=False) | _protected_q(scope))
    if scope.agency_ids:
        return qs.filter(
            Q(is_protected=False, agency_id__in=scope.agency_ids) | _protected_q(scope)
        )
    return qs.none()


def handles_protected(user: Any, complaint: Complaint) -> bool:
    """Staff of the oversight unit a protected report was routed to (and the superuser)."""
    if not complaint.is_protected:
        return False
    scope = complaint_scope(user)
    return scope.is_superuser or (
        complaint.agency_id is not None and complaint.agency_id in scope.agency_ids
    )


def is_accused_reader(user: Any, complaint: Complaint) -> bool:
    """Staff of the agency reported, once the oversight unit shared the report with it."""
    scope = complaint_scope(user)
    return (
        complaint.is_protected
        and complaint.shared_with_accused_at is not None
        and complaint.accused_agency_id is not None
        and complaint.accused_agency_id in scope.agency_ids
    )


def can_view(user: Any, complaint: Complaint) -> bool:
    scope = complaint_scope(user)
    if complaint.is_protected:
        return handles_protected(user, complaint) or is_accused_reader(user, complaint)
    return (
        scope.is_superuser
        or complaint.mall_id in scope.managed_mall_ids | scope.audited_mall_ids
        or (complaint.agency_id is not None and complaint.agency_id in scope.agency_ids)
    )


def can_manage(user: Any, mall_id: int) -> bool:
    """Verify, forward, reject, close, publish (the mall's complaint desk)."""
    scope = complaint_scope(user)
    return scope.is_superuser or mall_id in scope.managed_mall_ids


def can_manage_complaint(user: Any, complaint: Complaint) -> bool:
    """The desk's steps on this complaint: the mall's desk, or for a protected report the
    oversight unit that handles it."""
    if complaint.is_protected:
        return handles_protected(user, complaint)
    return can_manage(user, complaint.mall_id)


def can_share_with_accused(user: Any, complaint: Complaint) -> bool:
    return (
        handles_protected(user, complaint)
        and complaint.accused_agency_id is not None
        and complaint.shared_with_accused_at is None
    )


def can_answer(user: Any, complaint: Complaint) -> bool:
    """Answer or hand back a forwarded complaint."""
    if complaint.status != ComplaintStatus.DISPOSITIONED:
        return False
    if complaint.is_protected:
        return handles_protected(user, complaint)
    scope = complaint_scope(user)
    if complaint.agency_id is None:
        return can_manage(user, complaint.mall_id)
    return can_manage(user, complaint.mall_id) or complaint.agency_id in scope.agency_ids


def can_see_reporter(user: Any, complaint: Complaint) -> bool:
    """Contact details: the people who must reach the reporter (not the auditor, who checks
    the handling, not the person). Of a protected report: only its oversight unit."""
    if complaint.is_protected:
        return handles_protected(user, complaint)
    scope = complaint_scope(user)
    return can_manage(user, complaint.mall_id) or (
        complaint.agency_id is not None and complaint.agency_id in scope.agency_ids
    )


#: Roles that open the complaint desk and the survey staff pages of a mall.
DESK_ROLES = AGENCY_COMPLAINT_ROLES | {StaffRole.MALL_MANAGER, StaffRole.AUDITOR}


def works_at_desk(user: Any, mall: Any) -> bool:
    """The staff pages' rule (mpp.accounts.access.staff_page): complaint staff of this mall."""
    return works_in(user, mall, DESK_ROLES)
