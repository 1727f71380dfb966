"""Counters, their schedules, tickets with their timeline, slots and bookings.

Thin on purpose: fields, constraints and small properties. Every write goes through
`mpp.queueing.domain`. The constraints are the safety net under the domain's locking: the
database itself refuses a duplicate number, a second current ticket at one counter, a slot
booked beyond its capacity and a second active booking of one person for one service and day.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import Agency, Service
from mpp.core.hours import validate_opening_hours
from mpp.core.models import Booth, Mall
from mpp.queueing.enums import (
    ACTIVE_BOOKING,
    AT_COUNTER,
    BookingStatus,
    ContactChannel,
    CounterState,
    PriorityGroup,
    TicketChannel,
    TicketEventKind,
    TicketStatus,
)

_PREFIX = re.compile(r"^[A-Z]{1,2}$")
#: The furthest a "your turn is near" message can be sent ahead (bounds the query at a call).
MAX_NOTIFY_AHEAD = 20
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def validate_prefix(value: str) -> None:
    if not _PREFIX.match(value or ""):
        raise ValidationError(_("A prefix is one or two capital letters, e.g. A or KB."))


def validate_breaks(value: object) -> None:
    """Breaks: a list of {"start": "12:00", "end": "13:00"} with optional "days": [0..6]."""
    if not isinstance(value, list):
        raise ValidationError(_("Breaks must be a list of periods."))
    for index, period in enumerate(value, start=1):
        if not isinstance(period, dict):
            raise ValidationError(_("Break %(n)s must be an object.") % {"n": index})
        start, end = period.get("start"), period.get("end")
        if not (isinstance(start, str) and _TIME.match(start)) or not (
            isinstance(end, str) and _TIME.match(end)
        ):
            raise ValidationError(_("Break %(n)s: times must look like 12:00.") % {"n": index})
        if start >= end:
            raise ValidationError(_("Break %(n)s: the end must be after the start.") % {"n": index})
        days = period.get("days", [0, 1, 2, 3, 4, 5, 6])
        if not isinstance(days, list) or not all(isinstance(d, int) and 0 <= d <= 6 for d in days):
            raise ValidationError(
                _("Break %(n)s: days must be weekday numbers 0 to 6.") % {"n": index}
            )


class QueueService(models.Model):
    """How one catalogue service is queued: its ticket prefix (shared by a group of services),
    whether walk-ins and bookings are taken, and its slot capacity."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, related_name="queue", verbose_name=_("service")
    )
    prefix = models.CharField(
        _("ticket prefix"),
        max_length=2,
        validators=[validate_prefix],
        help_text=_("Services that share a prefix share one number sequence (A-001, A-002 …)."),
    )
    walk_in_enabled = models.BooleanField(_("walk-in tickets"), default=True)
    booking_enabled = models.BooleanField(_("online booking"), default=False)
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30)
    slot_capacity = models.PositiveSmallIntegerField(
        _("visitors per slot per counter"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: no capacity limit for walk-ins and no online booking. Set: walk-ins and "
            "bookings draw on the same seats."
        ),
    )
    booking_share_percent = models.PositiveSmallIntegerField(
        _("share of each slot kept for bookings (%)"), default=50
    )
    booking_release_minutes = models.PositiveSmallIntegerField(
        _("release unbooked seats to walk-ins (minutes before the slot)"), default=30
    )
    checkin_early_minutes = models.PositiveSmallIntegerField(
        _("check-in opens (minutes before the slot)"), default=60
    )
    checkin_late_minutes = models.PositiveSmallIntegerField(
        _("check-in closes (minutes after the slot starts)"), default=15
    )
    booking_horizon_days = models.PositiveSmallIntegerField(_("bookable days ahead"), default=14)
    default_handling_minutes = models.PositiveSmallIntegerField(
        _("typical handling time (minutes)"),
        default=10,
        help_text=_("Used for the wait estimate until enough visits have been measured."),
    )
    notify_ahead = models.PositiveSmallIntegerField(
        _("'your turn is near' when this many are ahead"),
        default=3,
        validators=[MaxValueValidator(MAX_NOTIFY_AHEAD)],
        help_text=_(
            'A citizen who left a phone number gets "giliran Anda sebentar lagi" when this '
            "many people are ahead of them (0: only when called)."
        ),
    )

    class Meta:
        verbose_name = _("queue settings of a service")
        verbose_name_plural = _("queue settings of services")
        constraints = [
            models.CheckConstraint(
                condition=Q(booking_share_percent__lte=100), name="queue_share_at_most_100"
            ),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="queue_slot_min_5"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} · {self.service}"


