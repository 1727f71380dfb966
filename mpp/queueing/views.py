"""HTML pages of the queue: kiosk, ticket and phone page, print view, booking, display
board, officer console; plus the JSON state and SSE streams their scripts use."""

from __future__ import annotations

import contextlib
import functools
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.core.handlers.asgi import ASGIRequest
from django.db.models import Prefetch
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from mpp.accounts.access import staff_page
from mpp.catalog.models import Agency, Service
from mpp.catalog.search import search_services
from mpp.core import fairuse
from mpp.core.dates import check_datetime, in_range, parse_date
from mpp.core.db import database_sync_to_async
from mpp.core.events import sse_response
from mpp.core.models import Mall
from mpp.core.opening import closed_message, walk_ins_open
from mpp.core.phones import mask_phone
from mpp.core.tenancy import current_mall, mall_or_404
from mpp.feedback.enums import InvitationChannel
from mpp.feedback.qr import invitation_path
from mpp.feedback.queries import issued_invitation
from mpp.queueing import booking_codes, domain, kiosk, printing, queries, voice
from mpp.queueing.domain import QueueError
from mpp.queueing.domain.common import local_day, mall_zone
from mpp.queueing.domain.counters import works_at_counters
from mpp.queueing.domain.schedule import bookable_days
from mpp.queueing.enums import (
    AT_COUNTER,
    BookingStatus,
    CounterState,
    PriorityGroup,
    TicketChannel,
    TicketEventKind,
    TicketStatus,
)
from mpp.queueing.forms import (
    BookingForm,
    CodeForm,
    FollowForm,
    KioskIssueForm,
    NoteForm,
    TransferForm,
)
from mpp.queueing.models import Booking, Counter, Ticket, TicketContact

PUBLIC_EVENTS = {
    TicketEventKind.ISSUED,
    TicketEventKind.CHECKED_IN,
    TicketEventKind.CALLED,
    TicketEventKind.RECALLED,
    TicketEventKind.STARTED,
    TicketEventKind.FINISHED,
    TicketEventKind.SKIPPED,
    TicketEventKind.REQUEUED,
    TicketEventKind.TRANSFERRED,
    TicketEventKind.CANCELLED,
}


def _ticket_or_404(mall: Mall, code: str) -> Ticket:
    ticket = (
        Ticket.objects.select_related("service__agency__booth", "service__mall", "counter")
        .filter(mall=mall, code=domain.normalise_code(code))
        .first()
    )
    if ticket is None:
        raise Http404(_("There is no ticket with that code."))
    return ticket


def _booking_or_404(mall: Mall, code: str) -> Booking:
    booking = (
        Booking.objects.select_related("service__queue", "service__agency", "service__mall")
        .filter(mall=mall, code=domain.normalise_code(code))
        .first()
    )
    if booking is None:
        raise Http404(_("There is no booking with that code."))
    return booking


# --- Kiosk ----------------------------------------------------------------------------------------


def kiosk_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A kiosk screen: always in Indonesian (the next visitor starts in Indonesian whatever the
    last one chose; the kiosk layout has no language switch) and never cached."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override("id"):
            response = view(request, *args, **kwargs)  # render() has rendered it already
        add_never_cache_headers(response)
        return response

    return wrapper


def _kiosk_closed(request: HttpRequest, mall: Mall) -> HttpResponse | None:
    now = timezone.now()
    if walk_ins_open(mall, now):
        return None
    return render(request, "queueing/kiosk_agencies.html", {"closed": closed_message(mall, now)})


@kiosk_view
@require_GET
def kiosk_agencies(request: HttpRequest) -> HttpResponse:
    """The kiosk's first screen: big "Layanan populer" buttons by everyday name."""
    mall = mall_or_404(request)
    if (closed := _kiosk_closed(request, mall)) is not None:
        return closed
    return render(request, "queueing/kiosk_agencies.html", {"shortcuts": kiosk.shortcuts(mall)})


