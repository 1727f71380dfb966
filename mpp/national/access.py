"""Who is a national administrator (see mpp/national/models.py)."""

from __future__ import annotations

from typing import Any

from mpp.accounts.access import is_staff_user, second_factor_passed

PERMISSION = "national.administer_network"


def is_national_admin(user: Any) -> bool:
    """A superuser, or a staff user holding ``national.administer_network``."""
    if not is_staff_user(user):
        return False
    return bool(user.is_superuser or user.has_perm(PERMISSION))


def may_administer_network(request: Any) -> bool:
    return is_national_admin(request.user) and second_factor_passed(request)