class Counter(models.Model):
    """A loket: a desk of an agency where an officer serves a set of services."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="counters")
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="counters", verbose_name=_("agency")
    )
    number = models.PositiveSmallIntegerField(
        _("counter number"), help_text=_("Called out as 'loket 5'; unique in the mall.")
    )
    label = models.CharField(_("label"), max_length=120, blank=True)
    booth = models.ForeignKey(
        Booth,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counters",
        verbose_name=_("booth"),
    )
    services = models.ManyToManyField(Service, related_name="counters", verbose_name=_("services"))
    opening_hours = models.JSONField(
        _("opening hours"),
        default=list,
        blank=True,
        validators=[validate_opening_hours],
        help_text=_("Empty means the agency's (or the mall's) opening hours."),
    )
    breaks = models.JSONField(
        _("breaks"),
        default=list,
        blank=True,
        validators=[validate_breaks],
        help_text=_('For example [{"start": "12:00", "end": "13:00"}].'),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=CounterState, default=CounterState.OPEN
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counters_signed_in",
        verbose_name=_("signed-in officer"),
    )
    officer_since = models.DateTimeField(_("signed in since"), null=True, blank=True)
    # Consecutive priority calls at this counter: the fairness rule in domain.call_next.
    priority_streak = models.PositiveSmallIntegerField(default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        ordering = ["mall", "number"]
        constraints = [
            models.UniqueConstraint(fields=["mall", "number"], name="counter_number_unique"),
            # An officer is signed in at one counter at a time.
            models.UniqueConstraint(fields=["officer"], name="counter_one_per_officer"),
        ]

    def __str__(self) -> str:
        return f"Loket {self.number}" + (f" · {self.label}" if self.label else "")

    @property
    def floor(self) -> int:
        booth = self.booth or self.agency.booth
        return booth.floor if booth else 1


class DailySequence(models.Model):
    """The last number given for a (mall, prefix, local day). Incremented in the same
    transaction that inserts the ticket, so numbers are unique and without gaps."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=2)
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mall", "prefix", "day"], name="sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.day}: {self.last_number}"


class WaitingTally(models.Model):
    """How many tickets of a (mall, local day, service) are waiting, and how many of them have
    priority. Kept by database triggers on the ticket table (migration
    0003_waiting_tally), in the same transaction as every change of a ticket's status, service
    or priority, so it cannot drift from the tickets whichever code path (or the admin) changes
    them. The wait estimate reads it instead of counting the waiting tickets (issue 15: the
    work per ticket must not grow with the queue)."""

    # Read by the whole key (waiting_tally_unique), one service at a time. No index on a
    # single column: the mall's is the unique index's first, and one on the service alone
    # (the foreign key's default) holds every day of the service, which a generic plan
    # (prepared statements) may pick as the cheaper-looking one and then read a year of rows.
    # (service, day) serves the foreign key and is as exact as the unique index.
    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+", db_index=False)
    waiting = models.IntegerField(default=0)
    priority_waiting = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mall", "day", "service"], name="waiting_tally_unique")
        ]
        indexes = [models.Index(fields=["service", "day"], name="waiting_tally_service_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.service_id}: {self.waiting}"


class Slot(models.Model):
    """A time block of one service on one day with a number of seats. Walk-in tickets and
    bookings both take seats here, through one conditional update each."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="slots")
    day = models.DateField(_("service day"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("seats"))
    booking_reserved = models.PositiveSmallIntegerField(_("seats kept for bookings"), default=0)
    booked_count = models.PositiveSmallIntegerField(_("booked"), default=0)
    walk_in_count = models.PositiveSmallIntegerField(_("taken by walk-ins"), default=0)

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["service", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["service", "starts_at"], name="slot_unique"),
            models.CheckConstraint(
                condition=Q(booked_count__lte=F("capacity") - F("walk_in_count")),
                name="slot_never_over_capacity",
            ),
        ]
        indexes = [models.Index(fields=["service", "day", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.service_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.booked_count - self.walk_in_count)


class Ticket(models.Model):
    # Indexes cost every issued ticket and every change of status (each is written to all of
    # them): no index of its own on `mall` (ticket_queue_idx and ticket_number_unique lead
    # with it), and the unique codes are constraints, which on PostgreSQL do not add the
    # second, pattern-matching (LIKE) index `unique=True` adds to a text column (issue 11).
    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="tickets", db_index=False)
    code = models.CharField(_("public code"), max_length=12)
    day = models.DateField(_("service day"))
    prefix = models.CharField(_("prefix"), max_length=2)
    number = models.PositiveIntegerField(_("number"))
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("service")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=TicketChannel)
    priority = models.CharField(
        _("priority group"), max_length=12, choices=PriorityGroup, default="", blank=True
    )
    is_priority = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=TicketStatus, default=TicketStatus.WAITING
    )
    # Place in the line. Walk-ins: when issued. Bookings: the slot's start. Kept on transfer,
    # so a transferred citizen does not go to the back of the new line.
    queued_at = models.DateTimeField(_("in the queue since"))
    counter = models.ForeignKey(
        Counter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("counter"),
    )
    # Set by a transfer to one counter: only that counter may call the ticket.
    target_counter = models.ForeignKey(
        Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    slot = models.ForeignKey(Slot, on_delete=models.SET_NULL, null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    started_at = models.DateTimeField(_("service started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    call_count = models.PositiveSmallIntegerField(default=0)
    # Idempotency: a repeated kiosk tap or API retry with the same key gets the same ticket.
    # NULL when there is none: the key is unique (ticket_request_key_unique), "" would collide.
    request_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-day", "prefix", "number"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="ticket_code_unique"),
            models.UniqueConstraint(fields=["request_key"], name="ticket_request_key_unique"),
            models.UniqueConstraint(
                fields=["mall", "prefix", "day", "number"], name="ticket_number_unique"
            ),
            models.UniqueConstraint(
                fields=["counter"],
                condition=Q(status__in=[s.value for s in AT_COUNTER]),
                name="ticket_one_current_per_counter",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[s.value for s in AT_COUNTER]) | Q(counter__isnull=False),
                name="ticket_at_counter_has_counter",
            ),
        ]
        indexes = [
            # Each service's line in call order, to the id (the tie-break of equal
            # `queued_at`): the claim and the "your turn is near" line read its first rows
            # and stop, whatever the statistics say (issue 11).
            models.Index(
                fields=["mall", "day", "status", "service", "is_priority", "queued_at", "id"],
                name="ticket_queue_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"{self.prefix}-{self.number:03d}"


class TicketEvent(models.Model):
    """One line of a ticket's timeline: what happened, when, by whom, where."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    # No index of its own: ticket_event_board_idx leads with it (one index less per event).
    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    kind = models.CharField(_("event type"), max_length=12, choices=TicketEventKind)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("officer"),
    )
    counter = models.ForeignKey(
        Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["mall", "day", "kind"], name="ticket_event_board_idx")]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind} {self.at:%H:%M:%S}"