@kiosk_view
@require_GET
def kiosk_all(request: HttpRequest) -> HttpResponse:
    """Every walk-in service, grouped by agency (full name first, abbreviation second)."""
    mall = mall_or_404(request)
    if (closed := _kiosk_closed(request, mall)) is not None:
        return closed
    groups = kiosk.agencies_with_services(kiosk.walk_in_services(mall))
    return render(
        request,
        "queueing/kiosk_all.html",
        {"groups": groups, "back_url": reverse("queueing:kiosk")},
    )


def _kiosk_service_page(
    request: HttpRequest,
    services: list[Service],
    *,
    title: str,
    subtitle: str = "",
    back_url: str,
    show_agency: bool,
) -> HttpResponse:
    return render(
        request,
        "queueing/kiosk_services.html",
        {
            "title": title,
            "subtitle": subtitle,
            "rows": [{"service": s, "wait": queries.estimate_wait(s)} for s in services],
            "show_agency": show_agency,
            "priorities": PriorityGroup.choices[1:],
            "request_key": uuid.uuid4().hex,
            "back_url": back_url,
        },
    )


@kiosk_view
@require_GET
def kiosk_shortcut(request: HttpRequest, key: str) -> HttpResponse:
    mall = mall_or_404(request)
    if (closed := _kiosk_closed(request, mall)) is not None:
        return closed
    shortcut = kiosk.find_shortcut(mall, key)
    if shortcut is None:
        raise Http404(_("There is no service with that name here."))
    return _kiosk_service_page(
        request,
        shortcut.services,
        title=shortcut.label,
        subtitle=shortcut.hint,
        back_url=reverse("queueing:kiosk"),
        show_agency=len({s.agency_id for s in shortcut.services}) > 1,
    )


@kiosk_view
@require_GET
def kiosk_services(request: HttpRequest, agency: str) -> HttpResponse:
    mall = mall_or_404(request)
    if (closed := _kiosk_closed(request, mall)) is not None:
        return closed
    agency_obj = Agency.objects.filter(mall=mall, slug=agency, is_active=True).first()
    if agency_obj is None:
        raise Http404(_("There is no agency with that name here."))
    services = [s for s in kiosk.walk_in_services(mall) if s.agency_id == agency_obj.pk]
    return _kiosk_service_page(
        request,
        services,
        title=agency_obj.name,
        subtitle=agency_obj.short_name,
        back_url=reverse("queueing:kiosk-all"),
        show_agency=False,
    )


