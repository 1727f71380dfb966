"""Who may see and change what on the staff side, derived from staff memberships.

One place for the rules, so the admin, the spreadsheet import and later staff screens agree:

- A **superuser** may do everything.
- A **mall manager** (MALL_MANAGER membership) edits everything of their mall: the mall record,
  its booths, agencies, services and the staff memberships of that mall. Adding or deleting a
  mall is for superusers only.
- An **auditor** (AUDITOR membership) sees everything of their mall and changes nothing.
- A **catalogue editor** or **agency administrator** of agency X sees and edits only X's
  services (add, change, delete) and X's own agency record, except the fields that place the
  agency in the mall (`RESTRICTED_AGENCY_FIELDS`). They never see malls, booths or users.
- Anyone else (counter officers, verifiers, citizens) gets nothing here.

Memberships are read once per user object (one query, mpp.accounts.access.memberships) and
cached on it, so permission checks inside a request cost no further queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from mpp.accounts.access import memberships
from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.catalog.models import Agency, Service
from mpp.core.models import Booth, Mall

#: Roles that edit the catalogue of one agency.
AGENCY_EDITOR_ROLES = frozenset({StaffRole.CATALOGUE_EDITOR, StaffRole.AGENCY_ADMIN})

#: Agency fields that only a mall manager may change: they place the agency in the mall and
#: in public URLs. Agency-level editors see them read-only.
RESTRICTED_AGENCY_FIELDS = ("mall", "slug", "booth", "position", "is_active")

_CACHE_ATTRIBUTE = "_mpp_staff_scope"


@dataclass(frozen=True)
class StaffScope:
    """The ids a user's memberships reach; computed once per user object."""

    is_superuser: bool = False
    managed_mall_ids: frozenset[int] = frozenset()
    audited_mall_ids: frozenset[int] = frozenset()
    edited_agency_ids: frozenset[int] = frozenset()
    #: Malls of the edited agencies (for choosing a mall in import and export forms).
    edited_mall_ids: frozenset[int] = frozenset()
    #: Agencies whose standard the user confirms on the agency's behalf (agency admins).
    confirming_agency_ids: frozenset[int] = frozenset()

    @property
    def viewed_mall_ids(self) -> frozenset[int]:
        return self.managed_mall_ids | self.audited_mall_ids

    @property
    def has_catalogue_access(self) -> bool:
        return bool(
            self.is_superuser
            or self.managed_mall_ids
            or self.audited_mall_ids
            or self.edited_agency_ids
        )


def staff_scope(user: Any) -> StaffScope:
    """The user's scope. Inactive users and users without staff status reach nothing."""
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


def _in_mall(queryset: QuerySet[Any], mall: Mall | None, field: str = "mall") -> QuerySet[Any]:
    return queryset if mall is None else queryset.filter(**{field: mall})


# --- Malls and booths ------------------------------------------------------------------------


def managed_malls(user: Any) -> QuerySet[Mall]:
    scope = staff_scope(user)
    if scope.is_superuser:
        return Mall.objects.all()
    return Mall.objects.filter(pk__in=scope.managed_mall_ids)


def viewable_malls(user: Any) -> QuerySet[Mall]:
    scope = staff_scope(user)
    if scope.is_superuser:
        return Mall.objects.all()
    return Mall.objects.filter(pk__in=scope.viewed_mall_ids)


def catalogue_malls(user: Any) -> QuerySet[Mall]:
    """Malls in which the user may change at least part of the catalogue."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return Mall.objects.all()
    return Mall.objects.filter(pk__in=scope.managed_mall_ids | scope.edited_mall_ids)


def catalogue_view_malls(user: Any) -> QuerySet[Mall]:
    """Malls in which the user may see at least part of the catalogue."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return Mall.objects.all()
    return Mall.objects.filter(pk__in=scope.viewed_mall_ids | scope.edited_mall_ids)


def can_change_mall(user: Any, mall: Mall) -> bool:
    scope = staff_scope(user)
    return scope.is_superuser or mall.pk in scope.managed_mall_ids


def can_view_mall(user: Any, mall: Mall) -> bool:
    scope = staff_scope(user)
    return scope.is_superuser or mall.pk in scope.viewed_mall_ids


def can_add_or_delete_malls(user: Any) -> bool:
    return staff_scope(user).is_superuser


def can_manage_booths(user: Any, mall: Mall | None = None) -> bool:
    """Add, change or delete booths (of `mall`, or of some mall when None)."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return True
    if mall is None:
        return bool(scope.managed_mall_ids)
    return mall.pk in scope.managed_mall_ids


def viewable_booths(user: Any) -> QuerySet[Booth]:
    scope = staff_scope(user)
    if scope.is_superuser:
        return Booth.objects.all()
    return Booth.objects.filter(mall_id__in=scope.viewed_mall_ids)


def assignable_booths(user: Any) -> QuerySet[Booth]:
    """Booths the user may put an agency in."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return Booth.objects.all()
    return Booth.objects.filter(mall_id__in=scope.managed_mall_ids)