class TicketContact(models.Model):
    """The phone number a citizen left to follow their ticket (WhatsApp or SMS): kept apart
    from the ticket, which carries no personal data."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="contact")
    phone = models.CharField(_("mobile number"), max_length=20)
    channel = models.CharField(_("send by"), max_length=10, choices=ContactChannel)
    language = models.CharField(_("language"), max_length=5, default="id")
    created_at = models.DateTimeField(_("left at"))

    class Meta:
        verbose_name = _("ticket contact")
        verbose_name_plural = _("ticket contacts")

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.channel}"


class Booking(models.Model):
    """An online booking of a slot. The code is the citizen's key: whoever holds it may see,
    cancel, reschedule and check in; nothing else identifies the booking publicly."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="bookings")
    code = models.CharField(_("booking code"), max_length=12, unique=True)
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("service")
    )
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings")
    day = models.DateField(_("service day"))
    starts_at = models.DateTimeField(_("slot starts at"))
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus, default=BookingStatus.BOOKED
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # A keyed hash of the normalised phone number or NIK: enough to enforce per-person limits
    # without storing the NIK itself (UU 27/2022 data minimisation).
    person_key = models.CharField(max_length=64)
    priority = models.CharField(
        _("priority group"), max_length=12, choices=PriorityGroup, default="", blank=True
    )
    ticket = models.OneToOneField(
        Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="booking"
    )
    created_at = models.DateTimeField(_("booked at"))
    changed_at = models.DateTimeField(_("last changed"))

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person_key", "service", "day"],
                condition=Q(status__in=[s.value for s in ACTIVE_BOOKING]),
                name="booking_one_per_person_service_day",
            )
        ]
        indexes = [models.Index(fields=["mall", "status", "starts_at"])]

    def __str__(self) -> str:
        return self.code


class PersonDay(models.Model):
    """How many active bookings one person holds on one day (the anti-hoarding limit),
    incremented with a conditional update like a slot."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="+")
    person_key = models.CharField(max_length=64)
    day = models.DateField()
    active_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mall", "person_key", "day"], name="person_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.active_count}"


class KioskShortcut(models.Model):
    """A big button on the kiosk's first screen ("Layanan populer"): an everyday name such as
    "KTP-el" or "Pajak kendaraan" leading to the catalogue services it stands for. The mall
    manager chooses them in the admin; without any, the kiosk uses `queries.DEFAULT_SHORTCUTS`."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="kiosk_shortcuts")
    label = models.CharField(
        _("everyday name"), max_length=40, help_text=_("What people say, e.g. KTP-el, SIM, SKCK.")
    )
    hint = models.CharField(
        _("hint"), max_length=80, blank=True, help_text=_("One short line, e.g. new, lost, broken.")
    )
    services = models.ManyToManyField(
        Service, verbose_name=_("services"), related_name="kiosk_shortcuts"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("kiosk shortcut")
        verbose_name_plural = _("kiosk shortcuts (popular services)")
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label
