"""Who may run the front desk and manage rooms: mall managers of the mall (second factor
passed), or superusers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership
from mpp.applications import access
from mpp.core.models import Mall


def manages(user: Any, mall: Mall | None) -> bool:
    if mall is None or not getattr(user, "is_staff", False):
        return False
    if user.is_superuser:
        return True
    return StaffMembership.objects.filter(
        user=user, mall=mall, role=StaffRole.MALL_MANAGER
    ).exists()


def facility_staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from mpp.core.tenancy import current_mall

        user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.path})}")
        if not user.is_staff:
            raise Http404
        if not access.staff_verified(user):
            return redirect(f"{reverse('accounts:two-factor')}?{urlencode({'next': request.path})}")
        if not manages(user, current_mall(request)):
            return HttpResponseForbidden(_("Only the mall's managers manage the rooms."))
        return view(request, *args, **kwargs)

    return wrapper
