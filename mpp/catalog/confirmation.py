"""Agencies own their standards: the agency's confirmation of a service standard and of its
own profile, and the reads the mall manager uses to chase what is unconfirmed or overdue.

Rules:
- Only an administrator of the agency itself confirms (`catalog.rules
  .can_confirm_for_agency`): the mall compiles the catalogue, the agency stands behind it.
- Confirming a standard records the decree (SK) that set it: PermenPAN-RB 15/2014 has each
  provider set its standard by a decision of the head of the unit, so a confirmation without
  an SK number and date is refused.
- Who confirmed and when is kept on the row and in the audit trail (same transaction).
- A confirmation is due for review `MPP_CATALOG_REVIEW_MONTHS` (12) months later; any change
  to what citizens read clears it (mpp.catalog.domain), and the page shows
  "belum dikonfirmasi instansi" again until the agency confirms the new text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.audit.domain import record_event
from mpp.catalog.models import Agency, Service, review_due_after
from mpp.catalog.rules import can_confirm_for_agency
from mpp.core.clock import mall_zone
from mpp.core.errors import DomainError, ForbiddenError
from mpp.core.models import Mall

NOTE_MAX = 1000
DECREE_MAX = 200


def review_months() -> int:
    return int(getattr(settings, "MPP_CATALOG_REVIEW_MONTHS", 12))


def _local_today(mall: Mall, moment: datetime) -> date:

    return moment.astimezone(mall_zone(mall)).date()


def _note(text: str) -> str:
    text = (text or "").strip()
    if len(text) > NOTE_MAX:
        raise DomainError(
            _("The note is too long: keep it under %(n)s characters.") % {"n": NOTE_MAX},
            field="note",
        )
    return text


def confirm_service(
    *,
    service: Service,
    actor: Any,
    decree_number: str,
    decree_date: date | None,
    note: str = "",
    now: datetime | None = None,
) -> Service:
    """The agency confirms that `service`'s published standard is its own.

    Rules: `actor` administers the service's agency; the decree number and date of the
    standard are given (they are stored on the service). Side effects: `confirmed_at`,
    `confirmed_by`, `last_verified` (the local date) and the decree fields are written, and
    an audit entry `catalog.service.confirmed` names the confirming account — one transaction.
    """
    if not can_confirm_for_agency(actor, service.agency_id):
        raise ForbiddenError(
            _("Only an administrator of %(agency)s can confirm its service standards.")
            % {"agency": service.agency.short_name}
        )
    decree_number = (decree_number or "").strip()
    errors = {}
    if not decree_number:
        errors["decree_number"] = _(
            "Write the number of the decree (SK) that set this service standard."
        )
    elif len(decree_number) > DECREE_MAX:
        errors["decree_number"] = _("The decree number is too long.")
    if decree_date is None:
        errors["decree_date"] = _("Give the date of that decree.")
    moment = now or timezone.now()
    if decree_date is not None and decree_date > _local_today(service.mall, moment):
        errors["decree_date"] = _("The decree date cannot be in the future.")
    if errors:
        first = next(iter(errors))
        raise DomainError(errors[first], field=first, errors=errors)
    note = _note(note)
    with transaction.atomic():
        locked = Service.objects.select_for_update().select_related("mall").get(pk=service.pk)
        previous = (locked.decree_number, locked.decree_date)
        locked.decree_number = decree_number
        locked.decree_date = decree_date
        locked.confirmed_at = moment
        locked.confirmed_by = actor
        locked.last_verified = _local_today(locked.mall, moment)
        locked.save(
            update_fields=[
                "decree_number",
                "decree_date",
                "confirmed_at",
                "confirmed_by",
                "last_verified",
                "updated_at",
            ]
        )
        record_event(
            action="catalog.service.confirmed",
            obj=locked,
            actor=actor,
            data={
                "slug": locked.slug,
                "agency": locked.agency_id,
                "decree_number": decree_number,
                "decree_date": decree_date.isoformat() if decree_date else None,
                "decree_changed": previous != (decree_number, decree_date),
                "note": note,
            },
        )
    return locked


def confirm_agency_profile(
    *, agency: Agency, actor: Any, note: str = "", now: datetime | None = None
) -> Agency:
    """The agency confirms its public profile: pledge (maklumat), contacts, opening hours and
    head of unit. Rules as `confirm_service`; audit entry `catalog.agency.confirmed`."""
    if not can_confirm_for_agency(actor, agency.pk):
        raise ForbiddenError(
            _("Only an administrator of %(agency)s can confirm its profile.")
            % {"agency": agency.short_name}
        )
    if not agency.maklumat.strip():
        raise DomainError(
            _("Write the agency's service pledge (maklumat) before confirming the profile."),
            field="maklumat",
        )
    note = _note(note)
    moment = now or timezone.now()
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        locked.confirmed_at = moment
        locked.confirmed_by = actor
        locked.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
        record_event(
            action="catalog.agency.confirmed",
            obj=locked,
            actor=actor,
            data={"slug": locked.slug, "note": note},
        )
    return locked


def clear_confirmation(*, obj: Service | Agency, actor: Any, reason: str) -> None:
    """Called by edits that do not go through `mpp.catalog.domain` (the admin forms): the
    text changed, so the agency's confirmation no longer covers it. Audited."""
    if obj.confirmed_at is None:
        return
    with transaction.atomic():
        type(obj).objects.filter(pk=obj.pk).update(confirmed_at=None, confirmed_by=None)
        kind = "service" if isinstance(obj, Service) else "agency"
        record_event(
            action=f"catalog.{kind}.confirmation_cleared",
            obj=obj,
            actor=actor,
            data={"slug": obj.slug, "reason": reason},
        )
        obj.confirmed_at = None
        obj.confirmed_by = None


