"""Who may see and change malls and booths (the core's own rules), and the staff scope they
are decided on.

- A **superuser** may do everything, including adding and deleting malls.
- A **mall manager** changes their mall and its booths.
- An **auditor** sees their mall and its booths and changes nothing.
- Everyone else (agency-level editors, officers, citizens) sees no mall or booth here.

The scope (which malls and agencies a user's memberships reach) is derived from staff
memberships, which `core` does not know: `mpp.accounts.permissions.derive_staff_scope` is
registered here by `AccountsConfig.ready()` (`provide_staff_scope`), so `core` imports no app and
every app asks `staff_scope(user)` the same way. The rules of the other apps live in one module
per app (docs/architecture.md, "Where each rule lives").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from mpp.core.models import Booth, Mall


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
    def catalogue_mall_ids(self) -> frozenset[int]:
        """Malls in which the user may change at least part of the catalogue."""
        return self.managed_mall_ids | self.edited_mall_ids

    @property
    def catalogue_view_mall_ids(self) -> frozenset[int]:
        """Malls in which the user may see at least part of the catalogue."""
        return self.viewed_mall_ids | self.edited_mall_ids

    @property
    def has_catalogue_access(self) -> bool:
        return bool(
            self.is_superuser
            or self.managed_mall_ids
            or self.audited_mall_ids
            or self.edited_agency_ids
        )


ScopeProvider = Callable[[Any], StaffScope]
_provider: list[ScopeProvider] = []


def provide_staff_scope(provider: ScopeProvider) -> None:
    """Register the function that derives a user's scope (accounts does, once)."""
    _provider[:] = [provider]


def staff_scope(user: Any) -> StaffScope:
    """The user's scope (empty for anonymous, inactive and non-staff users)."""
    if not _provider:
        raise ImproperlyConfigured("No staff scope provider: is mpp.accounts installed?")
    return _provider[0](user)


# --- The two shapes of every rule ------------------------------------------------------------


def scoped(user: Any, queryset: QuerySet[Any], ids: str, field: str = "pk") -> QuerySet[Any]:
    """Rows of `queryset` whose `field` is among the scope's `ids` (an attribute of
    `StaffScope`, e.g. "managed_mall_ids"); every row for a superuser."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return queryset
    return queryset.filter(**{f"{field}__in": getattr(scope, ids)})


def reaches(user: Any, ids: str, mall: Any = None) -> bool:
    """Whether the scope's `ids` hold `mall` (any mall when None); always for a superuser."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return True
    reached: frozenset[int] = getattr(scope, ids)
    return bool(reached) if mall is None else mall.pk in reached


# --- Malls -----------------------------------------------------------------------------------


def managed_malls(user: Any) -> QuerySet[Mall]:
    return scoped(user, Mall.objects.all(), "managed_mall_ids")


def viewable_malls(user: Any) -> QuerySet[Mall]:
    return scoped(user, Mall.objects.all(), "viewed_mall_ids")


def can_view_some_mall(user: Any) -> bool:
    return reaches(user, "viewed_mall_ids")


def can_change_some_mall(user: Any) -> bool:
    return reaches(user, "managed_mall_ids")


def can_change_mall(user: Any, mall: Mall) -> bool:
    return reaches(user, "managed_mall_ids", mall)


def can_view_mall(user: Any, mall: Mall) -> bool:
    return reaches(user, "viewed_mall_ids", mall)


def can_add_or_delete_malls(user: Any) -> bool:
    return staff_scope(user).is_superuser


def can_rename_malls(user: Any) -> bool:
    """The slug names the mall in settings (MPP_DEFAULT_MALL) and addresses: superusers only."""
    return staff_scope(user).is_superuser


# --- Booths ----------------------------------------------------------------------------------


def can_manage_booths(user: Any, mall: Mall | None = None) -> bool:
    """Add, change or delete booths (of `mall`, or of some mall when None)."""
    return reaches(user, "managed_mall_ids", mall)


def viewable_booths(user: Any) -> QuerySet[Booth]:
    return scoped(user, Booth.objects.all(), "viewed_mall_ids", "mall_id")


def assignable_booths(user: Any) -> QuerySet[Booth]:
    """Booths the user may put an agency in."""
    return scoped(user, Booth.objects.all(), "managed_mall_ids", "mall_id")
