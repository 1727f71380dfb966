"""The staff scope derived from staff memberships, and who may administer staff.

Each app's rules live in one module (docs/architecture.md, "Where each rule lives"): malls and
booths in `mpp.core.rules`, the catalogue in `mpp.catalog.rules`, … This module keeps:

- `derive_staff_scope(user)`: which malls and agencies a user's memberships reach (managed,
  audited, edited, confirmed), registered with `mpp.core.rules.provide_staff_scope` by
  `AccountsConfig.ready()`. Memberships are read once per user object (one query,
  `mpp.accounts.access.memberships`) and the scope is cached on it, so permission checks inside
  a request cost no further queries.
- The rules for users and memberships: a mall manager administers the staff of their mall,
  superusers everyone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from mpp.accounts.access import memberships
from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.core.rules import StaffScope, staff_scope

#: Roles that edit the catalogue of one agency.
AGENCY_EDITOR_ROLES = frozenset({StaffRole.CATALOGUE_EDITOR, StaffRole.AGENCY_ADMIN})

_CACHE_ATTRIBUTE = "_mpp_staff_scope"


def derive_staff_scope(user: Any) -> StaffScope:
    """The user's scope (registered with `mpp.core.rules`, which every app asks). Inactive
    users and users without staff status reach nothing."""
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        scope = StaffScope()
    elif user.is_superuser:
        scope = StaffScope(is_superuser=True)
    else:
        managed: set[int] = set()
        audited: set[int] = set()
        agencies: set[int] = set()
        agency_malls: set[int] = set()
        confirming: set[int] = set()
        for role, mall_id, agency_id, agency_mall_id in memberships(user):
            if role == StaffRole.MALL_MANAGER:
                managed.add(mall_id)
            elif role == StaffRole.AUDITOR:
                audited.add(mall_id)
            elif role in AGENCY_EDITOR_ROLES and agency_id is not None:
                agencies.add(agency_id)
                agency_malls.add(agency_mall_id or mall_id)
                if role == StaffRole.AGENCY_ADMIN:
                    confirming.add(agency_id)
        scope = StaffScope(
            managed_mall_ids=frozenset(managed),
            audited_mall_ids=frozenset(audited),
            edited_agency_ids=frozenset(agencies),
            edited_mall_ids=frozenset(agency_malls),
            confirming_agency_ids=frozenset(confirming),
        )
    setattr(user, _CACHE_ATTRIBUTE, scope)
    return scope


# --- Users and memberships -------------------------------------------------------------------


def can_manage_users(user: Any) -> bool:
    """Mall managers administer the staff of their mall; superusers everyone."""
    scope = staff_scope(user)
    return scope.is_superuser or bool(scope.managed_mall_ids)


def manageable_users(user: Any) -> QuerySet[User]:
    """Users a mall manager may see and change: not superusers, at least one membership in a
    mall they manage, and no membership anywhere else (so one mall's manager cannot take over
    a person who also works for another mall)."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return User.objects.all()
    if not scope.managed_mall_ids:
        return User.objects.none()
    managed = list(scope.managed_mall_ids)
    elsewhere = StaffMembership.objects.filter(user=OuterRef("pk")).exclude(mall_id__in=managed)
    here = StaffMembership.objects.filter(user=OuterRef("pk"), mall_id__in=managed)
    return User.objects.filter(Exists(here), ~Exists(elsewhere), is_superuser=False)