# --- Reads for the mall manager ---------------------------------------------------------------


@dataclass
class AgencyStatus:
    agency: Agency
    services: int = 0
    confirmed: int = 0
    overdue: int = 0
    without_decree: int = 0
    open_questions: int = 0
    profile_confirmed: bool = False
    profile_overdue: bool = False

    @property
    def unconfirmed(self) -> int:
        return self.services - self.confirmed


@dataclass
class ConfirmationOverview:
    today: date
    agencies: list[AgencyStatus] = field(default_factory=list)
    #: Services still to confirm, overdue first, then never confirmed.
    attention: list[tuple[Service, str]] = field(default_factory=list)

    @property
    def totals(self) -> AgencyStatus:
        total = AgencyStatus(agency=Agency())
        for row in self.agencies:
            total.services += row.services
            total.confirmed += row.confirmed
            total.overdue += row.overdue
            total.without_decree += row.without_decree
            total.open_questions += row.open_questions
        return total


def confirmation_overview(
    *, mall: Mall, agencies: Any = None, today: date | None = None
) -> ConfirmationOverview:
    """Per agency: how many services are confirmed, overdue for review, without a decree or
    with open questions; and the services that need attention. Three queries."""
    today = today or _local_today(mall, timezone.now())
    agency_qs = Agency.objects.filter(mall=mall).order_by("position", "name")
    if agencies is not None:
        agency_qs = agency_qs.filter(pk__in=agencies)
    services = (
        Service.objects.filter(mall=mall, agency__in=agency_qs, is_active=True)
        .select_related("agency")
        .order_by("agency__position", "position", "name")
    )
    counts = {
        row["agency_id"]: row
        for row in services.order_by()
        .values("agency_id")
        .annotate(
            total=Count("pk"),
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            without_decree=Count("pk", filter=Q(decree_number="")),
            questions=Count("pk", filter=~Q(open_questions="")),
        )
    }
    overview = ConfirmationOverview(today=today)
    overdue_by_agency: dict[int, int] = {}
    overdue: list[tuple[Service, str]] = []
    never: list[tuple[Service, str]] = []
    for service in services.only(
        "pk", "slug", "name", "agency__short_name", "agency__position", "confirmed_at", "mall_id"
    ):
        due = review_due_after(service.confirmed_at)
        if due is None:
            never.append((service, "unconfirmed"))
        elif due < today:
            overdue.append((service, "overdue"))
            overdue_by_agency[service.agency_id] = overdue_by_agency.get(service.agency_id, 0) + 1
    for agency in agency_qs:
        row: dict[str, Any] = dict(counts.get(agency.pk) or {})
        profile_due = review_due_after(agency.confirmed_at)
        overview.agencies.append(
            AgencyStatus(
                agency=agency,
                services=row.get("total", 0),
                confirmed=row.get("confirmed", 0),
                overdue=overdue_by_agency.get(agency.pk, 0),
                without_decree=row.get("without_decree", 0),
                open_questions=row.get("questions", 0),
                profile_confirmed=agency.confirmed_at is not None,
                profile_overdue=profile_due is not None and profile_due < today,
            )
        )
    overview.attention = overdue + never
    return overview
