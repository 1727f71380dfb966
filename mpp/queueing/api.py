"""Queue API. operationIds: list_counters, list_slots, book_visit, cancel_booking, check_in,
issue_ticket, get_ticket, call_next, recall_ticket, skip_ticket, start_service,
finish_service, transfer_ticket, display_state (plus get_booking, reschedule_booking).

Public operations need no sign-in; a booking or ticket is reached only by its random code.
Staff operations need a token (`Authorization: Bearer …`, from `manage.py issue_api_token`)
or a staff session, and act only on the counter where that officer is signed in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Header, Query, Router
from ninja.responses import Status

from mpp.accounts.access import STAFF_AUTH
from mpp.catalog.models import Service
from mpp.core import fairuse
from mpp.core.models import Mall
from mpp.core.schemas import ERRORS, SIGNED_IN_ERRORS
from mpp.core.tenancy import mall_or_404
from mpp.queueing import booking_codes, domain, queries
from mpp.queueing.domain import NotFoundError
from mpp.queueing.enums import AT_COUNTER, TicketChannel
from mpp.queueing.models import Booking, Counter, Ticket
from mpp.queueing.schemas import (
    BookIn,
    BookingCodeIn,
    BookingOut,
    CallOut,
    CallQuery,
    CounterOut,
    DisplayOut,
    IssueIn,
    RescheduleIn,
    SentOut,
    SlotOut,
    SlotQuery,
    TicketOut,
    TransferIn,
)

router = Router(tags=["queue"])
staff_auth = STAFF_AUTH


def _mall(request: HttpRequest) -> Mall:
    """The request's mall, through the queue's cached resolver (every operation needs it)."""
    return mall_or_404(request, queries.request_mall)


def _service(mall: Mall, slug: str) -> Service:
    service = queries.queue_service(mall.pk, slug)
    if service is None:
        raise NotFoundError(_("There is no service with that name here."), field="service")
    return service


def _ticket(mall: Mall, code: str) -> Ticket:
    ticket = (
        Ticket.objects.select_related("service__agency", "service__mall", "counter")
        .filter(mall=mall, code=domain.normalise_code(code))
        .first()
    )
    if ticket is None:
        raise NotFoundError(_("There is no ticket with that code."), field="code")
    return ticket


def _booking(mall: Mall, code: str) -> Booking:
    booking = (
        Booking.objects.select_related("service__queue", "service__mall")
        .filter(mall=mall, code=domain.normalise_code(code))
        .first()
    )
    if booking is None:
        raise NotFoundError(_("There is no booking with that code."), field="code")
    return booking


def _counter(mall: Mall, number: int) -> Counter:
    counter = Counter.objects.select_related("mall").filter(mall=mall, number=number).first()
    if counter is None:
        raise NotFoundError(_("There is no counter with that number."), field="counter")
    return counter


def ticket_out(ticket: Ticket, *, with_wait: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": ticket.code,
        "number": ticket.display_number,
        "status": ticket.status,
        "service": ticket.service.name,
        "agency": ticket.service.agency.short_name,
        "priority": ticket.priority,
        "counter": ticket.counter.number
        if ticket.counter_id and ticket.status in AT_COUNTER and ticket.counter
        else None,
        "issued_at": ticket.issued_at,
        "url": reverse("queueing:ticket", args=[ticket.code]),
        "wait": None,
    }
    if with_wait and ticket.status == "waiting":
        out["wait"] = queries.estimate_wait(
            ticket.service, ticket=ticket, counts=getattr(ticket, "also", None)
        ).as_dict()
    return out


def booking_out(booking: Booking) -> dict[str, Any]:
    opens, closes = domain.checkin_window(booking, booking.service.queue)
    return {
        "code": booking.code,
        "service": booking.service.name,
        "status": booking.status,
        "starts_at": booking.starts_at,
        "checkin_opens": opens,
        "checkin_closes": closes,
        "ticket": booking.ticket.code if booking.ticket_id and booking.ticket else None,
        "url": reverse("queueing:booking", args=[booking.code]),
    }


@router.get(
    "/queue/counters", response={200: list[CounterOut], **ERRORS}, operation_id="list_counters"
)
def list_counters(request: HttpRequest) -> Any:
    """Counters of the mall with their services and the username of the signed-in officer."""
    mall = _mall(request)
    counters = (
        Counter.objects.filter(mall=mall, is_active=True)
        .select_related("agency", "officer", "booth", "agency__booth")
        .prefetch_related("services__queue")
        .order_by("number")
    )
    return [
        {
            "number": c.number,
            "label": c.label,
            "agency": {"slug": c.agency.slug, "short_name": c.agency.short_name},
            "floor": c.floor,
            "state": c.state,
            "officer": c.officer.get_username() if c.officer else None,
            "services": sorted(
                (
                    {
                        "slug": s.slug,
                        "name": s.name,
                        "prefix": getattr(getattr(s, "queue", None), "prefix", ""),
                    }
                    for s in c.services.all()
                ),
                key=lambda item: (item["prefix"], item["name"]),
            ),
        }
        for c in counters
    ]


@router.get("/queue/slots", response={200: list[SlotOut], **ERRORS}, operation_id="list_slots")
def list_slots(request: HttpRequest, filters: Query[SlotQuery]) -> Any:
    """Bookable slots of a service on a day, with free seats (walk-ins already counted)."""
    service = _service(_mall(request), filters.service)
    slots = queries.available_slots(service, filters.date)
    return [
        {"starts_at": s.starts_at, "ends_at": s.ends_at, "capacity": s.capacity, "free": s.free}
        for s in slots
    ]


@router.post("/queue/bookings", response={201: BookingOut, **ERRORS}, operation_id="book_visit")
def book_visit(request: HttpRequest, payload: BookIn) -> Any:
    """Book a slot. Give the mobile number and the code sent to it by `send_booking_code`
    (limits: one booking per service and day, two per day, a few still to come). Keep the
    returned code: it is the only way to the booking."""
    service = _service(_mall(request), payload.service)
    fairuse.check(request, "booking", contact=payload.phone or payload.nik or "")
    booking_codes.check_code(payload.phone, payload.code)
    booking = domain.book_visit(
        service=service,
        starts_at=payload.starts_at,
        phone=payload.phone,
        nik=payload.nik,
        name=payload.name,
        priority=payload.priority if payload.priority in {"", *_priorities()} else "",
    )
    return Status(201, booking_out(booking))


def _priorities() -> set[str]:
    from mpp.queueing.enums import PriorityGroup

    return {p for p in PriorityGroup.values if p}


@router.post(
    "/queue/bookings/code",
    response={202: SentOut, **ERRORS},
    operation_id="send_booking_code",
)
def send_booking_code(request: HttpRequest, payload: BookingCodeIn) -> Any:
    """Send a one-time code by SMS to the mobile number; `book_visit` needs it (10 minutes)."""
    fairuse.check(request, "otp", contact=payload.phone)
    booking_codes.send_code(payload.phone)
    return Status(202, {"detail": _("We sent a code to your phone. It is valid for 10 minutes.")})


@router.get(
    "/queue/bookings/{code}", response={200: BookingOut, **ERRORS}, operation_id="get_booking"
)
def get_booking(request: HttpRequest, code: str) -> Any:
    return booking_out(_booking(_mall(request), code))


@router.post(
    "/queue/bookings/{code}/cancel",
    response={200: BookingOut, **ERRORS},
    operation_id="cancel_booking",
)
def cancel_booking(request: HttpRequest, code: str) -> Any:
    """Cancel a booking by its code; its seat is freed at once."""
    booking = domain.cancel_booking(booking=_booking(_mall(request), code))
    return booking_out(booking)


@router.post(
    "/queue/bookings/{code}/reschedule",
    response={200: BookingOut, **ERRORS},
    operation_id="reschedule_booking",
)
def reschedule_booking(request: HttpRequest, code: str, payload: RescheduleIn) -> Any:
    booking = domain.reschedule_booking(
        booking=_booking(_mall(request), code),
        starts_at=payload.starts_at,
    )
    return booking_out(booking)


@router.post(
    "/queue/bookings/{code}/check-in",
    response={201: TicketOut, **ERRORS},
    operation_id="check_in",
)
def check_in(request: HttpRequest, code: str) -> Any:
    """Check in for a booking (kiosk or officer): returns the queue ticket."""
    actor = request.user if request.user.is_authenticated else None
    ticket = domain.check_in(booking=_booking(_mall(request), code), actor=actor)
    return Status(201, ticket_out(_ticket(ticket.mall, ticket.code), with_wait=True))


@router.post("/queue/tickets", response={201: TicketOut, **ERRORS}, operation_id="issue_ticket")
def issue_ticket(
    request: HttpRequest,
    payload: IssueIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=64),
) -> Any:
    """Issue a walk-in ticket. Send an `Idempotency-Key` header to make retries safe: the same
    key from the same client returns the same ticket for 24 hours (keys are scoped to the
    client). Fair use: a client gets a few tickets an hour (429 with `Retry-After` beyond)."""
    service = _service(_mall(request), payload.service)
    request_key = fairuse.scoped_key(request, idempotency_key)
    if request_key is None or not domain.known_request_key(request_key):
        fairuse.check(request, "ticket")
    ticket = domain.issue_ticket(
        service=service,
        channel=TicketChannel.API,
        priority=payload.priority,
        request_key=request_key,
        # The wait estimate's counts come back with the ticket (PostgreSQL: one statement).
        also=queries.new_ticket_counts(service, priority=bool(payload.priority)),
    )
    ticket.service = service
    return Status(201, ticket_out(ticket, with_wait=True))


@router.get("/queue/tickets/{code}", response={200: TicketOut, **ERRORS}, operation_id="get_ticket")
def get_ticket(request: HttpRequest, code: str) -> Any:
    """A ticket's status, place in line and estimated wait, by its public code."""
    return ticket_out(_ticket(_mall(request), code), with_wait=True)


