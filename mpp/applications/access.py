"""Who may see and change which application (object-level authorisation, ASVS 4.2.1 /
8.2.2 / 8.4.1). Every view and API operation asks here; the domain asks again.

- The **applicant** sees their own applications and documents, edits them while they are a
  draft or need revision, submits and withdraws them.
- **Staff of the application's agency** (counter officer, verifier, head of unit, agency
  administrator) see its submitted applications and their documents; the roles in
  `enums.STAFF_ROLES_FOR` move them on; heads of unit and agency administrators assign them.
- **Mall managers and auditors** see the applications of their mall (timeline, state,
  masked data) but not the documents, and change nothing.
- Nobody else learns that an application exists: callers answer 404, never 403, for
  applications a user may not see.
- Staff act only after their second factor (TOTP) in this session, or through an API token.
- Nobody processes their own application.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from mpp.accounts.access import memberships, second_factor_passed, works_in
from mpp.accounts.enums import StaffRole
from mpp.applications.enums import (
    AGENCY_READ_ROLES,
    APPLICANT_MOVES,
    ASSIGN_ROLES,
    STAFF_ROLES_FOR,
    TRANSITIONS,
    ApplicationState,
)
from mpp.applications.models import Application

_CACHE = "_mpp_application_scope"


@dataclass(frozen=True)
class ApplicationScope:
    is_superuser: bool = False
    #: agency id -> the user's roles in it
    agency_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    #: malls whose applications the user may read (mall managers, auditors)
    read_mall_ids: frozenset[int] = frozenset()

    @property
    def agency_ids(self) -> frozenset[int]:
        return frozenset(
            agency for agency, roles in self.agency_roles.items() if roles & AGENCY_READ_ROLES
        )

    @property
    def is_officer(self) -> bool:
        return self.is_superuser or bool(self.agency_ids) or bool(self.read_mall_ids)


def staff_verified(user: Any) -> bool:
    """Staff must have passed their second factor in this session (django-otp), or have come
    in with an API token (TokenAuth marks the request)."""
    return second_factor_passed(user)


def scope(user: Any) -> ApplicationScope:
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        result = ApplicationScope()
    elif user.is_superuser:
        result = ApplicationScope(is_superuser=True)
    else:
        roles: dict[int, set[str]] = {}
        malls: set[int] = set()
        for role, mall_id, agency_id, _agency_mall in memberships(user):
            if role in {StaffRole.MALL_MANAGER, StaffRole.AUDITOR}:
                malls.add(mall_id)
            elif agency_id is not None:
                roles.setdefault(agency_id, set()).add(role)
        result = ApplicationScope(
            agency_roles={a: frozenset(r) for a, r in roles.items()},
            read_mall_ids=frozenset(malls),
        )
    setattr(user, _CACHE, result)
    return result


#: Roles that open the officer pages of a mall (agency staff, the mall's managers and auditors).
OFFICER_PAGE_ROLES = AGENCY_READ_ROLES | {StaffRole.MALL_MANAGER, StaffRole.AUDITOR}


def works_here(user: Any, mall: Any) -> bool:
    """The officer pages' rule (mpp.accounts.access.staff_page): staff of this mall."""
    return works_in(user, mall, OFFICER_PAGE_ROLES)


def staff_scope_ready(user: Any) -> ApplicationScope:
    """The scope if the user may act as staff now (second factor passed), else empty."""
    if not staff_verified(user):
        return ApplicationScope()
    return scope(user)


def agency_queryset(user: Any) -> QuerySet[Application]:
    """Submitted applications the user may see as staff (drafts are the applicant's alone)."""
    s = staff_scope_ready(user)
    base = Application.objects.exclude(state=ApplicationState.DRAFT)
    if s.is_superuser:
        return base
    if not s.agency_ids and not s.read_mall_ids:
        return base.none()
    return base.filter(Q(agency_id__in=s.agency_ids) | Q(mall_id__in=s.read_mall_ids))


def is_applicant(user: Any, application: Application) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and application.applicant_id == user.pk


def can_view(user: Any, application: Application) -> bool:
    if is_applicant(user, application):
        return True
    if application.state == ApplicationState.DRAFT:
        return False
    s = staff_scope_ready(user)
    return (
        s.is_superuser
        or application.agency_id in s.agency_ids
        or application.mall_id in s.read_mall_ids
    )


def can_view_documents(user: Any, application: Application) -> bool:
    """The applicant and the staff of the application's agency; not auditors or managers."""
    if is_applicant(user, application):
        return True
    if application.state == ApplicationState.DRAFT:
        return False
    s = staff_scope_ready(user)
    return s.is_superuser or application.agency_id in s.agency_ids


def roles_in(user: Any, application: Application) -> frozenset[str]:
    s = staff_scope_ready(user)
    if s.is_superuser:
        return frozenset(StaffRole.values)
    return s.agency_roles.get(application.agency_id, frozenset())


def can_transition(user: Any, application: Application, to_state: str) -> bool:
    if to_state not in TRANSITIONS.get(application.state, frozenset()):
        return False
    if (application.state, to_state) in APPLICANT_MOVES:
        return is_applicant(user, application)
    if is_applicant(user, application):
        return False  # nobody processes their own application
    return bool(roles_in(user, application) & STAFF_ROLES_FOR.get(to_state, frozenset()))


def staff_targets(user: Any, application: Application) -> list[str]:
    """The states this staff member may move the application to now (for the buttons)."""
    return [
        state
        for state in ApplicationState.values
        if (application.state, state) not in APPLICANT_MOVES
        and can_transition(user, application, state)
    ]


def can_assign(user: Any, application: Application) -> bool:
    if is_applicant(user, application) or application.state == ApplicationState.DRAFT:
        return False
    return bool(roles_in(user, application) & ASSIGN_ROLES)


def can_edit(user: Any, application: Application) -> bool:
    from mpp.applications.enums import EDITABLE_STATES

    return is_applicant(user, application) and application.state in EDITABLE_STATES
