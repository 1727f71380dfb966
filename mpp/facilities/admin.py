from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from mpp.facilities import msme as msme_domain
from mpp.facilities.domain import FacilityError
from mpp.facilities.models import BoothPeriod, Msme, MsmeProduct, Room, RoomBooking


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "mall", "kind", "capacity", "opens_at", "closes_at", "is_active"]
    list_filter = ["mall", "kind", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(RoomBooking)
class RoomBookingAdmin(admin.ModelAdmin):
    """Read-only: bookings and block-outs go through the domain (no double booking)."""

    list_display = ["code", "room", "starts_at", "ends_at", "status", "user"]
    list_filter = ["room__mall", "room", "status"]
    search_fields = ["code"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class ProductInline(admin.TabularInline):
    model = MsmeProduct
    extra = 0


@admin.register(Msme)
class MsmeAdmin(admin.ModelAdmin):
    list_display = ["business_name", "owner_name", "nib", "category", "status"]
    list_filter = ["mall", "status", "category"]
    search_fields = ["business_name", "owner_name", "nib"]
    readonly_fields = ["status", "review_note", "created_at"]
    inlines = [ProductInline]
    actions = ["approve"]

    @admin.action(description=_("Approve the selected MSMEs"))
    def approve(self, request: Any, queryset: Any) -> None:
        for msme in queryset:
            try:
                msme_domain.review_msme(msme=msme, approve=True, actor=request.user)
            except FacilityError as exc:
                self.message_user(request, exc.message, messages.ERROR)


@admin.register(BoothPeriod)
class BoothPeriodAdmin(admin.ModelAdmin):
    list_display = ["booth", "msme", "starts_on", "ends_on"]
    list_filter = ["mall", "booth"]