@router.post(
    "/queue/counters/{number}/call-next",
    response={200: CallOut, **SIGNED_IN_ERRORS},
    auth=staff_auth,
    operation_id="call_next",
)
def call_next(request: HttpRequest, number: int, options: Query[CallQuery]) -> Any:
    """Call the next citizen to counter `number` (the officer must be signed in there).
    Pressing again while the called citizen has not arrived returns the same ticket; a ticket
    being served is finished first. `?finish=<code>` finishes the ticket at the counter first
    even if it was only called: one press per citizen on a counter keypad."""
    # The counter by its number from a cached map (no read): call_next locks the row itself.
    counter = queries.counter_ref(_mall(request).pk, number)
    if counter is None:
        raise NotFoundError(_("There is no counter with that number."), field="counter")
    ticket = domain.call_next(
        counter=counter,
        officer=request.user,  # type: ignore[arg-type]
        finish=options.finish,
    )
    if ticket is None:
        return {"ticket": None}
    return {"ticket": _light_ticket(ticket, ticket.counter)}


def _light_ticket(ticket: Ticket, counter: Counter | None) -> dict[str, Any]:
    return {
        "code": ticket.code,
        "number": ticket.display_number,
        "status": ticket.status,
        "service": ticket.service.name,
        "agency": "",
        "priority": ticket.priority,
        "counter": counter.number if counter and ticket.status in AT_COUNTER else None,
        "issued_at": ticket.issued_at,
        "url": reverse("queueing:ticket", args=[ticket.code]),
        "wait": None,
    }


