"""Pages of the co-working space and the MSME booths. Server-rendered, no JavaScript needed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mpp.accounts.models import User
from mpp.core import fairuse
from mpp.core.clock import local_day, mall_zone
from mpp.core.models import Mall
from mpp.core.qr import qr_svg
from mpp.core.tenancy import mall_or_404
from mpp.facilities import domain, queries
from mpp.facilities import msme as msme_domain
from mpp.facilities.access import facility_staff_required
from mpp.facilities.enums import MsmeStatus, RoomBookingStatus
from mpp.facilities.forms import BlockForm, BookForm, CodeForm, MsmeForm, ProductsForm
from mpp.facilities.models import Msme, Room, RoomBooking


def _day(request: HttpRequest, mall: Mall) -> date:
    today = local_day(mall, timezone.now())
    try:
        day = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return today
    return day if today <= day <= today + timedelta(days=60) else today


def rooms(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    day = _day(request, mall)
    now = timezone.now()
    today = local_day(mall, now)
    rows = []
    for room in Room.objects.filter(mall=mall, is_active=True):
        rows.append({"room": room, "cells": queries.day_cells(room, day, now)})
    return render(
        request,
        "facilities/rooms.html",
        {
            "rows": rows,
            "day": day,
            "prev_day": day - timedelta(days=1) if day > today else None,
            "next_day": day + timedelta(days=1),
        },
    )


def _aware(mall: Mall, day: date, at: Any) -> datetime:
    return datetime.combine(day, at, tzinfo=mall_zone(mall))


@never_cache
@login_required
def book(request: HttpRequest, slug: str) -> HttpResponse:
    mall = mall_or_404(request)
    room = get_object_or_404(Room, mall=mall, slug=slug, is_active=True)
    day = _day(request, mall)
    now = timezone.now()
    durations = queries.duration_choices(room)
    initial = {"day": day, "minutes": durations[0] if durations else 60}
    if request.GET.get("start"):
        initial["start"] = request.GET["start"][:5]
    form = BookForm(
        request.POST if request.method == "POST" else None, durations=durations, initial=initial
    )
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        # The same budget as the API's book_room (issue 10.1); 429 page by FairUseMiddleware.
        fairuse.check(request, "room", contact=f"user:{request.user.pk}")
        starts_at = _aware(mall, form.cleaned_data["day"], form.cleaned_data["start"])
        ends_at = starts_at + timedelta(minutes=form.cleaned_data["minutes"])
        try:
            booking = domain.book_room(
                room=room, user=request.user, starts_at=starts_at, ends_at=ends_at, now=now
            )
        except domain.FacilityError as exc:
            form.add_error(None, exc.message)
            status = exc.status
        else:
            messages.success(request, _("Booked. Show the QR code at the front desk."))
            return redirect("facilities:booking", code=booking.code)
    day_shown = form.cleaned_data["day"] if form.is_bound and form.is_valid() else day
    return render(
        request,
        "facilities/book.html",
        {
            "room": room,
            "form": form,
            "day": day_shown,
            "cells": queries.day_cells(room, day_shown, now),
        },
        status=status,
    )


def _own_booking(request: HttpRequest, code: str) -> RoomBooking:
    booking = RoomBooking.objects.select_related("room").filter(code=code.upper()).first()
    if booking is None or booking.user_id != request.user.pk:
        raise Http404
    return booking


@never_cache
@login_required
def booking_detail(request: HttpRequest, code: str) -> HttpResponse:
    booking = _own_booking(request, code)
    checkin_url = request.build_absolute_uri(reverse("facilities:desk-code", args=[booking.code]))
    return render(
        request,
        "facilities/booking.html",
        {
            "booking": booking,
            "qr": qr_svg(
                checkin_url,
                title=_("QR code of booking %(code)s") % {"code": booking.code},
                scale=5,
            ),
            "can_cancel": booking.status == RoomBookingStatus.BOOKED
            and booking.starts_at > timezone.now(),
        },
    )


@never_cache
@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    bookings = (
        RoomBooking.objects.filter(user=cast(User, request.user))
        .select_related("room")
        .order_by("-starts_at")[:50]
    )
    return render(request, "facilities/mine.html", {"bookings": bookings})


@require_POST
@login_required
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    booking = _own_booking(request, code)
    try:
        domain.cancel_room_booking(booking=booking, user=request.user)
    except domain.FacilityError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your booking is cancelled. The room is free for others."))
    return redirect("facilities:booking", code=booking.code)


@never_cache
def desk(request: HttpRequest, code: str = "") -> HttpResponse:
    """The front-desk check-in: type the booking code or scan its QR code (which opens this
    page with the code filled in), then confirm. The unguessable code is the credential."""
    form = CodeForm(request.POST if request.method == "POST" else None, initial={"code": code})
    done = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            booking = domain.find_booking(form.cleaned_data["code"])
            done = domain.check_in_room(booking=booking, actor=request.user)
        except domain.FacilityError as exc:
            form.add_error("code", exc.message)
            status = exc.status
    return render(request, "facilities/desk.html", {"form": form, "done": done}, status=status)


# --- staff -----------------------------------------------------------------------------------


@never_cache
@facility_staff_required
def staff(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    rooms_qs = Room.objects.filter(mall=mall)
    form = BlockForm(request.POST if request.method == "POST" else None, rooms=rooms_qs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.block_room(
                room=data["room"],
                starts_at=_aware(mall, data["day"], data["start"]),
                ends_at=_aware(mall, data["day"], data["end"]),
                reason=data["reason"],
                actor=request.user,
            )
        except domain.FacilityError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The time is blocked."))
            return redirect("facilities:staff")
    today = local_day(mall, timezone.now())
    return render(
        request,
        "facilities/staff.html",
        {
            "form": form,
            "figures": queries.usage_figures(mall, today=today),
            "pending": Msme.objects.filter(mall=mall, status=MsmeStatus.PENDING),
        },
    )


@require_POST
@facility_staff_required
def review(request: HttpRequest, slug: str) -> HttpResponse:
    msme = get_object_or_404(Msme, mall=mall_or_404(request), slug=slug)
    try:
        msme_domain.review_msme(
            msme=msme,
            approve=request.POST.get("decision") == "approve",
            actor=request.user,
            note=request.POST.get("note", "")[:300],
        )
    except domain.FacilityError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Decision saved."))
    return redirect("facilities:staff")


# --- MSME booths -----------------------------------------------------------------------------


def directory(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    today = local_day(mall, timezone.now())
    return render(
        request,
        "facilities/directory.html",
        {
            "today": today,
            "current": msme_domain.tenants_on(mall, today),
            "upcoming": msme_domain.upcoming_periods(mall, today),
        },
    )


def msme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    mall = mall_or_404(request)
    msme = get_object_or_404(Msme, mall=mall, slug=slug, status=MsmeStatus.APPROVED)
    today = local_day(mall, timezone.now())
    return render(
        request,
        "facilities/msme.html",
        {
            "msme": msme,
            "products": msme.products.all(),
            "periods": msme.periods.filter(ends_on__gte=today).select_related("booth"),
        },
    )


@never_cache
@login_required
def msme_register(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    form = MsmeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            products = msme_domain.parse_products(data["products"])
            msme_domain.register_msme(
                mall=mall,
                owner=request.user,
                business_name=data["business_name"],
                owner_name=data["owner_name"],
                nib=data["nib"],
                category=data["category"],
                whatsapp=data["whatsapp"],
                description=data["description"],
                products=products,
            )
        except domain.FacilityError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Registered. The mall will review your registration."))
            return redirect("facilities:msme-mine")
    return render(request, "facilities/msme_register.html", {"form": form})


@never_cache
@login_required
def msme_mine(request: HttpRequest) -> HttpResponse:
    mine = list(
        Msme.objects.filter(owner_id=request.user.pk).prefetch_related("products", "periods")
    )
    forms = {}
    for m in mine:
        text = "\n".join(f"{p.name}; {p.price}" for p in m.products.all())
        bound = request.method == "POST" and request.POST.get("msme") == m.slug
        form = ProductsForm(request.POST if bound else None, initial={"products": text})
        if bound and form.is_valid():
            try:
                msme_domain.update_products(
                    msme=m,
                    user=request.user,
                    products=msme_domain.parse_products(form.cleaned_data["products"]),
                )
            except domain.FacilityError as exc:
                form.add_error("products", exc.message)
            else:
                messages.success(request, _("Product list saved."))
                return redirect("facilities:msme-mine")
        forms[m.pk] = form
    rows = [
        {"msme": m, "form": forms[m.pk], "periods": m.periods.select_related("booth")} for m in mine
    ]
    return render(request, "facilities/msme_mine.html", {"rows": rows})
