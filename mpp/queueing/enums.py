"""Choice sets of the queue: ticket and booking states, channels, priority groups, timeline
events. The allowed ticket transitions live here too, so the domain and the tests share one
table."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    SERVING = "serving", _("Being served")
    DONE = "done", _("Finished")
    SKIPPED = "skipped", _("Did not come (skipped)")
    CANCELLED = "cancelled", _("Cancelled")


# Tickets that occupy a counter. A counter has at most one (a partial unique constraint).
AT_COUNTER = (TicketStatus.CALLED, TicketStatus.SERVING)

# The only moves a ticket may make. Transfer returns a called or served ticket to WAITING
# (for another service or counter); requeue brings a skipped citizen who turns up late back.
TICKET_TRANSITIONS: dict[str, set[str]] = {
    TicketStatus.WAITING: {TicketStatus.CALLED, TicketStatus.CANCELLED},
    TicketStatus.CALLED: {
        TicketStatus.CALLED,  # recall
        TicketStatus.SERVING,
        TicketStatus.SKIPPED,
        TicketStatus.WAITING,  # transfer
        TicketStatus.DONE,  # finish straight from the call (a quick question)
    },
    TicketStatus.SERVING: {TicketStatus.DONE, TicketStatus.WAITING},
    TicketStatus.SKIPPED: {TicketStatus.WAITING},
    TicketStatus.DONE: set(),
    TicketStatus.CANCELLED: set(),
}


class TicketChannel(models.TextChoices):
    KIOSK = "kiosk", _("Kiosk (walk-in)")
    BOOKING = "booking", _("Online booking")
    STAFF = "staff", _("Issued by staff")
    API = "api", _("API")


class PriorityGroup(models.TextChoices):
    """Groups the law protects (UU 25/2009 art. 29 and PP 96/2012: elderly, people with
    disabilities, pregnant women, children; parents carrying infants)."""

    NONE = "", _("None")
    ELDERLY = "elderly", _("Elderly (60+)")
    DISABILITY = "disability", _("Person with a disability")
    PREGNANT = "pregnant", _("Pregnant woman")
    INFANT = "infant", _("Parent with an infant")


class TicketEventKind(models.TextChoices):
    ISSUED = "issued", _("Ticket issued")
    CHECKED_IN = "checked_in", _("Checked in for a booking")
    CALLED = "called", _("Called")
    RECALLED = "recalled", _("Called again")
    STARTED = "started", _("Service started")
    FINISHED = "finished", _("Service finished")
    SKIPPED = "skipped", _("Did not come (skipped)")
    REQUEUED = "requeued", _("Back in the queue")
    TRANSFERRED = "transferred", _("Transferred")
    CANCELLED = "cancelled", _("Cancelled")
    NOTE = "note", _("Note")


# Events the display board announces.
CALL_EVENTS = (TicketEventKind.CALLED, TicketEventKind.RECALLED)


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CHECKED_IN = "checked_in", _("Checked in")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("Did not come (slot released)")


# Bookings that hold a seat in their slot.
ACTIVE_BOOKING = (BookingStatus.BOOKED, BookingStatus.CHECKED_IN)


class CounterState(models.TextChoices):
    OPEN = "open", _("Open")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", pgettext_lazy("counter state", "Closed")


class ContactChannel(models.TextChoices):
    """How a citizen following a ticket wants to hear from us."""

    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
