"""Who may run the front desk and manage rooms: mall managers of the mall (second factor
passed), or superusers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from mpp.accounts.access import has_role, staff_page
from mpp.accounts.enums import StaffRole
from mpp.core.models import Mall


def manages(user: Any, mall: Mall | None) -> bool:
    if mall is None or not getattr(user, "is_staff", False):
        return False
    if user.is_superuser:
        return True
    return has_role(user, {StaffRole.MALL_MANAGER}, mall_id=mall.pk)


def facility_staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The staff-page gate (mpp.accounts.access.staff_page) with the mall-manager rule."""
    return staff_page(view, allow=manages, denied=_("Only the mall's managers manage the rooms."))