def _staff_action(name: str, summary: str) -> Callable[..., Any]:
    action = getattr(domain, name)

    def view(request: HttpRequest, code: str) -> Any:
        # The ticket by its mall and code, unread: the domain finds it with the lock of its
        # counter (one statement) and answers 404 for an unknown code.
        ref = Ticket(mall_id=_mall(request).pk, code=domain.normalise_code(code))
        ticket = action(ticket=ref, officer=request.user)
        return _light_ticket(ticket, ticket.counter)

    view.__name__ = name
    view.__doc__ = summary
    return router.post(
        f"/queue/tickets/{{code}}/{name.split('_', maxsplit=1)[0]}",
        response={200: TicketOut, **SIGNED_IN_ERRORS},
        auth=staff_auth,
        operation_id=name,
    )(view)


_staff_action("recall_ticket", "Call the ticket again at its counter (the board repeats the call).")
_staff_action("skip_ticket", "The called citizen did not come: mark the ticket skipped.")
_staff_action("start_service", "The citizen arrived: start the service.")
_staff_action("finish_service", "Finish the service.")


@router.post(
    "/queue/tickets/{code}/transfer",
    response={200: TicketOut, **SIGNED_IN_ERRORS},
    auth=staff_auth,
    operation_id="transfer_ticket",
)
def transfer_ticket(request: HttpRequest, code: str, payload: TransferIn) -> Any:
    """Send the citizen to another service and/or counter; they keep their place in line."""
    mall = _mall(request)
    # Unread, as for the other officer actions: the domain finds and locks it.
    ticket = Ticket(mall_id=mall.pk, code=domain.normalise_code(code))
    to_service = _service(mall, payload.service) if payload.service else None
    to_counter = _counter(mall, payload.counter) if payload.counter is not None else None
    ticket = domain.transfer_ticket(
        ticket=ticket,
        officer=request.user,  # type: ignore[arg-type]
        to_service=to_service,
        to_counter=to_counter,
        note=payload.note,
    )
    return _light_ticket(ticket, None)


@router.get("/queue/display", response={200: DisplayOut, **ERRORS}, operation_id="display_state")
def display_state(request: HttpRequest, floor: int | None = None) -> Any:
    """What the display board shows: current calls, the last calls with what to say,
    waiting counts. Boards poll this when their live channel is down."""
    return queries.display_state(_mall(request), floor=floor)
