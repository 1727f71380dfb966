"""A citizen leaves a phone number to follow a ticket by WhatsApp or SMS.

The ticket page (and check-in of a booking with a phone number) attach a `TicketContact`: the
number in E.164, the channel chosen and the page's language. The queue then sends "your
number", "giliran Anda sebentar lagi" and "you are called" (mpp/queueing/notify.py).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mpp.audit.domain import record_event
from mpp.core.domain_events import TicketFollowed, emit
from mpp.core.phones import mask_phone, parse_phone
from mpp.queueing.domain.common import local_day, now_or
from mpp.queueing.domain.errors import ConflictError, QueueError
from mpp.queueing.enums import ContactChannel, TicketStatus
from mpp.queueing.models import Ticket, TicketContact

#: Tickets that can still be followed.
FOLLOWABLE = (TicketStatus.WAITING, TicketStatus.CALLED)


def follow_ticket(
    *,
    ticket: Ticket,
    phone: str,
    channel: str = ContactChannel.WHATSAPP,
    language: str = "id",
    now: datetime | None = None,
) -> TicketContact:
    """Attach the citizen's mobile number to `ticket` so they hear when their turn is near.

    Rules: the ticket is today's and still waiting (or just called); the number is a valid
    Indonesian number; the channel is WhatsApp or SMS. Leaving a number again replaces it.
    Side effects: the "your number" message with the ticket's live link is sent (once per
    ticket); an audit entry records that a number was left (masked).
    """
    now = now_or(now)
    if channel not in ContactChannel.values:
        raise QueueError(_("Choose WhatsApp or SMS."), field="channel")
    canonical = parse_phone(phone)
    if not canonical:
        raise QueueError(_("Enter a mobile number such as 0812 3456 7890."), field="phone")
    with transaction.atomic():
        fresh = Ticket.objects.select_for_update().select_related("mall").get(pk=ticket.pk)
        if fresh.status not in FOLLOWABLE or fresh.day != local_day(fresh.mall, now):
            raise ConflictError(
                _("This ticket is no longer in the queue, so there is nothing to follow."),
                field="phone",
            )
        contact, _created = TicketContact.objects.update_or_create(
            ticket=fresh,
            defaults={
                "phone": canonical,
                "channel": channel,
                "language": language if language in {"id", "en"} else "id",
                "created_at": now,
            },
        )
        record_event(
            action="queue.ticket_followed",
            obj=fresh,
            actor="citizen",
            data={"phone": mask_phone(canonical), "channel": channel},
        )
        # The "your number" message: queueing.notify subscribes (it reads the queue's
        # figures in queries.py, which sits above the domain).
        emit(TicketFollowed(mall_id=fresh.mall_id, ticket_id=fresh.pk, at=now))
    return contact


def follow_booked_ticket(*, ticket: Ticket, phone: str, now: datetime) -> TicketContact | None:
    """Check-in of a booking made with a phone number: the ticket is followed on that number
    (WhatsApp, falling back to SMS). Nothing happens for a number that is not usable."""
    canonical = parse_phone(phone)
    if not canonical:
        return None
    contact, _created = TicketContact.objects.update_or_create(
        ticket=ticket,
        defaults={
            "phone": canonical,
            "channel": ContactChannel.WHATSAPP,
            "language": "en" if get_language() == "en" else "id",
            "created_at": now,
        },
    )
    return contact
