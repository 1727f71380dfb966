"""Staff administration of users and their memberships (role × mall × agency).

Superusers manage everyone. A mall manager manages the staff of their mall: users whose every
membership is in that mall (see `permissions.manageable_users`); they can neither see nor grant
superuser status, groups or Django permissions, and memberships they give are limited to their
mall. Nobody else sees these pages.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mpp.accounts import permissions
from mpp.accounts.enums import MALL_WIDE_ROLES
from mpp.accounts.models import StaffMembership, User
from mpp.core import rules
from mpp.core.admin import ObjectOr404Mixin

#: Fields only a superuser may see or set: they grant rights outside the membership model.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "groups", "user_permissions")


class StaffMembershipForm(forms.ModelForm):
    class Meta:
        model = StaffMembership
        fields = ("mall", "agency", "role")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        mall, agency, role = cleaned.get("mall"), cleaned.get("agency"), cleaned.get("role")
        if role and role in MALL_WIDE_ROLES and agency is not None:
            self.add_error("agency", gettext("Leave the agency empty for a mall-wide role."))
        elif role and role not in MALL_WIDE_ROLES and agency is None:
            self.add_error("agency", gettext("Choose the agency this role works for."))
        if agency is not None and mall is not None and agency.mall_id != mall.pk:
            self.add_error("agency", gettext("This agency belongs to another mall."))
        return cleaned


class StaffMembershipInline(admin.TabularInline):
    model = StaffMembership
    form = StaffMembershipForm
    fk_name = "user"
    extra = 0
    fields = ("mall", "agency", "role")

    def get_queryset(self, request: HttpRequest) -> QuerySet[StaffMembership]:
        queryset = super().get_queryset(request).select_related("mall", "agency")
        scope = rules.staff_scope(request.user)
        if scope.is_superuser:
            return queryset
        return queryset.filter(mall_id__in=scope.managed_mall_ids)

    def get_min_num(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int | None:
        # A manager's new user needs a membership in the manager's mall, or they would
        # create an account they can no longer see.
        return None if rules.staff_scope(request.user).is_superuser else 1

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        if not rules.staff_scope(request.user).is_superuser:
            kwargs["validate_min"] = True
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        malls = rules.managed_malls(request.user)
        if db_field.name == "mall":
            kwargs["queryset"] = malls
        elif db_field.name == "agency":
            # The catalogue's Agency, reached through the field (accounts imports no catalogue).
            agencies = db_field.related_model._default_manager
            kwargs["queryset"] = agencies.filter(mall__in=malls).select_related("mall")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_users(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_users(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_users(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_users(request.user)


@admin.register(User)
class UserAdmin(ObjectOr404Mixin, DjangoUserAdmin):
    inlines = (StaffMembershipInline,)
    list_display = (
        "username",
        "first_name",
        "last_name",
        "email",
        "roles",
        "is_staff",
        "is_active",
    )
    list_filter = ("is_staff", "is_active", "memberships__role", "memberships__mall")

    @admin.display(description=_("roles"))
    def roles(self, obj: User) -> str:
        return "; ".join(
            f"{m.get_role_display()} · {m.agency or m.mall}" for m in obj.memberships.all()
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return permissions.manageable_users(request.user).prefetch_related(
            "memberships__mall", "memberships__agency"
        )

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if rules.staff_scope(request.user).is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": _without(options["fields"], SUPERUSER_ONLY_FIELDS)})
            for name, options in fieldsets
        ]

    def get_list_filter(self, request: HttpRequest) -> Any:
        if rules.staff_scope(request.user).is_superuser:
            return (
                "is_staff",
                "is_superuser",
                "is_active",
                "memberships__role",
                "memberships__mall",
            )
        return ("is_staff", "is_active", "memberships__role")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_manage_users(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_users(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.can_manage_users(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage_users(request.user)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Role changes go through the audited domain functions (grant_staff_role /
        revoke_staff_role), never a direct write of StaffMembership."""
        if formset.model is not StaffMembership:
            super().save_formset(request, form, formset, change)
            return
        from mpp.accounts.domain import grant_staff_role, revoke_staff_role

        user = form.instance
        # What the admin's change message reads (ModelAdmin.construct_change_message).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.deleted_forms:
            if row.instance.pk is not None:
                formset.deleted_objects.append(row.instance)
                revoke_staff_role(membership=row.instance, actor=request.user)
        for row in formset.forms:
            if row in formset.deleted_forms or not row.has_changed() or not row.cleaned_data:
                continue
            if row.instance.pk is not None:
                old = StaffMembership.objects.filter(pk=row.instance.pk).first()
                if old is not None:
                    revoke_staff_role(membership=old, actor=request.user)
            data = row.cleaned_data
            granted = grant_staff_role(
                user=user,
                mall=data["mall"],
                role=data["role"],
                agency=data.get("agency"),
                actor=request.user,
            )
            formset.new_objects.append(granted)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Managers deactivate people (is_active); deleting an account is a superuser's act.
        return rules.staff_scope(request.user).is_superuser


def _without(field_names: Any, removed: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(name for name in field_names if name not in removed)
