"""The national administrator's list of every mall and its settings (issue 14 item 3)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mpp.core.admin import MallAdmin
from mpp.national.access import may_administer_network
from mpp.national.models import NetworkMall
from mpp.national.regions import province_name


@admin.register(NetworkMall)
class NetworkMallAdmin(MallAdmin):
    list_display: Any = (
        "name", "regency", "province", "slug", "services", "managers", "is_active", "is_demo",
    )  # fmt: skip
    list_filter = ("is_active", "is_demo")  # type: ignore[assignment]
    inlines = ()  # type: ignore[assignment]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return NetworkMall.objects.annotate(
            service_count=Count("services", filter=Q(services__is_active=True), distinct=True),
            manager_count=Count(
                "staff_memberships",
                filter=Q(staff_memberships__role="mall_manager"),
                distinct=True,
            ),
        )

    @admin.display(description=_("province"))
    def province(self, obj: Any) -> str:
        return province_name(obj.region_code)

    @admin.display(description=_("services"), ordering="service_count")
    def services(self, obj: Any) -> int:
        return int(obj.service_count)

    @admin.display(description=_("mall managers"), ordering="manager_count")
    def managers(self, obj: Any) -> int:
        return int(obj.manager_count)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_administer_network(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_administer_network(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_administer_network(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_administer_network(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a mall is deactivated (is_active), never deleted with its history

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ()
