"""Co-working rooms and desks with their bookings; MSME (UMKM) tenants, their products and
their periods in the mall's MSME booths."""

from __future__ import annotations

from datetime import date, time

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.db import models
from django.db.models import Func, Q
from django.utils.translation import gettext_lazy as _

from mpp.core.models import Booth, Mall
from mpp.core.opening import day_periods
from mpp.core.phones import phone_digits
from mpp.facilities.enums import (
    FREE_STATUSES,
    MsmeCategory,
    MsmeStatus,
    RoomBookingStatus,
    RoomKind,
)


class Room(models.Model):
    """A bookable room or desk of the mall's co-working space."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="rooms")
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=RoomKind, default=RoomKind.MEETING)
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"), default=1)
    equipment = models.TextField(_("equipment"), blank=True, help_text=_("One item per line."))
    house_rules = models.TextField(_("house rules"), blank=True, help_text=_("One per line."))
    photo = models.ImageField(_("photo"), upload_to="facilities/rooms/", blank=True)
    opens_at = models.TimeField(_("opens at"), default=time(8, 0))
    closes_at = models.TimeField(_("closes at"), default=time(16, 0))
    open_weekdays = models.JSONField(
        _("open on weekdays"), default=list, help_text=_("0 = Monday … 6 = Sunday.")
    )
    follows_mall_hours = models.BooleanField(
        _("follows the mall's hours"),
        default=True,
        help_text=_(
            "Bookable only while the mall is open (its weekly hours, holidays, cuti bersama and "
            "closure days). Untick for a room with its own hours."
        ),
    )
    min_minutes = models.PositiveSmallIntegerField(_("shortest booking (minutes)"), default=30)
    max_minutes = models.PositiveSmallIntegerField(_("longest booking (minutes)"), default=240)
    horizon_days = models.PositiveSmallIntegerField(_("bookable days ahead"), default=14)
    weekly_limit = models.PositiveSmallIntegerField(_("bookings per person per week"), default=3)
    grace_minutes = models.PositiveSmallIntegerField(
        _("check-in grace period (minutes)"), default=15
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("room or desk")
        verbose_name_plural = _("rooms and desks")
        ordering = ["mall", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["mall", "slug"], name="room_slug_unique_per_mall"),
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")), name="room_opens_before_close"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def equipment_list(self) -> list[str]:
        return [line.strip() for line in self.equipment.splitlines() if line.strip()]

    @property
    def rule_list(self) -> list[str]:
        return [line.strip() for line in self.house_rules.splitlines() if line.strip()]

    def is_open_on(self, weekday: int) -> bool:
        return weekday in (self.open_weekdays or [0, 1, 2, 3, 4])

    def open_intervals(self, day: date) -> list[tuple[int, int]]:
        """The room's bookable intervals on `day` in minutes after midnight: its own hours,
        inside the mall's hours and calendar when it follows them (ADR 0018)."""
        if not self.is_open_on(day.weekday()):
            return []
        own = (
            self.opens_at.hour * 60 + self.opens_at.minute,
            self.closes_at.hour * 60 + self.closes_at.minute,
        )
        if not self.follows_mall_hours:
            return [own]
        mall_periods = day_periods(self.mall, day)
        if mall_periods is None:
            return [own]
        clipped = [(max(own[0], lo), min(own[1], hi)) for lo, hi in mall_periods]
        return [(lo, hi) for lo, hi in clipped if lo < hi]


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = models.DateTimeField()  # only used inside the PostgreSQL constraint


# Added by migration 0001 on PostgreSQL only (see there); kept here so it is defined once.
ROOM_NO_OVERLAP = ExclusionConstraint(
    name="room_booking_no_overlap",
    expressions=[
        (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
        ("room", RangeOperators.EQUAL),
    ],
    condition=~Q(status__in=[s.value for s in FREE_STATUSES]),
)


class RoomBooking(models.Model):
    """A booking of a room for [starts_at, ends_at), or a staff block-out (user empty)."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="room_bookings")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="room_bookings",
    )
    code = models.CharField(_("booking code"), max_length=12, unique=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"), max_length=20, choices=RoomBookingStatus, default=RoomBookingStatus.BOOKED
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"))
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("room booking")
        verbose_name_plural = _("room bookings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["room", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")), name="room_booking_positive_span"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.room}"

    @property
    def is_active(self) -> bool:
        return self.status not in FREE_STATUSES


class Msme(models.Model):
    """A local micro, small or medium enterprise that applies for a booth period."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="msmes")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="msmes",
    )
    slug = models.SlugField(_("slug"), max_length=80)
    business_name = models.CharField(_("business name"), max_length=120)
    owner_name = models.CharField(_("owner's name"), max_length=120)
    nib = models.CharField(
        _("NIB (business identification number)"), max_length=13, help_text=_("13 digits")
    )
    category = models.CharField(_("category"), max_length=20, choices=MsmeCategory)
    description = models.TextField(_("description"), blank=True)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=20)
    photo = models.ImageField(_("photo"), upload_to="facilities/msme/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MsmeStatus, default=MsmeStatus.PENDING
    )
    review_note = models.CharField(_("review note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("registered at"))

    class Meta:
        verbose_name = _("MSME")
        verbose_name_plural = _("MSMEs")
        ordering = ["business_name"]
        constraints = [
            models.UniqueConstraint(fields=["mall", "slug"], name="msme_slug_unique_per_mall"),
            models.UniqueConstraint(fields=["mall", "nib"], name="msme_nib_unique_per_mall"),
        ]

    def __str__(self) -> str:
        return self.business_name

    @property
    def whatsapp_link(self) -> str:
        return f"https://wa.me/{phone_digits(self.whatsapp)}"  # wa.me takes digits only


class MsmeProduct(models.Model):
    msme = models.ForeignKey(Msme, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("product"), max_length=120)
    price = models.PositiveIntegerField(_("price (Rp)"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("MSME product")
        verbose_name_plural = _("MSME products")
        ordering = ["msme", "position", "name"]

    def __str__(self) -> str:
        return f"{self.name} · Rp{self.price}"


class BoothPeriod(models.Model):
    """One MSME in one MSME booth from starts_on to ends_on (both inclusive)."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="booth_periods")
    booth = models.ForeignKey(Booth, on_delete=models.PROTECT, related_name="msme_periods")
    msme = models.ForeignKey(Msme, on_delete=models.PROTECT, related_name="periods")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        verbose_name = _("booth period")
        verbose_name_plural = _("booth periods")
        ordering = ["starts_on", "booth__code"]
        constraints = [
            models.UniqueConstraint(fields=["booth", "starts_on"], name="booth_period_unique"),
            models.UniqueConstraint(fields=["msme", "starts_on"], name="msme_one_booth_at_once"),
            models.CheckConstraint(
                condition=Q(starts_on__lte=models.F("ends_on")), name="booth_period_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.booth.code} · {self.msme} · {self.starts_on}–{self.ends_on}"