# --- Agencies --------------------------------------------------------------------------------


def _scoped(
    queryset: QuerySet[Any],
    user: Any,
    mall: Mall | None,
    *,
    mall_ids: str,
    agency_lookup: str,
) -> QuerySet[Any]:
    """Rows of `queryset` within the user's reach: whole malls listed in the scope attribute
    `mall_ids` (managed or viewed), plus the agencies the user edits (`agency_lookup` names
    the agency key of the model: "pk" for agencies, "agency_id" for services)."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return _in_mall(queryset, mall)
    reach = Q(mall_id__in=getattr(scope, mall_ids)) | Q(
        **{f"{agency_lookup}__in": scope.edited_agency_ids}
    )
    return _in_mall(queryset.filter(reach), mall)


def editable_agencies(user: Any, mall: Mall | None = None) -> QuerySet[Agency]:
    """Agencies whose services the user may add, change and delete."""
    return _scoped(
        Agency.objects.all(), user, mall, mall_ids="managed_mall_ids", agency_lookup="pk"
    )


def viewable_agencies(user: Any, mall: Mall | None = None) -> QuerySet[Agency]:
    return _scoped(Agency.objects.all(), user, mall, mall_ids="viewed_mall_ids", agency_lookup="pk")


def can_edit_agency_services(user: Any, agency: Agency) -> bool:
    scope = staff_scope(user)
    return (
        scope.is_superuser
        or agency.mall_id in scope.managed_mall_ids
        or agency.pk in scope.edited_agency_ids
    )


def can_change_agency(user: Any, agency: Agency) -> bool:
    """Change the agency record itself (restricted fields aside, see `restricted_agency_fields`)."""
    return can_edit_agency_services(user, agency)


def can_view_agency(user: Any, agency: Agency) -> bool:
    scope = staff_scope(user)
    return can_change_agency(user, agency) or agency.mall_id in scope.audited_mall_ids


def can_add_agencies(user: Any, mall: Mall | None = None) -> bool:
    scope = staff_scope(user)
    if scope.is_superuser:
        return True
    if mall is None:
        return bool(scope.managed_mall_ids)
    return mall.pk in scope.managed_mall_ids


def can_delete_agency(user: Any, agency: Agency) -> bool:
    scope = staff_scope(user)
    return scope.is_superuser or agency.mall_id in scope.managed_mall_ids


def restricted_agency_fields(user: Any, agency: Agency | None = None) -> tuple[str, ...]:
    """Agency fields the user may not change (empty for managers of the agency's mall)."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return ()
    if agency is None:
        return () if scope.managed_mall_ids else RESTRICTED_AGENCY_FIELDS
    if agency.mall_id in scope.managed_mall_ids:
        return ()
    return RESTRICTED_AGENCY_FIELDS


# --- Services --------------------------------------------------------------------------------


def viewable_services(user: Any, mall: Mall | None = None) -> QuerySet[Service]:
    return _scoped(
        Service.objects.all(), user, mall, mall_ids="viewed_mall_ids", agency_lookup="agency_id"
    )


def can_add_services(user: Any) -> bool:
    scope = staff_scope(user)
    return scope.is_superuser or bool(scope.managed_mall_ids or scope.edited_agency_ids)


def can_change_service(user: Any, service: Service) -> bool:
    """Change or delete `service`. Moving it needs this right on the target agency too."""
    scope = staff_scope(user)
    return (
        scope.is_superuser
        or service.mall_id in scope.managed_mall_ids
        or service.agency_id in scope.edited_agency_ids
    )


def can_view_service(user: Any, service: Service) -> bool:
    scope = staff_scope(user)
    return can_change_service(user, service) or service.mall_id in scope.audited_mall_ids


def can_confirm_for_agency(user: Any, agency_id: int) -> bool:
    """Confirm a standard or the agency's profile on the agency's behalf: only the agency's own
    administrator. Not the mall manager and not a superuser: the point of the confirmation is
    that the agency itself stands behind what citizens read."""
    return agency_id in staff_scope(user).confirming_agency_ids


def can_view_catalogue(user: Any) -> bool:
    return staff_scope(user).has_catalogue_access


def can_import_catalogue(user: Any, mall: Mall | None = None) -> bool:
    """Upload a catalogue spreadsheet; its rows are then limited to `editable_agencies`."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return True
    malls = scope.managed_mall_ids | scope.edited_mall_ids
    return bool(malls) if mall is None else mall.pk in malls


def sees_several_malls(user: Any) -> bool:
    """Whether lists should offer a filter by mall."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return Mall.objects.count() > 1
    return len(scope.viewed_mall_ids | scope.edited_mall_ids) > 1


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
