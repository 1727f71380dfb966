"""People who use the platform: one user table for citizens and staff; staff memberships
bind a user to an agency (or the whole mall) with a role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from mpp.accounts.enums import MALL_WIDE_ROLES, StaffRole
from mpp.catalog.models import Agency
from mpp.core.models import Mall


class User(AbstractUser):
    """The platform's user. Citizens and staff share it; `is_staff` opens the staff side."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class StaffMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="staff_memberships")
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staff_memberships",
        help_text=_("Empty for mall-wide roles (mall manager, auditor)."),
    )
    role = models.CharField(_("role"), max_length=30, choices=StaffRole)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "mall", "agency", "role"], name="membership_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(agency__isnull=False)
                | models.Q(role__in=[r.value for r in MALL_WIDE_ROLES]),
                name="membership_agency_required_for_agency_roles",
            ),
        ]

    def __str__(self) -> str:
        where = self.agency or self.mall
        return f"{self.user} · {self.get_role_display()} · {where}"
