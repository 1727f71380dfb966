"""Messages of the queue to citizens: their ticket and their booking.

Tickets with a phone number (left on the ticket page, or the booking's at check-in):
"your number" with the live link, "giliran Anda sebentar lagi" when `notify_ahead` people (per
service) are ahead of them, and "you are called" with the counter and its place. Bookings with a
phone number: confirmation, a new time, cancellation, and reminders the day before and one hour
before (`queue_booking_reminders`, run by `manage.py send_booking_reminders`).

The subscribers run inside the transaction of the change (mpp.core.domain_events) and only
write outbox rows; mpp.notifications sends them after commit, once per (ticket or booking,
event) thanks to the dedupe keys.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _

from mpp.core import domain_events as ev
from mpp.core.formatting import zone_abbreviation
from mpp.feedback.enums import InvitationChannel
from mpp.feedback.notify import SurveyRecipient, register_survey_recipients
from mpp.notifications.domain import cancel_notifications, end_of_local_day, notify
from mpp.notifications.kinds import MessageKind, Placeholder, register
from mpp.notifications.policy import quiet_until
from mpp.queueing import queries
from mpp.queueing.domain import calls
from mpp.queueing.domain.common import local_day, mall_zone
from mpp.queueing.enums import BookingStatus, ContactChannel
from mpp.queueing.models import Booking, Counter, Ticket, TicketContact

_NUMBER = Placeholder("number", gettext_lazy("ticket number"), "B-012")
_SERVICE = Placeholder("service", gettext_lazy("service"), gettext_lazy("KTP-el"))
_URL = Placeholder("url", gettext_lazy("link"), "https://mpp.ngawikab.go.id/t/7KQ2M9XP")
_PLACE = Placeholder(
    "place", gettext_lazy("where (booth, floor)"), gettext_lazy("booth A3, floor 1")
)
_CODE = Placeholder("code", gettext_lazy("booking code"), "H4T9QK2M")
_WHEN = Placeholder(
    "when", gettext_lazy("date and time"), gettext_lazy("Monday 7 December 2026, 09.00 WIB")
)

TICKET_ISSUED = MessageKind(
    key="ticket_issued",
    label=gettext_lazy("Ticket: your number"),
    text=gettext_lazy(
        "MPP: your queue number is {number} for {service}. People ahead of you: {ahead}. "
        "Follow your turn here: {url}"
    ),
    subject=gettext_lazy("Your queue number {number}"),
    placeholders=(
        _NUMBER,
        _SERVICE,
        Placeholder("ahead", gettext_lazy("people ahead"), "7"),
        _URL,
    ),
    urgent=True,
)
TICKET_NEAR = MessageKind(
    key="ticket_near",
    label=gettext_lazy("Ticket: your turn is near"),
    text=gettext_lazy(
        "Your turn is near: number {number} for {service}. People ahead of you: {ahead}. "
        "Please come back to the waiting area, {place}. {url}"
    ),
    subject=gettext_lazy("Your turn is near: {number}"),
    placeholders=(
        _NUMBER,
        _SERVICE,
        Placeholder("ahead", gettext_lazy("people ahead"), "3"),
        _PLACE,
        _URL,
    ),
    urgent=True,
)
TICKET_CALLED = MessageKind(
    key="ticket_called",
    label=gettext_lazy("Ticket: you are called"),
    text=gettext_lazy(
        "Number {number} is called to counter {counter}, {place}. Please go there now."
    ),
    subject=gettext_lazy("Number {number}: counter {counter}"),
    placeholders=(_NUMBER, Placeholder("counter", gettext_lazy("counter"), "5"), _PLACE),
    urgent=True,
)
BOOKING_CONFIRMED = MessageKind(
    key="booking_confirmed",
    label=gettext_lazy("Booking: confirmation"),
    text=gettext_lazy(
        "MPP: your visit for {service} is booked for {when}. Booking code {code}: check in at "
        "the kiosk when you arrive. See or change it: {url}"
    ),
    subject=gettext_lazy("Your booking {code}"),
    placeholders=(_SERVICE, _WHEN, _CODE, _URL),
)
BOOKING_RESCHEDULED = MessageKind(
    key="booking_rescheduled",
    label=gettext_lazy("Booking: moved to another time"),
    text=gettext_lazy(
        "MPP: your visit for {service} has been moved to {when}. Booking code {code}. {url}"
    ),
    subject=gettext_lazy("Your booking {code} has a new time"),
    placeholders=(_SERVICE, _WHEN, _CODE, _URL),
)
BOOKING_CANCELLED = MessageKind(
    key="booking_cancelled",
    label=gettext_lazy("Booking: cancellation"),
    text=gettext_lazy(
        "MPP: your booking {code} for {service} on {when} is cancelled. "
        "You can book another time here: {url}"
    ),
    subject=gettext_lazy("Your booking {code} is cancelled"),
    placeholders=(_CODE, _SERVICE, _WHEN, _URL),
)
BOOKING_REMINDER_DAY = MessageKind(
    key="booking_reminder_day",
    label=gettext_lazy("Booking: reminder the day before"),
    text=gettext_lazy(
        "Reminder from MPP: tomorrow, {when}, your visit for {service}. Booking code {code}. "
        "Bring the requirements listed here: {url}"
    ),
    subject=gettext_lazy("Tomorrow: your visit for {service}"),
    placeholders=(_WHEN, _SERVICE, _CODE, _URL),
)
BOOKING_REMINDER_HOUR = MessageKind(
    key="booking_reminder_hour",
    label=gettext_lazy("Booking: reminder one hour before"),
    text=gettext_lazy(
        "Reminder from MPP: your visit for {service} is today at {time}. Check in at the kiosk "
        "with code {code}. {url}"
    ),
    subject=gettext_lazy("Today at {time}: your visit for {service}"),
    placeholders=(_SERVICE, Placeholder("time", gettext_lazy("time"), "09.00 WIB"), _CODE, _URL),
    urgent=True,
)
KINDS = (
    TICKET_ISSUED,
    TICKET_NEAR,
    TICKET_CALLED,
    BOOKING_CONFIRMED,
    BOOKING_RESCHEDULED,
    BOOKING_CANCELLED,
    BOOKING_REMINDER_DAY,
    BOOKING_REMINDER_HOUR,
)
REMINDER_KINDS = (BOOKING_REMINDER_DAY.key, BOOKING_REMINDER_HOUR.key)
#: A booking made less than this before its time gets no "one hour before" reminder (its
#: confirmation is fresh); one made on the day before gets no "day before" reminder.
HOUR_REMINDER_MIN_NOTICE = timedelta(hours=2)


def _url(name: str, code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=[code])


def _channels(contact: TicketContact) -> list[str]:
    # WhatsApp falls back to SMS; a citizen who chose SMS gets SMS only.
    if contact.channel == ContactChannel.WHATSAPP:
        return [ContactChannel.WHATSAPP, ContactChannel.SMS]
    return [ContactChannel.SMS]


def _contact(ticket: Ticket) -> TicketContact | None:
    try:
        return ticket.contact
    except TicketContact.DoesNotExist:
        return None


def _place(counter: Counter | None, language: str) -> str:
    if counter is None:
        return ""
    booth = counter.booth or counter.agency.booth
    with override(language):
        if booth is None:
            return _("floor %(floor)s") % {"floor": counter.floor}
        return _("booth %(booth)s, floor %(floor)s") % {"booth": booth.code, "floor": booth.floor}


def _service_name(service: Any, language: str) -> str:
    return (service.name_en or service.name) if language == "en" else service.name


def _when(mall: Any, moment: datetime, language: str, *, with_date: bool = True) -> str:
    zone = mall_zone(mall)
    local = moment.astimezone(zone)
    with override(language):
        clock = f"{local:%H.%M} {zone_abbreviation(zone.key)}"
        if not with_date:
            return clock
        return f"{formats.date_format(local, 'l j F Y')}, {clock}"


def send_ticket_issued(ticket: Ticket, *, now: datetime | None = None) -> None:
    """ "Your number" with the live link and the people ahead (once per ticket)."""
    contact = _contact(ticket)
    if contact is None:
        return
    now = now or timezone.now()
    ahead = queries.estimate_wait(ticket.service, ticket=ticket, now=now).ahead
    notify(
        kind=TICKET_ISSUED.key,
        mall=ticket.mall,
        context={
            "number": ticket.display_number,
            "service": _service_name(ticket.service, contact.language),
            "ahead": ahead,
            "url": _url("queueing:short", ticket.code),
        },
        dedupe_key=f"ticket:{ticket.pk}:issued",
        phone=contact.phone,
        obj=ticket,
        language=contact.language,
        channels=_channels(contact),
        expires_at=end_of_local_day(ticket.mall, now),
    )


def on_ticket_issued(event: ev.TicketIssued) -> None:
    if not event.has_contact:
        # A kiosk walk-in without a phone: nothing to send, no query (2.2x tickets/s).
        return
    ticket = (
        Ticket.objects.select_related("contact", "service", "mall")
        .filter(pk=event.ticket_id)
        .first()
    )
    if ticket is not None and _contact(ticket) is not None:
        send_ticket_issued(ticket)


def on_ticket_followed(event: ev.TicketFollowed) -> None:
    ticket = (
        Ticket.objects.select_related("contact", "service", "mall")
        .filter(pk=event.ticket_id)
        .first()
    )
    if ticket is not None:
        send_ticket_issued(ticket, now=event.at)


def on_ticket_called(event: ev.TicketCalled) -> None:
    """The called citizen hears where to go; those now `notify_ahead` or fewer places from
    the front of this counter's line hear that their turn is near (each once per ticket).

    This runs at every call (issue 11), and most tickets have no contact: the line is read as
    (id, has a contact, notify_ahead) only, and the counter, the called ticket and the
    tickets to message are read only when someone is to be messaged."""
    now = timezone.now()
    line = _line(event, now)
    near = [
        (ahead, pk)
        for ahead, (pk, has_contact, notify_ahead) in enumerate(line)
        if has_contact and notify_ahead and ahead <= notify_ahead
    ]
    if not event.has_contact and not near:
        return
    counter = (
        Counter.objects.select_related("mall", "booth", "agency__booth")
        .filter(pk=event.counter_id)
        .first()
    )
    if counter is None:
        return
    expires = end_of_local_day(counter.mall, now)
    called = (
        Ticket.objects.select_related("contact", "service").filter(pk=event.ticket_id).first()
        if event.has_contact
        else None
    )
    contact = _contact(called) if called is not None else None
    if called is not None and contact is not None:
        notify(
            kind=TICKET_CALLED.key,
            mall=counter.mall,
            context={
                "number": called.display_number,
                "counter": counter.number,
                "place": _place(counter, contact.language),
            },
            dedupe_key=f"ticket:{called.pk}:called:{counter.pk}",
            phone=contact.phone,
            obj=called,
            language=contact.language,
            channels=_channels(contact),
            expires_at=expires,
        )
    waiting_by_pk = Ticket.objects.select_related("contact", "service").in_bulk(
        [pk for _ahead, pk in near]
    )
    for ahead, pk in near:
        waiting = waiting_by_pk.get(pk)
        contact = _contact(waiting) if waiting is not None else None
        if waiting is None or contact is None:
            continue
        notify(
            kind=TICKET_NEAR.key,
            mall=counter.mall,
            context={
                "number": waiting.display_number,
                "service": _service_name(waiting.service, contact.language),
                "ahead": ahead,
                "place": _place(counter, contact.language),
                "url": _url("queueing:short", waiting.code),
            },
            dedupe_key=f"ticket:{waiting.pk}:near",
            phone=contact.phone,
            obj=waiting,
            language=contact.language,
            channels=_channels(contact),
            expires_at=expires,
        )


def _line(event: ev.TicketCalled, now: datetime) -> list[tuple[int, bool, int | None]]:
    """The counter's line (see `calls.line_of_counter`): the mall's zone and the counter's
    services come from process caches, so nothing but the line itself is read."""
    line = calls.counter_line(event.counter_id)
    # Nobody further down than the largest `notify_ahead` of the counter's services is told.
    return calls.line_of_counter(
        counter_id=event.counter_id,
        mall_id=event.mall_id,
        day=local_day(calls.mall_of(event.mall_id), now),
        service_ids=line.service_ids,
        limit=line.notify_ahead + 1 if line.notify_ahead else 0,
    )


def _booking(booking_id: int) -> Booking | None:
    return Booking.objects.select_related("service", "mall").filter(pk=booking_id).first()


def _booking_message(
    booking: Booking,
    kind: MessageKind,
    dedupe_key: str,
    *,
    language: str,
    expires_at: datetime | None = None,
) -> None:
    if not booking.phone:
        return
    url_name = "queueing:book" if kind is BOOKING_CANCELLED else "queueing:booking"
    url = (
        settings.SITE_URL.rstrip("/") + reverse(url_name)
        if kind is BOOKING_CANCELLED
        else _url(url_name, booking.code)
    )
    notify(
        kind=kind.key,
        mall=booking.mall,
        context={
            "service": _service_name(booking.service, language),
            "when": _when(booking.mall, booking.starts_at, language),
            "time": _when(booking.mall, booking.starts_at, language, with_date=False),
            "code": booking.code,
            "url": url,
        },
        dedupe_key=dedupe_key,
        phone=booking.phone,
        obj=booking,
        language=language,
        channels=[ContactChannel.WHATSAPP, ContactChannel.SMS],
        expires_at=expires_at,
    )


def _request_language() -> str:
    # Subscribers run in the citizen's request: the page's language is theirs.
    return "en" if get_language() == "en" else "id"


def _slot_key(booking: Booking) -> str:
    return f"{booking.starts_at:%Y%m%d%H%M}"


def on_booking_created(event: ev.BookingCreated) -> None:
    booking = _booking(event.booking_id)
    if booking is not None:
        _booking_message(
            booking,
            BOOKING_CONFIRMED,
            f"booking:{booking.pk}:confirmed",
            language=_request_language(),
            expires_at=booking.starts_at,
        )


def on_booking_rescheduled(event: ev.BookingRescheduled) -> None:
    booking = _booking(event.booking_id)
    if booking is None:
        return
    cancel_notifications(obj=booking, kinds=REMINDER_KINDS)
    _booking_message(
        booking,
        BOOKING_RESCHEDULED,
        f"booking:{booking.pk}:moved:{_slot_key(booking)}",
        language=_request_language(),
        expires_at=booking.starts_at,
    )


def on_booking_cancelled(event: ev.BookingCancelled) -> None:
    booking = _booking(event.booking_id)
    if booking is None:
        return
    cancel_notifications(
        obj=booking, kinds=(*REMINDER_KINDS, BOOKING_CONFIRMED.key, BOOKING_RESCHEDULED.key)
    )
    _booking_message(
        booking,
        BOOKING_CANCELLED,
        f"booking:{booking.pk}:cancelled",
        language=_request_language(),
    )


def queue_booking_reminders(*, now: datetime | None = None) -> dict[str, int]:
    """Queue the reminders that are due; safe to run as often as wanted (every few minutes).

    - one hour before: active bookings starting within the next hour, booked at least two
      hours before their time;
    - the day before: active bookings of tomorrow (local day) booked before today, sent only
      outside quiet hours (a "day before" reminder that would wait for the morning would come
      on the day itself).
    Each reminder is sent once per booking and time (a moved booking is reminded of its new
    time). Returns how many of each were queued (not counting ones queued before).
    """
    now = now or timezone.now()
    counts = {"hour": 0, "day": 0}
    active = Booking.objects.filter(status=BookingStatus.BOOKED).exclude(phone="")
    soon = active.filter(
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=1),
        created_at__lte=F("starts_at") - HOUR_REMINDER_MIN_NOTICE,
    ).select_related("service", "mall")
    for booking in soon.iterator():
        with transaction.atomic():
            counts["hour"] += _remind(booking, BOOKING_REMINDER_HOUR, "hour")
    malls = active.filter(starts_at__gt=now).values_list("mall_id", flat=True).distinct()
    for mall_id in list(malls):
        first = active.filter(mall_id=mall_id).select_related("mall").first()
        if first is None:
            continue
        zone = mall_zone(first.mall)
        if quiet_until(now, zone) is not None:
            continue
        today = now.astimezone(zone).date()
        start_of_today = datetime.combine(today, time(0, 0), tzinfo=zone)
        tomorrow = active.filter(
            mall_id=mall_id, day=today + timedelta(days=1), created_at__lt=start_of_today
        ).select_related("service", "mall")
        for booking in tomorrow.iterator():
            with transaction.atomic():
                counts["day"] += _remind(booking, BOOKING_REMINDER_DAY, "day")
    return counts


def _remind(booking: Booking, kind: MessageKind, label: str) -> int:
    from mpp.notifications.models import Notification

    key = f"booking:{booking.pk}:reminder-{label}:{_slot_key(booking)}"
    if Notification.objects.filter(dedupe_key=key).exists():
        return 0
    _booking_message(booking, kind, key, language="id", expires_at=booking.starts_at)
    return int(Notification.objects.filter(dedupe_key=key).exists())


def survey_recipient(ticket_id: int) -> SurveyRecipient | None:
    """The phone a finished ticket was followed on, for its survey invitation (the feedback
    app sends it; it cannot read tickets itself)."""
    contact = TicketContact.objects.filter(ticket_id=ticket_id).first()
    if contact is None:
        return None
    return SurveyRecipient(
        phone=contact.phone, language=contact.language, channels=_channels(contact)
    )


def subscribe() -> None:
    register(*KINDS)
    register_survey_recipients(InvitationChannel.TICKET, survey_recipient)
    ev.subscribe(ev.TicketIssued, on_ticket_issued)
    ev.subscribe(ev.TicketFollowed, on_ticket_followed)
    ev.subscribe(ev.TicketCalled, on_ticket_called)
    ev.subscribe(ev.BookingCreated, on_booking_created)
    ev.subscribe(ev.BookingRescheduled, on_booking_rescheduled)
    ev.subscribe(ev.BookingCancelled, on_booking_cancelled)
