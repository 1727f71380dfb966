"""Admin for counters, queue settings of services, slots, tickets (read-mostly) and bookings.
Staff change settings here; tickets and bookings change only through the domain functions,
so their admin pages are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mpp.queueing import domain
from mpp.queueing.models import (
    Booking,
    Counter,
    KioskShortcut,
    QueueService,
    Slot,
    Ticket,
    TicketEvent,
)


@admin.register(QueueService)
class QueueServiceAdmin(admin.ModelAdmin):
    list_display = ("service", "prefix", "walk_in_enabled", "booking_enabled", "slot_capacity")
    list_filter = ("prefix", "walk_in_enabled", "booking_enabled")
    search_fields = ("service__name", "prefix")
    raw_id_fields = ("service",)


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ("number", "agency", "label", "state", "officer", "is_active")
    list_filter = ("mall", "agency", "state", "is_active")
    search_fields = ("number", "label", "agency__name")
    filter_horizontal = ("services",)
    raw_id_fields = ("officer",)
    readonly_fields = ("officer_since",)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # After the services are saved: the consoles and boards showing it refresh.
        domain.counter_changed(form.instance)


@admin.register(KioskShortcut)
class KioskShortcutAdmin(admin.ModelAdmin):
    """The kiosk's "Layanan populer" buttons (mpp/queueing/kiosk.py). Without any, the kiosk
    shows the defaults matched from the catalogue."""

    list_display = ("label", "hint", "mall", "position", "is_active")
    list_filter = ("mall", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("label", "hint", "services__name")
    filter_horizontal = ("services",)


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = (
        "service",
        "starts_at",
        "capacity",
        "booking_reserved",
        "booked_count",
        "walk_in_count",
    )
    list_filter = ("day",)
    readonly_fields = ("booked_count", "walk_in_count")
    date_hierarchy = "day"


class TicketEventInline(admin.TabularInline):
    model = TicketEvent
    fields = ("at", "kind", "counter", "actor", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    list_display = ("display_number", "day", "service", "status", "priority", "channel", "counter")
    list_filter = ("day", "status", "channel", "priority")
    search_fields = ("code", "service__name")
    inlines = [TicketEventInline]
    date_hierarchy = "day"

    @admin.display(description=_("number"))
    def display_number(self, obj: Ticket) -> str:
        return obj.display_number


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin):
    list_display = ("code", "service", "starts_at", "status")
    list_filter = ("status", "day")
    search_fields = ("code",)
    exclude = ("person_key",)
