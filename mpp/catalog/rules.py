"""Who may see and change the catalogue (agencies, services, the spreadsheet import and the
agency's confirmation of its standards), derived from the staff scope (`mpp.core.rules.staff_scope`,
derived from staff memberships by `mpp.accounts.permissions`).

- A **superuser** may do everything.
- A **mall manager** edits every agency and service of their mall.
- An **auditor** sees everything of their mall and changes nothing.
- A **catalogue editor** or **agency administrator** of agency X sees and edits only X's
  services (add, change, delete) and X's own agency record, except the fields that place the
  agency in the mall (`RESTRICTED_AGENCY_FIELDS`). Only the agency administrator confirms X's
  standards (`can_confirm_for_agency`).
- Anyone else (counter officers, verifiers, citizens) gets nothing here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall
from mpp.core.rules import reaches, scoped, staff_scope

#: Agency fields that only a mall manager may change: they place the agency in the mall and
#: in public URLs. Agency-level editors see them read-only.
RESTRICTED_AGENCY_FIELDS = ("mall", "slug", "booth", "position", "is_active")


def _in_mall(queryset: QuerySet[Any], mall: Mall | None, field: str = "mall") -> QuerySet[Any]:
    return queryset if mall is None else queryset.filter(**{field: mall})


# --- Malls of the catalogue ------------------------------------------------------------------


def catalogue_malls(user: Any) -> QuerySet[Mall]:
    """Malls in which the user may change at least part of the catalogue."""
    return scoped(user, Mall.objects.all(), "catalogue_mall_ids")


def catalogue_view_malls(user: Any) -> QuerySet[Mall]:
    """Malls in which the user may see at least part of the catalogue."""
    return scoped(user, Mall.objects.all(), "catalogue_view_mall_ids")


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


def _edits(user: Any, mall_id: int, agency_id: int | None) -> bool:
    """The user changes what belongs to `agency_id` in `mall_id`: a superuser, a manager of
    the mall, or an editor of the agency."""
    scope = staff_scope(user)
    return (
        scope.is_superuser
        or mall_id in scope.managed_mall_ids
        or agency_id in scope.edited_agency_ids
    )


def _sees(user: Any, mall_id: int, agency_id: int | None) -> bool:
    """`_edits`, or an auditor of the mall."""
    return _edits(user, mall_id, agency_id) or mall_id in staff_scope(user).audited_mall_ids


def can_edit_agency_services(user: Any, agency: Agency) -> bool:
    return _edits(user, agency.mall_id, agency.pk)


def can_change_agency(user: Any, agency: Agency) -> bool:
    """Change the agency record itself (restricted fields aside, see `restricted_agency_fields`)."""
    return can_edit_agency_services(user, agency)


def can_view_agency(user: Any, agency: Agency) -> bool:
    return _sees(user, agency.mall_id, agency.pk)


def can_add_agencies(user: Any, mall: Mall | None = None) -> bool:
    return reaches(user, "managed_mall_ids", mall)


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
    """Add a service (to one of `editable_agencies`). The same reach (a manager or an agency
    editor) may change some agency record: the admin asks this with no agency in hand."""
    scope = staff_scope(user)
    return scope.is_superuser or bool(scope.managed_mall_ids or scope.edited_agency_ids)


def can_change_service(user: Any, service: Service) -> bool:
    """Change or delete `service`. Moving it needs this right on the target agency too."""
    return _edits(user, service.mall_id, service.agency_id)


def can_view_service(user: Any, service: Service) -> bool:
    return _sees(user, service.mall_id, service.agency_id)


def can_confirm_for_agency(user: Any, agency_id: int) -> bool:
    """Confirm a standard or the agency's profile on the agency's behalf: only the agency's own
    administrator. Not the mall manager and not a superuser: the point of the confirmation is
    that the agency itself stands behind what citizens read."""
    return agency_id in staff_scope(user).confirming_agency_ids


def can_view_catalogue(user: Any) -> bool:
    return staff_scope(user).has_catalogue_access


def can_import_catalogue(user: Any, mall: Mall | None = None) -> bool:
    """Upload a catalogue spreadsheet; its rows are then limited to `editable_agencies`."""
    return reaches(user, "catalogue_mall_ids", mall)


def sees_several_malls(user: Any) -> bool:
    """Whether lists should offer a filter by mall."""
    scope = staff_scope(user)
    if scope.is_superuser:
        return Mall.objects.count() > 1
    return len(scope.catalogue_view_mall_ids) > 1
