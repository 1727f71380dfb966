"""Staff administration of malls and booths.

Who may do what is decided in `mpp.core.rules`: a mall manager changes their mall and its
booths, an auditor sees them, superusers do everything (including adding malls); agency-level
editors do not see these pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from mpp.core import rules
from mpp.core.models import Booth, Mall


class ObjectOr404Mixin:
    """Objects outside the user's scope answer 404 instead of a redirect to the index, so an
    address gives nothing away and behaves like a missing page."""

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Any:
        obj = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if obj is None:
            raise Http404
        return obj


class BoothInline(admin.TabularInline):
    model = Booth
    extra = 0
    fields = ("code", "label", "kind", "floor", "x", "y", "width", "height")
    ordering = ("floor", "code")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or rules.can_view_mall(request.user, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and rules.can_manage_booths(request.user, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and rules.can_manage_booths(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and rules.can_manage_booths(request.user, obj)


@admin.register(Mall)
class MallAdmin(ObjectOr404Mixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "short_name", "regency", "slug", "floors", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "short_name", "regency", "slug")
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = (BoothInline,)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "regency", "region_code", "is_active")}),
        (
            _("Address and contact"),
            {
                "fields": (
                    "address",
                    "directions",
                    "directions_en",
                    ("latitude", "longitude"),
                    "phone",
                    "email",
                    "website",
                )
            },
        ),
        (
            _("Opening hours and building"),
            {
                "fields": ("timezone", "opening_hours", "opened_on", "floors", "facilities"),
                "description": _(
                    'Opening hours as a list, e.g. [{"days": [0, 1, 2, 3, 4], '
                    '"opens": "08:00", "closes": "15:00"}] (0 is Monday).'
                ),
            },
        ),
        (
            _("Reports and signature"),
            {
                "fields": ("report_issuer", "head_name", "head_position", "head_nip"),
                "description": _(
                    "Printed on the cover and in the signature block of the monthly report, "
                    "the SKM report and the IKM poster."
                ),
            },
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Mall]:
        return rules.viewable_malls(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.can_view_some_mall(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return self.has_module_permission(request)
        return rules.can_view_mall(request.user, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return rules.can_add_or_delete_malls(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return rules.can_change_some_mall(request.user)
        return rules.can_change_mall(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return rules.can_add_or_delete_malls(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if rules.can_rename_malls(request.user):
            return ()
        return ("slug", "is_active")

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        if "slug" in self.get_readonly_fields(request, obj):
            return {}
        return dict(self.prepopulated_fields)


@admin.register(Booth)
class BoothAdmin(ObjectOr404Mixin, admin.ModelAdmin):
    list_display = ("code", "label", "kind", "floor", "mall")
    list_filter = (("mall", admin.RelatedOnlyFieldListFilter), "kind", "floor")
    search_fields = ("code", "label")
    list_select_related = ("mall",)
    fields = ("mall", "code", "label", "kind", "floor", ("x", "y"), ("width", "height"))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Booth]:
        return rules.viewable_booths(request.user).select_related("mall")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "mall":
            kwargs["queryset"] = rules.managed_malls(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.can_view_some_mall(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return self.has_module_permission(request)
        return rules.can_view_mall(request.user, obj.mall)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return rules.can_manage_booths(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return rules.can_manage_booths(request.user, obj.mall if obj else None)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return rules.can_manage_booths(request.user, obj.mall if obj else None)
