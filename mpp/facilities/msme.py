"""MSME (UMKM) registration, curation and the fair booth rotation (docs/adr/0010-facilities.md).

Rotation rule — who has waited longest goes first: for each period, the approved MSMEs that
hold no booth in it are ordered by the end date of their last booth period (never had a booth
= waited longest, first), then by how many periods they have had (fewer first), then by
registration time, then by id; the first N take the N free MSME booths in booth-code order.
Deterministic, so the published calendar can be re-derived.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mpp.audit.domain import record_event
from mpp.core.clock import now_or
from mpp.core.enums import BoothKind
from mpp.core.models import Booth, Mall
from mpp.core.phones import normalise_phone
from mpp.facilities.domain import FacilityError
from mpp.facilities.enums import MsmeStatus
from mpp.facilities.models import BoothPeriod, Msme, MsmeProduct

_NIB = re.compile(r"^\d{13}$")
MAX_PRODUCTS = 20


def validate_nib(raw: str) -> str:
    nib = re.sub(r"\s", "", raw or "")
    if not _NIB.match(nib):
        raise FacilityError(_("The NIB has 13 digits."), field="nib")
    return nib


@dataclass(frozen=True)
class ProductIn:
    name: str
    price: int


def parse_products(text: str) -> list[ProductIn]:
    """One product a line, "name; price" (price in rupiah, dots allowed: 15.000)."""
    products = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, price = line.rpartition(";")
        digits = re.sub(r"[.\s]|^Rp", "", price.strip(), flags=re.IGNORECASE)
        if not sep or not name.strip() or not digits.isdigit() or int(digits) > 100_000_000:
            raise FacilityError(
                _('Line %(n)s: write "product name; price", for example "Keripik tempe; 15000".')
                % {"n": n},
                field="products",
            )
        products.append(ProductIn(name=name.strip()[:120], price=int(digits)))
    if not products:
        raise FacilityError(_("List at least one product with its price."), field="products")
    if len(products) > MAX_PRODUCTS:
        raise FacilityError(
            _("List at most %(n)s products.") % {"n": MAX_PRODUCTS}, field="products"
        )
    return products


def register_msme(
    *,
    mall: Mall,
    owner: Any,
    business_name: str,
    owner_name: str,
    nib: str,
    category: str,
    whatsapp: str,
    products: list[ProductIn],
    description: str = "",
    now: datetime | None = None,
) -> Msme:
    now = now_or(now)
    nib = validate_nib(nib)
    whatsapp = normalise_phone(whatsapp, field="whatsapp", error=FacilityError)
    business_name = (business_name or "").strip()[:120]
    owner_name = (owner_name or "").strip()[:120]
    if not business_name:
        raise FacilityError(_("Enter the business name."), field="business_name")
    if not owner_name:
        raise FacilityError(_("Enter the owner's name."), field="owner_name")
    with transaction.atomic():
        if Msme.objects.filter(mall=mall, nib=nib).exists():
            raise FacilityError(_("An MSME with this NIB is already registered."), field="nib")
        base = slugify(business_name)[:70] or "umkm"
        slug, n = base, 1
        while Msme.objects.filter(mall=mall, slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        msme = Msme.objects.create(
            mall=mall,
            owner=owner if getattr(owner, "is_authenticated", False) else None,
            slug=slug,
            business_name=business_name,
            owner_name=owner_name,
            nib=nib,
            category=category,
            description=(description or "").strip()[:2000],
            whatsapp=whatsapp,
            created_at=now,
        )
        _replace_products(msme, products)
        record_event(action="facilities.msme_registered", obj=msme, actor=owner)
    return msme


def _replace_products(msme: Msme, products: list[ProductIn]) -> None:
    msme.products.all().delete()
    MsmeProduct.objects.bulk_create(
        [
            MsmeProduct(msme=msme, name=p.name, price=p.price, position=i)
            for i, p in enumerate(products)
        ]
    )


def update_products(*, msme: Msme, user: Any, products: list[ProductIn]) -> Msme:
    if msme.owner_id is None or msme.owner_id != getattr(user, "pk", None):
        raise FacilityError(_("Only the owner can change this product list."), field="products")
    with transaction.atomic():
        _replace_products(msme, products)
        record_event(
            action="facilities.msme_products_updated",
            obj=msme,
            actor=user,
            data={"products": len(products)},
        )
    return msme


def review_msme(*, msme: Msme, approve: bool, actor: Any, note: str = "") -> Msme:
    """Staff curation: approve or reject (with a reason the owner sees)."""
    if not approve and not note.strip():
        raise FacilityError(_("Say why the registration is rejected."), field="note")
    with transaction.atomic():
        msme = Msme.objects.select_for_update().get(pk=msme.pk)
        old = msme.status
        msme.status = MsmeStatus.APPROVED if approve else MsmeStatus.REJECTED
        msme.review_note = note.strip()[:300]
        msme.save(update_fields=["status", "review_note"])
        record_event(
            action="facilities.msme_reviewed",
            obj=msme,
            actor=actor,
            data={"status": {"old": old, "new": msme.status}},
        )
    return msme


def msme_booths(mall: Mall) -> list[Booth]:
    return list(Booth.objects.filter(mall=mall, kind=BoothKind.MSME).order_by("code"))


def generate_rotation(
    *, mall: Mall, start: date, end: date, period_days: int, actor: Any = "system:rotation"
) -> list[BoothPeriod]:
    """Fill the MSME booths of `mall` from `start` to `end` (inclusive) with periods of
    `period_days` days (the last one may be shorter). Existing periods are kept; a booth or
    an MSME already busy in a period is skipped, so running it twice adds nothing."""
    if period_days < 1 or period_days > 366:
        raise FacilityError(_("A period lasts 1 to 366 days."), field="period_days")
    if end < start or (end - start).days > 400:
        raise FacilityError(_("Pick an end date after the start, at most 400 days on."), "end")
    created: list[BoothPeriod] = []
    with transaction.atomic():
        booths = msme_booths(mall)
        approved = list(Msme.objects.filter(mall=mall, status=MsmeStatus.APPROVED))
        last_end: dict[int, date | None] = {m.pk: None for m in approved}
        turns: dict[int, int] = {m.pk: 0 for m in approved}
        for row in (
            BoothPeriod.objects.filter(msme__in=approved, starts_on__lt=start)
            .values("msme_id")
            .annotate(last=Max("ends_on"), n=Count("pk"))
        ):
            last_end[row["msme_id"]] = row["last"]
            turns[row["msme_id"]] = row["n"]
        period_start = start
        while period_start <= end:
            period_end = min(period_start + timedelta(days=period_days - 1), end)
            busy = BoothPeriod.objects.filter(
                mall=mall, starts_on__lte=period_end, ends_on__gte=period_start
            )
            busy_booths = set(busy.values_list("booth_id", flat=True))
            busy_msmes = set()
            for msme_id, ends_on in busy.values_list("msme_id", "ends_on"):
                busy_msmes.add(msme_id)
                if msme_id in last_end:
                    last_end[msme_id] = max(last_end[msme_id] or ends_on, ends_on)
                    turns[msme_id] += 1
            free = [b for b in booths if b.pk not in busy_booths]
            waiting = sorted(
                (m for m in approved if m.pk not in busy_msmes),
                key=lambda m: (
                    last_end[m.pk] is not None,
                    last_end[m.pk] or date.min,
                    turns[m.pk],
                    m.created_at,
                    m.pk,
                ),
            )
            for booth, msme in zip(free, waiting, strict=False):
                created.append(
                    BoothPeriod.objects.create(
                        mall=mall,
                        booth=booth,
                        msme=msme,
                        starts_on=period_start,
                        ends_on=period_end,
                    )
                )
                last_end[msme.pk] = period_end
                turns[msme.pk] += 1
            period_start = period_end + timedelta(days=1)
        record_event(
            action="facilities.rotation_generated",
            mall_id=mall.pk,
            object_type="facilities.boothperiod",
            actor=actor,
            data={"start": start.isoformat(), "end": end.isoformat(), "periods": len(created)},
        )
    return created


def tenants_on(mall: Mall, day: date) -> Any:
    return (
        BoothPeriod.objects.filter(mall=mall, starts_on__lte=day, ends_on__gte=day)
        .select_related("booth", "msme")
        .prefetch_related("msme__products")
        .order_by("booth__code")
    )


def upcoming_periods(mall: Mall, day: date, limit: int = 60) -> Any:
    return (
        BoothPeriod.objects.filter(mall=mall, starts_on__gt=day)
        .select_related("booth", "msme")
        .order_by("starts_on", "booth__code")[:limit]
    )