@kiosk_view
@require_POST
def kiosk_issue(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    form = KioskIssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a service."))
        return redirect("queueing:kiosk")
    service = (
        Service.objects.select_related("queue", "agency", "mall")
        .filter(mall=mall, slug=form.cleaned_data["service"], is_active=True)
        .first()
    )
    if service is None:
        messages.error(request, _("There is no service with that name here."))
        return redirect("queueing:kiosk")
    request_key = fairuse.scoped_key(request, form.cleaned_data.get("request_key"))
    if request_key is None or not domain.known_request_key(request_key):
        fairuse.check(request, "ticket")
    try:
        ticket = domain.issue_ticket(
            service=service,
            channel=TicketChannel.KIOSK,
            priority=form.cleaned_data.get("priority") or "",
            request_key=request_key,
        )
    except QueueError as exc:
        messages.error(request, exc.message)
        back = request.POST.get("back", "")
        if back.startswith("/") and not back.startswith("//") and "/antrian/kios/" in back:
            return redirect(back)
        return redirect("queueing:kiosk-services", agency=service.agency.slug)
    if printing.printer_target():
        printing.print_escpos(
            lines=[service.name, service.agency.short_name, mall.name],
            number=ticket.display_number,
            url=request.build_absolute_uri(reverse("queueing:short", args=[ticket.code])),
        )
    return redirect(reverse("queueing:ticket", args=[ticket.code]) + "?kios=1")


@kiosk_view
def kiosk_checkin(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        booking = Booking.objects.filter(
            mall=mall, code=domain.normalise_code(form.cleaned_data["code"])
        ).first()
        if booking is None:
            form.add_error(
                "code", _("There is no booking with that code. Check the code and try again.")
            )
        else:
            try:
                ticket = domain.check_in(booking=booking)
            except QueueError as exc:
                form.add_error("code", exc.message)
            else:
                return redirect(reverse("queueing:ticket", args=[ticket.code]) + "?kios=1")
        status = 400
    return render(
        request,
        "queueing/kiosk_checkin.html",
        {"form": form, "back_url": reverse("queueing:kiosk")},
        status=status,
    )


# --- Ticket and phone page ------------------------------------------------------------------------


def _ticket_context(request: HttpRequest, ticket: Ticket) -> dict[str, Any]:
    short_url = request.build_absolute_uri(reverse("queueing:short", args=[ticket.code]))
    events = [
        e
        for e in ticket.events.select_related("counter").order_by("at", "pk")
        if e.kind in PUBLIC_EVENTS
    ]
    contact = TicketContact.objects.filter(ticket=ticket).first()
    return {
        "ticket": ticket,
        "follow_form": FollowForm(),
        "contact": contact,
        "contact_phone": mask_phone(contact.phone) if contact else "",
        "state": queries.ticket_state(ticket),
        "short_url": short_url,
        "qr": printing.qr_svg(short_url, title=_("Open your ticket on your phone")),
        "events": events,
        "zone": mall_zone(ticket.mall).key,
    }


@never_cache
@require_GET
def ticket_page(request: HttpRequest, code: str) -> HttpResponse:
    ticket = _ticket_or_404(mall_or_404(request), code)
    context = _ticket_context(request, ticket)
    context["kiosk"] = request.GET.get("kios") == "1"
    if context["kiosk"]:
        # At the kiosk: its own layout (no way out to the website), in Indonesian, and back to
        # the first screen soon after (kiosk.js), so the next visitor starts clean.
        context["base_template"] = "queueing/kiosk_base.html"
        context["idle_seconds"] = 30
        with translation.override("id"):
            return render(request, "queueing/ticket.html", context)
    if ticket.status == TicketStatus.DONE:
        # One survey per served ticket (PermenPAN-RB 14/2017 SKM), issued when the service
        # was finished (TicketFinished); this page only shows it — no write on GET.
        invitation = issued_invitation(
            service=ticket.service, reference=ticket.code, channel=InvitationChannel.TICKET
        )
        if invitation is not None:
            context["survey_url"] = invitation_path(invitation)
    return render(request, "queueing/ticket.html", context)


@require_GET
def ticket_print(request: HttpRequest, code: str) -> HttpResponse:
    ticket = _ticket_or_404(mall_or_404(request), code)
    context = _ticket_context(request, ticket)
    width = request.GET.get("lebar", "")
    context["width"] = 80 if width == "80" else 58
    context["auto"] = request.GET.get("auto") == "1"
    return render(request, "queueing/ticket_print.html", context)


@never_cache
@require_GET
def ticket_state_json(request: HttpRequest, code: str) -> JsonResponse:
    ticket = _ticket_or_404(mall_or_404(request), code)
    return JsonResponse(queries.ticket_state(ticket))


def _ticket_channels(request: HttpRequest, code: str) -> list[str] | None:
    mall = current_mall(request)
    if mall is None:
        return None
    ticket = Ticket.objects.filter(mall=mall, code=domain.normalise_code(code)).only("pk").first()
    if ticket is None:
        return None
    return [f"ticket:{ticket.code}", f"board:{mall.pk}"]


def _not_streamable(request: HttpRequest) -> HttpResponse | None:
    """Under WSGI (runserver, the test live server) a stream would hold a worker thread and
    never flush: answer 503 at once so the page falls back to polling."""
    if isinstance(request, ASGIRequest):
        return None
    return HttpResponse(
        _("Live updates need the ASGI server; this page updates by polling."),
        status=503,
        content_type="text/plain; charset=utf-8",
        headers={"Retry-After": "30"},
    )


async def ticket_live(request: HttpRequest, code: str) -> HttpResponseBase:
    if (refused := _not_streamable(request)) is not None:
        return refused
    channels = await database_sync_to_async(_ticket_channels)(request, code)
    if channels is None:
        raise Http404(_("There is no ticket with that code."))
    return sse_response(channels)


@require_POST
def ticket_follow(request: HttpRequest, code: str) -> HttpResponse:
    """Leave a mobile number to hear by WhatsApp or SMS when the turn is near."""
    ticket = _ticket_or_404(mall_or_404(request), code)
    form = FollowForm(request.POST)
    if form.is_valid():
        try:
            domain.follow_ticket(
                ticket=ticket,
                phone=form.cleaned_data["phone"],
                channel=form.cleaned_data["channel"],
                language=get_language() or "id",
            )
        except QueueError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                _("Done. We will send a message when your turn is near, and when you are called."),
            )
            return redirect("queueing:ticket", code=ticket.code)
    context = _ticket_context(request, ticket)
    context["follow_form"] = form
    return render(request, "queueing/ticket.html", context, status=400)


@require_POST
def ticket_cancel(request: HttpRequest, code: str) -> HttpResponse:
    ticket = _ticket_or_404(mall_or_404(request), code)
    try:
        domain.cancel_ticket(ticket=ticket)
    except QueueError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your ticket is cancelled. Thank you for letting us know."))
    return redirect("queueing:ticket", code=ticket.code)


@require_GET
def short_link(request: HttpRequest, code: str) -> HttpResponse:
    return redirect("queueing:ticket", code=domain.normalise_code(code))


# --- Booking --------------------------------------------------------------------------------------


@require_GET
def booking_services(request: HttpRequest) -> HttpResponse:
    """Bookable services, searchable with the catalogue's search and grouped by agency
    (never a flat list of every service)."""
    mall = mall_or_404(request)
    services = list(
        Service.objects.filter(
            mall=mall,
            is_active=True,
            queue__booking_enabled=True,
            queue__slot_capacity__isnull=False,
        )
        .select_related("agency")
        .order_by("agency__position", "agency__name", "position", "name")
    )
    query = request.GET.get("q", "").strip()[:200]
    suggestion = ""
    if query:
        found = search_services(mall=mall, query=query, limit=200)
        suggestion = found.suggestion
        rank = {s.pk: i for i, s in enumerate(found.services)}
        services = sorted((s for s in services if s.pk in rank), key=lambda s: rank[s.pk])
    groups = kiosk.agencies_with_services(services)
    return render(
        request,
        "queueing/booking_services.html",
        {"groups": groups, "query": query, "count": len(services), "suggestion": suggestion},
    )


def booking_slots(request: HttpRequest, service: str) -> HttpResponse:
    mall = mall_or_404(request)
    service_obj = (
        Service.objects.select_related("queue", "agency", "mall")
        .filter(mall=mall, slug=service, is_active=True, queue__booking_enabled=True)
        .first()
    )
    if service_obj is None:
        raise Http404(_("This service cannot be booked online."))
    days = bookable_days(service_obj, service_obj.queue, local_day(mall, timezone.now()))
    day = parse_date(request.GET.get("tanggal")) or queries.first_day_with_room(service_obj, days)
    form = BookingForm(request.POST or None)
    status = 200
    if request.method == "POST" and "send_code" in request.POST:
        phone = str(request.POST.get("phone", ""))
        fairuse.check(request, "otp", contact=phone)
        try:
            booking_codes.send_code(phone)
        except QueueError as exc:
            messages.error(request, exc.message)
            status = 400
        else:
            messages.success(
                request, _("We sent a code to your phone. It is valid for 10 minutes.")
            )
        form = BookingForm(initial={k: v for k, v in request.POST.items() if k != "code"})
    elif request.method == "POST":
        if form.is_valid():
            fairuse.check(
                request,
                "booking",
                contact=form.cleaned_data.get("phone") or form.cleaned_data.get("nik") or "",
            )
            try:
                booking_codes.check_code(
                    form.cleaned_data.get("phone") or "", form.cleaned_data.get("code") or ""
                )
                booking = domain.book_visit(
                    service=service_obj,
                    starts_at=form.cleaned_data["starts_at"],
                    phone=form.cleaned_data.get("phone") or "",
                    nik=form.cleaned_data.get("nik") or "",
                    name=form.cleaned_data.get("name") or "",
                    priority=form.cleaned_data.get("priority") or "",
                )
            except QueueError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Your visit is booked. Keep the booking code."))
                return redirect("queueing:booking", code=booking.code)
        status = 400
        posted = form.data.get("starts_at")
        if posted:
            with contextlib.suppress(ValueError, OverflowError):
                posted_day = datetime.fromisoformat(str(posted)).astimezone(mall_zone(mall)).date()
                day = posted_day if in_range(posted_day) else day
    slots = queries.available_slots(service_obj, day)
    return render(
        request,
        "queueing/booking_slots.html",
        {
            "service": service_obj,
            "days": days,
            "day": day,
            "slots": slots,
            "form": form,
            "zone": mall_zone(mall).key,
            "selected": form.data.get("starts_at", "") or form.initial.get("starts_at", ""),
            "code_required": booking_codes.required(),
        },
        status=status,
    )


@never_cache
def booking_page(request: HttpRequest, code: str) -> HttpResponse:
    booking = _booking_or_404(mall_or_404(request), code)
    queue = booking.service.queue
    opens, closes = domain.checkin_window(booking, queue)
    now = timezone.now()
    other_slots = []
    if booking.status == BookingStatus.BOOKED:
        other_slots = [
            s
            for s in queries.available_slots(booking.service, booking.day)
            if s.pk != booking.slot_id
        ]
    url = request.build_absolute_uri(reverse("queueing:booking", args=[booking.code]))
    return render(
        request,
        "queueing/booking.html",
        {
            "booking": booking,
            "opens": opens,
            "closes": closes,
            "can_check_in": booking.status == BookingStatus.BOOKED and opens <= now <= closes,
            "other_slots": other_slots,
            "qr": printing.qr_svg(url, title=_("Your booking")),
            "url": url,
            "zone": mall_zone(booking.mall).key,
        },
    )


@require_POST
def booking_action(request: HttpRequest, code: str) -> HttpResponse:
    booking = _booking_or_404(mall_or_404(request), code)
    action = request.POST.get("action", "")
    try:
        if action == "cancel":
            domain.cancel_booking(booking=booking)
            messages.success(
                request, _("Your booking is cancelled and the place is free for others.")
            )
        elif action == "reschedule":
            raw = request.POST.get("starts_at", "")
            try:
                starts_at = check_datetime(datetime.fromisoformat(raw))
            except (ValueError, OverflowError):
                messages.error(request, _("Choose a new time from the list."))
                return redirect("queueing:booking", code=booking.code)
            domain.reschedule_booking(booking=booking, starts_at=starts_at)
            messages.success(request, _("Your booking has been moved."))
        elif action == "checkin":
            ticket = domain.check_in(booking=booking)
            return redirect("queueing:ticket", code=ticket.code)
        else:
            messages.error(request, _("Unknown action."))
    except QueueError as exc:
        messages.error(request, exc.message)
    return redirect("queueing:booking", code=booking.code)


# --- Display board --------------------------------------------------------------------------------


def _floor(request: HttpRequest) -> int | None:
    raw = request.GET.get("lantai", "")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100 else None


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    floor = _floor(request)
    state = queries.display_state(mall, floor=floor)
    mode = request.GET.get("suara", "rekaman")
    if mode not in {"rekaman", "browser", "mati"}:
        mode = "rekaman"
    return render(
        request,
        "queueing/board.html",
        {
            "state": state,
            "floor": floor,
            "voice_mode": mode,
            "state_url": reverse("queueing:board-state") + (f"?lantai={floor}" if floor else ""),
            "live_url": reverse("queueing:board-live"),
            "voice_url": reverse("queueing:voice", args=["chime"]).rsplit("/", 1)[0] + "/",
        },
    )


@never_cache
@require_GET
def board_state_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(queries.display_state(mall_or_404(request), floor=_floor(request)))


async def board_live(request: HttpRequest) -> HttpResponseBase:
    if (refused := _not_streamable(request)) is not None:
        return refused
    mall = await database_sync_to_async(current_mall)(request)
    if mall is None:
        raise Http404(_("No mall has been set up yet."))
    return sse_response([f"board:{mall.pk}"])


@require_GET
def voice_segment(request: HttpRequest, name: str) -> HttpResponseBase:
    path = voice.segment_path(name)
    if path is None:
        raise Http404(_("That sound is not available."))
    response = FileResponse(path.open("rb"), content_type="audio/wav")
    response["Cache-Control"] = "public, max-age=86400"
    return response


# --- Officer console ------------------------------------------------------------------------------


@staff_page(allow=works_at_counters)
def console_counters(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    counters = [
        c
        for c in Counter.objects.filter(mall=mall, is_active=True)
        .select_related("agency", "officer")
        .order_by("number")
        if domain.may_staff_counter(request.user, c)  # type: ignore[arg-type]
    ]
    mine = next((c for c in counters if c.officer_id == request.user.pk), None)
    return render(request, "queueing/console_counters.html", {"counters": counters, "mine": mine})


def _console_counter(request: HttpRequest, number: int) -> Counter:
    mall = mall_or_404(request)
    counter = (
        Counter.objects.select_related("agency", "mall", "officer")
        .prefetch_related(Prefetch("services", queryset=Service.objects.select_related("queue")))
        .filter(mall=mall, number=number, is_active=True)
        .first()
    )
    if counter is None or not domain.may_staff_counter(request.user, counter):  # type: ignore[arg-type]
        raise Http404(_("There is no counter with that number that you may use."))
    return counter


def console_actions(current: Ticket | None, *, signed_in: bool, paused: bool) -> dict[str, str]:
    """Which console buttons are on, by the counter's state: "primary" (the one next step,
    emphasised), "on" or "off" (disabled). Nobody at the counter: call next; called: start
    (or call again, did not come, finish a quick visit); serving: finish. "Finish & call
    next" (`next`, one press per citizen, ADR 0027) whenever a citizen is at the open
    counter. Not signed in here: everything off."""
    buttons = dict.fromkeys(("call", "recall", "start", "finish", "next", "skip", "pause"), "off")
    if not signed_in:
        return buttons
    buttons["pause"] = "on"
    if current is None:
        if paused:
            buttons["pause"] = "primary"  # resume before calling
        else:
            buttons["call"] = "primary"
    elif current.status == TicketStatus.CALLED:
        buttons.update(start="primary", recall="on", skip="on", finish="on")  # quick visits
    elif current.status == TicketStatus.SERVING:
        buttons["finish"] = "primary"
    if current is not None and not paused:
        buttons["next"] = "on"
    return buttons


def _console_context(request: HttpRequest, counter: Counter) -> dict[str, Any]:
    current = (
        Ticket.objects.filter(counter=counter, status__in=AT_COUNTER)
        .select_related("service")
        .first()
    )
    signed_in = counter.officer_id == request.user.pk
    paused = counter.state != CounterState.OPEN
    lists = queries.console_lists(counter)
    return {
        "counter": counter,
        "current": current,
        "paused": paused,
        "actions": console_actions(current, signed_in=signed_in, paused=paused),
        "waiting": lists.waiting,
        "counts": lists.counts,
        "signed_in": signed_in,
        "current_events": list(current.events.select_related("actor").order_by("at"))
        if current
        else [],
    }


@staff_page(allow=works_at_counters)
@never_cache
def console(request: HttpRequest, number: int) -> HttpResponse:
    counter = _console_counter(request, number)
    context = _console_context(request, counter)
    mall = counter.mall
    context.update(
        {
            "transfer_services": Service.objects.filter(
                mall=mall, is_active=True, counters__isnull=False
            )
            .distinct()
            .select_related("agency")
            .order_by("agency__position", "name"),
            "transfer_counters": Counter.objects.filter(mall=mall, is_active=True)
            .exclude(pk=counter.pk)
            .select_related("agency")
            .order_by("number"),
            "live_url": reverse("queueing:board-live"),
            "fragment_url": reverse("queueing:console-fragment", args=[counter.number]),
        }
    )
    return render(request, "queueing/console.html", context)


@staff_page(allow=works_at_counters)
@never_cache
def console_fragment(request: HttpRequest, number: int) -> HttpResponse:
    counter = _console_counter(request, number)
    return render(request, "queueing/_console_live.html", _console_context(request, counter))


CONSOLE_ACTIONS = {"call", "next", "recall", "start", "finish", "skip", "requeue", "transfer",
                   "note", "pause", "resume", "signin", "signout", "checkin"}  # fmt: skip


@staff_page(allow=works_at_counters)
@require_POST
def console_action(request: HttpRequest, number: int) -> HttpResponse:
    counter = _console_counter(request, number)
    officer = request.user
    action = request.POST.get("action", "")
    back = redirect("queueing:console", number=counter.number)
    if action not in CONSOLE_ACTIONS:
        messages.error(request, _("Unknown action."))
        return back
    mall = counter.mall
    try:
        if action == "signin":
            domain.sign_in_counter(counter=counter, officer=officer)  # type: ignore[arg-type]
            messages.success(
                request, _("You are signed in at counter %(n)s.") % {"n": counter.number}
            )
        elif action == "signout":
            domain.sign_out_counter(counter=counter, officer=officer)  # type: ignore[arg-type]
            messages.success(request, _("You are signed out."))
            return redirect("queueing:console-counters")
        elif action in {"pause", "resume"}:
            state = CounterState.PAUSED if action == "pause" else CounterState.OPEN
            domain.set_counter_state(counter=counter, officer=officer, state=state)  # type: ignore[arg-type]
        elif action in {"call", "next"}:
            # "next" names the ticket the page showed at the counter: finished first, unless
            # it has left the counter since (a second press, another tab), ADR 0027.
            ticket = domain.call_next(
                counter=counter,
                officer=officer,  # type: ignore[arg-type]
                finish=request.POST.get("ticket", "") if action == "next" else "",
            )
            if ticket is None:
                messages.info(request, _("Nobody is waiting for this counter."))
        elif action == "checkin":
            form = CodeForm(request.POST)
            booking = (
                Booking.objects.filter(
                    mall=mall, code=domain.normalise_code(form.data.get("code", ""))
                ).first()
                if form.is_valid()
                else None
            )
            if booking is None:
                messages.error(request, _("There is no booking with that code."))
            else:
                ticket = domain.check_in(booking=booking, actor=officer)  # type: ignore[arg-type]
                messages.success(
                    request,
                    _("Checked in: ticket %(number)s.") % {"number": ticket.display_number},
                )
        else:
            code = request.POST.get("ticket", "")
            ticket = Ticket.objects.filter(mall=mall, code=domain.normalise_code(code)).first()
            if ticket is None:
                messages.error(request, _("There is no ticket with that code."))
                return back
            _ticket_action(request, action, ticket, officer)
    except QueueError as exc:
        messages.error(request, exc.message)
    return back


def _ticket_action(request: HttpRequest, action: str, ticket: Ticket, officer: Any) -> None:
    if action == "recall":
        domain.recall_ticket(ticket=ticket, officer=officer)
    elif action == "start":
        domain.start_service(ticket=ticket, officer=officer)
    elif action == "finish":
        domain.finish_service(ticket=ticket, officer=officer)
    elif action == "skip":
        domain.skip_ticket(ticket=ticket, officer=officer)
    elif action == "requeue":
        domain.requeue_ticket(ticket=ticket, officer=officer)
    elif action == "note":
        note_form = NoteForm(request.POST)
        if not note_form.is_valid():
            messages.error(request, _("Write a note first."))
            return
        domain.add_note(ticket=ticket, officer=officer, text=note_form.cleaned_data["note"])
        messages.success(request, _("Note saved."))
    elif action == "transfer":
        form = TransferForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a service or a counter to transfer to."))
            return
        mall = ticket.mall
        to_service = (
            Service.objects.filter(mall=mall, slug=form.cleaned_data["service"]).first()
            if form.cleaned_data.get("service")
            else None
        )
        to_counter = (
            Counter.objects.filter(mall=mall, number=form.cleaned_data["counter"]).first()
            if form.cleaned_data.get("counter")
            else None
        )
        domain.transfer_ticket(
            ticket=ticket,
            officer=officer,
            to_service=to_service,
            to_counter=to_counter,
            note=form.cleaned_data.get("note") or "",
        )
        messages.success(
            request, _("Ticket %(number)s transferred.") % {"number": ticket.display_number}
        )
