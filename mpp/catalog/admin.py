"""Staff administration of agencies and services (the service standard), in Indonesian.

Rules (decided in `mpp.catalog.rules`): a catalogue editor or agency administrator of
agency X sees and edits only X's services and X's own record (not the fields that place it in
the mall); a mall manager edits the whole catalogue of their mall; an auditor only looks;
superusers do everything. Objects outside a user's scope answer 404.

Saving goes through the same rules as `mpp.catalog.domain`: the form runs the model's
validation plus the cross-field rules of the standard (`spreadsheet.rules`), and the search
index is refreshed after the requirements and steps are saved.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mpp.catalog import admin_confirmation, rules
from mpp.catalog.confirmation import clear_confirmation
from mpp.catalog.domain import (
    AGENCY_BOOKKEEPING_FIELDS,
    SERVICE_BOOKKEEPING_FIELDS,
    clears_confirmation,
)
from mpp.catalog.models import (
    Agency,
    ProcedureStep,
    Requirement,
    Service,
    StandardConfirmation,
    review_due_after,
)
from mpp.catalog.search.indexing import reindex_services
from mpp.catalog.spreadsheet import admin_views
from mpp.catalog.spreadsheet.rules import standard_problems
from mpp.core import rules as core_rules
from mpp.core.admin import ObjectOr404Mixin

#: Addresses typed without a scheme are read as https:// (Django 6's default, today).
URL_FIELDS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


def _form_field(db_field: Any, **kwargs: Any) -> Any:
    kwargs.update(URL_FIELDS.get(type(db_field), {}))
    return db_field.formfield(**kwargs)


class CatalogueRulesMixin:
    """The permission hooks every catalogue admin page shares, answered by mpp.catalog.rules:
    the section opens for whoever sees part of the catalogue, an object by `view_rule`;
    a change without an object in hand by `change_any_rule`, with one by `change_rule`."""

    view_rule: Any = staticmethod(rules.can_view_service)
    change_rule: Any = staticmethod(rules.can_change_service)
    change_any_rule: Any = staticmethod(rules.can_add_services)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.can_view_catalogue(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return rules.can_view_catalogue(request.user)
        return bool(self.view_rule(request.user, obj))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return bool(self.change_any_rule(request.user))
        return bool(self.change_rule(request.user, obj))


# --- Agencies --------------------------------------------------------------------------------


class AgencyAdminForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose the fields)
        formfield_callback = _form_field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        mall = cleaned.get("mall") or getattr(self.instance, "mall", None)
        booth = cleaned.get("booth")
        if booth is not None and mall is not None and booth.mall_id != mall.pk:
            self.add_error("booth", gettext("This booth belongs to another mall."))
        return cleaned


@admin.register(Agency)
class AgencyAdmin(CatalogueRulesMixin, ObjectOr404Mixin, admin.ModelAdmin):
    view_rule = staticmethod(rules.can_view_agency)
    change_rule = staticmethod(rules.can_change_agency)
    form = AgencyAdminForm
    formfield_overrides = URL_FIELDS
    list_display = (
        "short_name",
        "name",
        "level",
        "booth",
        "service_count",
        "confirmed",
        "position",
        "is_active",
        "mall",
    )
    list_display_links = ("short_name", "name")
    list_filter = ("level", "is_active", ("mall", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "short_name", "name_en", "slug")
    list_select_related = ("mall", "booth")
    prepopulated_fields = {"slug": ("short_name",)}
    readonly_fields = ("updated_at", "confirmed_at", "confirmed_by")
    fieldsets = (
        (None, {"fields": ("mall", "name", "name_en", "short_name", "slug", "level")}),
        (_("Description"), {"fields": ("description", "description_en")}),
        (
            _("Service pledge and head of unit"),
            {"fields": ("maklumat", ("head_name", "head_title"))},
        ),
        (_("Contact"), {"fields": ("phone", "email", "website")}),
        (
            _("Place in the mall"),
            {
                "fields": ("booth", "opening_hours", "position", "is_active"),
                "description": _("Opening hours: leave [] to use the mall's opening hours."),
            },
        ),
        (
            _("For staff: notes and confirmation"),
            {"fields": ("notes", ("confirmed_at", "confirmed_by"), "updated_at")},
        ),
    )

    @admin.display(description=_("services"), ordering="service_count")
    def service_count(self, obj: Agency) -> int:
        return getattr(obj, "service_count", 0)

    @admin.display(description=_("confirmed by the agency"), boolean=True)
    def confirmed(self, obj: Agency) -> bool:
        return obj.confirmed_at is not None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        return (
            rules.viewable_agencies(request.user)
            .select_related("mall", "booth")
            .annotate(service_count=Count("services"))
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        restricted = rules.restricted_agency_fields(request.user, obj) if obj else ()
        return (*self.readonly_fields, *restricted)

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        if "slug" in self.get_readonly_fields(request, obj):
            return {}
        return dict(self.prepopulated_fields)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "mall":
            kwargs["queryset"] = core_rules.managed_malls(request.user)
        elif db_field.name == "booth":
            kwargs["queryset"] = core_rules.assignable_booths(request.user).select_related("mall")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return rules.can_add_agencies(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return rules.can_add_agencies(request.user)
        return rules.can_delete_agency(request.user, obj)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The search index carries the agency's names and whether it is active.
        reindex_services(list(form.instance.services.values_list("pk", flat=True)))
        if change and clears_confirmation(set(form.changed_data), AGENCY_BOOKKEEPING_FIELDS):
            clear_confirmation(obj=form.instance, actor=request.user, reason="admin edit")

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/konfirmasi/",
                wrap(self.confirm_view),
                name="catalog_agency_confirm",
            ),
            *super().get_urls(),
        ]

    def confirm_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return admin_confirmation.agency_view(self, request, object_id)

    def delete_model(self, request: HttpRequest, obj: Agency) -> None:
        service_ids = list(obj.services.values_list("pk", flat=True))
        super().delete_model(request, obj)
        reindex_services(service_ids)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Agency]) -> None:
        service_ids = list(Service.objects.filter(agency__in=queryset).values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        reindex_services(service_ids)


# --- Services --------------------------------------------------------------------------------


class ConfirmationFilter(admin.SimpleListFilter):
    """Whether the agency has confirmed the standard, and whether the review is overdue."""

    title = _("confirmation by the agency")
    parameter_name = "confirmation"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("unconfirmed", _("not confirmed")),
            ("overdue", _("review overdue")),
            ("confirmed", _("confirmed and up to date")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Service]) -> QuerySet[Service]:
        value = self.value()
        if value is None:
            return queryset
        if value == "unconfirmed":
            return queryset.filter(confirmed_at__isnull=True)
        today = timezone.localdate()
        # Due = confirmation day + N months; overdue when that day is before today.
        ids = [
            pk
            for pk, confirmed_at in queryset.filter(confirmed_at__isnull=False).values_list(
                "pk", "confirmed_at"
            )
            if (review_due_after(confirmed_at) or today) < today
        ]
        if value == "overdue":
            return queryset.filter(pk__in=ids)
        return queryset.filter(confirmed_at__isnull=False).exclude(pk__in=ids)


class _ServiceLineInline(CatalogueRulesMixin, admin.TabularInline):
    """Requirements and steps are part of their service: its rights are theirs."""

    extra = 0
    ordering = ("position", "pk")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)


class RequirementInline(_ServiceLineInline):
    model = Requirement
    fields = ("position", "text", "text_en", "is_mandatory", "form", "quantity", "note")
    verbose_name_plural = _("1. Requirements")


class ProcedureStepInline(_ServiceLineInline):
    model = ProcedureStep
    fields = ("position", "text", "text_en")
    verbose_name_plural = _("2. Procedure steps")


class ServiceAdminForm(forms.ModelForm):
    """The service form: the model's validation plus the standard's cross-field rules, and the
    slug checked within the mall of the chosen agency (the mall follows the agency)."""

    class Meta:
        model = Service
        exclude = ("mall",)  # noqa: DJ006 (the admin's fieldsets choose; the mall follows the agency)
        formfield_callback = _form_field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        agency = cleaned.get("agency")
        if agency is not None:
            self.instance.mall = agency.mall
            slug = cleaned.get("slug")
            taken = (
                Service.objects.filter(mall_id=agency.mall_id, slug=slug)
                .exclude(pk=self.instance.pk)
                .exists()
            )
            if slug and taken:
                self.add_error(
                    "slug", gettext("Another service of this mall already has this slug.")
                )
        for name, message in standard_problems(
            fee_kind=cleaned.get("fee_kind"),
            fee_amount=cleaned.get("fee_amount"),
            fee_max=cleaned.get("fee_max"),
            turnaround_value=cleaned.get("turnaround_value"),
            turnaround_max=cleaned.get("turnaround_max"),
        ):
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return cleaned


@admin.register(Service)
class ServiceAdmin(CatalogueRulesMixin, ObjectOr404Mixin, admin.ModelAdmin):
    form = ServiceAdminForm
    formfield_overrides = URL_FIELDS
    inlines = (RequirementInline, ProcedureStepInline)
    change_list_template = "admin/catalog/service/change_list.html"
    list_display = (
        "name",
        "agency",
        "category",
        "fee",
        "turnaround",
        "channel",
        "confirmation",
        "decree",
        "needs_confirmation",
        "is_active",
        "updated_at",
    )
    list_filter = (
        ("agency", admin.RelatedOnlyFieldListFilter),
        ConfirmationFilter,
        "category",
        "fee_kind",
        "channel",
        "needs_confirmation",
        "is_active",
    )
    search_fields = ("name", "name_en", "slug", "keywords", "agency__name", "agency__short_name")
    list_select_related = ("agency",)
    list_per_page = 50
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("updated_at", "confirmed_at", "confirmed_by")
    fieldsets = (
        (
            _("Service"),
            {
                "fields": (
                    "agency",
                    "name",
                    "name_en",
                    "slug",
                    "summary",
                    "summary_en",
                    "category",
                    "keywords",
                    ("position", "is_active"),
                ),
                "description": _(
                    "The six public components of the standard: 1. requirements and "
                    "2. procedure (below the form), 3. turnaround time, 4. fee, 5. product, "
                    "6. complaints."
                ),
            },
        ),
        (
            _("3. Turnaround time"),
            {
                "fields": (
                    ("turnaround_value", "turnaround_max", "turnaround_unit"),
                    "turnaround_note",
                )
            },
        ),
        (
            _("4. Fee"),
            {
                "fields": (
                    "fee_kind",
                    ("fee_amount", "fee_max", "fee_unit"),
                    "fee_note",
                    "fee_legal_basis",
                ),
                "description": _(
                    "Free: no amount. Fixed: one amount. Range: from the fee up to the highest "
                    "fee. Per unit: the amount per unit. Formula: explain it in the note."
                ),
            },
        ),
        (_("5. Product"), {"fields": ("product", "product_en")}),
        (
            _("6. Complaints, suggestions and feedback"),
            {"fields": ("complaint_handling", "complaint_handling_en")},
        ),
        (
            _("Delivery"),
            {
                "fields": (
                    "channel",
                    ("online_system", "online_url"),
                    "booth_help",
                    "booth_help_en",
                    "accepts_online_applications",
                    "counter_info",
                ),
                "description": _(
                    "Official channels first: when people apply through a national or agency "
                    "system (M-Paspor, OSS, e-Court, IKD …), name it and give its address; the "
                    "page sends people there and says what the booth helps with. Tick “accepts "
                    "online applications” only when the agency has agreed to receive "
                    "applications through this site."
                ),
            },
        ),
        (
            _("Legal basis and decree"),
            {"fields": ("legal_basis", ("decree_number", "decree_date"))},
        ),
        (
            _("Internal components of the standard"),
            {
                "classes": ("collapse",),
                "fields": (
                    "facilities",
                    "staff_competence",
                    "internal_supervision",
                    "staff_count",
                    "service_guarantee",
                    "safety_guarantee",
                    "performance_evaluation",
                ),
            },
        ),
        (
            _("For staff: provenance and confirmation"),
            {
                "fields": (
                    "source",
                    ("needs_confirmation", "last_verified"),
                    "open_questions",
                    ("confirmed_at", "confirmed_by"),
                    "updated_at",
                ),
                "description": _(
                    "Never shown to citizens. The agency confirms the standard on its review "
                    "page; any change to what citizens read clears the confirmation."
                ),
            },
        ),
    )

    @admin.display(description=_("fee"), ordering="fee_amount")
    def fee(self, obj: Service) -> str:
        return obj.fee_display

    @admin.display(description=_("turnaround"), ordering="turnaround_value")
    def turnaround(self, obj: Service) -> str:
        return obj.turnaround_display

    @admin.display(description=_("confirmation"), ordering="confirmed_at")
    def confirmation(self, obj: Service) -> str:
        if obj.confirmed_at is None:
            return gettext("not confirmed")
        due = obj.review_due
        if due is not None and due < timezone.localdate():
            return gettext("review overdue")
        return gettext("confirmed")

    @admin.display(description=_("decree (SK)"), ordering="decree_date")
    def decree(self, obj: Service) -> str:
        """The SK that set the standard, or "perlu konfirmasi" while the agency has not given
        it (it is asked for when the agency confirms)."""
        if not obj.decree_number:
            return gettext("needs confirmation")
        if obj.decree_date is None:
            return obj.decree_number
        return f"{obj.decree_number} ({obj.decree_date:%d-%m-%Y})"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Service]:
        return rules.viewable_services(request.user).select_related("agency", "mall")

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = list(super().get_list_filter(request))
        if rules.sees_several_malls(request.user):
            filters.append(("mall", admin.RelatedOnlyFieldListFilter))
        return filters

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = rules.editable_agencies(request.user).select_related("mall")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return rules.can_add_services(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Service, form: Any, change: bool) -> None:
        obj.mall = obj.agency.mall
        obj.full_clean()
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        reindex_services([form.instance.pk])
        lines_changed = any(formset.has_changed() for formset in formsets)
        if change and (
            lines_changed or clears_confirmation(set(form.changed_data), SERVICE_BOOKKEEPING_FIELDS)
        ):
            clear_confirmation(obj=form.instance, actor=request.user, reason="admin edit")

    def delete_model(self, request: HttpRequest, obj: Service) -> None:
        pk = obj.pk
        super().delete_model(request, obj)
        reindex_services([pk])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        reindex_services(ids)

    # Spreadsheet import and export ------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path(
                "import/",
                wrap(self.import_view),
                name="catalog_service_import",
            ),
            path("export/", wrap(self.export_view), name="catalog_service_export"),
            path("template/", wrap(self.template_view), name="catalog_service_template"),
            path(
                "konfirmasi/",
                wrap(self.confirmation_view),
                name="catalog_service_confirmation",
            ),
            path(
                "<path:object_id>/konfirmasi/",
                wrap(self.confirm_view),
                name="catalog_service_confirm",
            ),
            *super().get_urls(),
        ]

    def confirmation_view(self, request: HttpRequest) -> HttpResponse:
        return admin_confirmation.overview_view(self, request)

    def confirm_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return admin_confirmation.service_view(self, request, object_id)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        return admin_views.import_view(self, request)

    def export_view(self, request: HttpRequest) -> HttpResponse:
        return admin_views.export_view(self, request)

    def template_view(self, request: HttpRequest) -> HttpResponse:
        return admin_views.template_view(self, request)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra = {
            "can_import": rules.can_import_catalogue(request.user),
            "spreadsheet_url": (
                reverse("admin:catalog_service_import")
                if rules.can_view_catalogue(request.user)
                else ""
            ),
            "confirmation_url": (
                reverse("admin:catalog_service_confirmation")
                if rules.can_view_catalogue(request.user)
                else ""
            ),
        }
        return super().changelist_view(request, {**extra, **(extra_context or {})})


@admin.register(StandardConfirmation)
class StandardConfirmationAdmin(admin.ModelAdmin):
    """The admin index's entry "Konfirmasi standar pelayanan": it leads to the overview of
    what each agency has confirmed, what is unconfirmed and what is overdue for review
    (`admin_confirmation.overview_view`). Nothing is added, changed or deleted here."""

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "",
                self.admin_site.admin_view(self.changelist_view),
                name="catalog_standardconfirmation_changelist",
            )
        ]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not self.has_view_permission(request):
            raise Http404
        return HttpResponseRedirect(reverse("admin:catalog_service_confirmation"))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.can_view_catalogue(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and rules.can_view_catalogue(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
