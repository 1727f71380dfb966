"""Counters: officers sign in and out, pause and resume."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mpp.accounts.access import has_role, works_in
from mpp.accounts.enums import StaffRole
from mpp.accounts.models import User
from mpp.queueing.domain.common import now_or, nudge_board
from mpp.queueing.domain.errors import ConflictError, ForbiddenError
from mpp.queueing.enums import CounterState
from mpp.queueing.models import Counter

#: Agency roles that may staff a counter of their agency.
COUNTER_ROLES = frozenset(
    {StaffRole.COUNTER_OFFICER, StaffRole.AGENCY_ADMIN, StaffRole.HEAD_OF_UNIT}
)


def works_at_counters(user: Any, mall: Any) -> bool:
    """The officer console's rule (mpp.accounts.access.staff_page): counter staff of this mall
    and its managers."""
    return works_in(user, mall, COUNTER_ROLES | {StaffRole.MALL_MANAGER})


def may_staff_counter(user: User, counter: Counter) -> bool:
    """Counter officers of the counter's agency, and the mall's managers, may staff it."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return has_role(
        user, COUNTER_ROLES, mall_id=counter.mall_id, agency_id=counter.agency_id
    ) or has_role(user, {StaffRole.MALL_MANAGER}, mall_id=counter.mall_id)


def sign_in_counter(*, counter: Counter, officer: User, now: datetime | None = None) -> Counter:
    """Sign `officer` in at `counter` (and out of any other counter). Refused when another
    officer is signed in there: they sign out first (or a mall manager frees the counter)."""
    now = now_or(now)
    if not may_staff_counter(officer, counter):
        raise ForbiddenError(_("You may not work at this counter."), field="counter")
    try:
        with transaction.atomic():
            locked = Counter.objects.select_for_update().get(pk=counter.pk)
            if locked.officer_id == officer.pk:
                return locked
            if locked.officer_id is not None:
                raise ConflictError(
                    _("Another officer is signed in at this counter. Ask them to sign out."),
                    field="counter",
                )
            Counter.objects.filter(officer=officer).update(officer=None, officer_since=None)
            locked.officer = officer
            locked.officer_since = now
            locked.save(update_fields=["officer", "officer_since"])
            nudge_board(locked.mall_id, 0, "counter", counter=locked.pk)
    except IntegrityError as exc:  # the officer signed in elsewhere at the same moment
        raise ConflictError(
            _("You are signing in somewhere else; try again."), field="counter"
        ) from exc
    return locked


def sign_out_counter(*, counter: Counter, officer: User) -> Counter:
    with transaction.atomic():
        locked = Counter.objects.select_for_update().get(pk=counter.pk)
        if locked.officer_id != officer.pk and not officer.is_superuser:
            raise ForbiddenError(_("You are not signed in at this counter."), field="counter")
        locked.officer = None
        locked.officer_since = None
        locked.save(update_fields=["officer", "officer_since"])
        nudge_board(locked.mall_id, 0, "counter", counter=locked.pk)
    return locked


def set_counter_state(*, counter: Counter, officer: User, state: str) -> Counter:
    """Pause or resume (open) a counter; only its signed-in officer may."""
    if state not in CounterState.values:
        raise ConflictError(_("Unknown counter state."), field="state")
    with transaction.atomic():
        locked = Counter.objects.select_for_update().get(pk=counter.pk)
        if locked.officer_id != officer.pk:
            raise ForbiddenError(_("You are not signed in at this counter."), field="counter")
        locked.state = state
        locked.save(update_fields=["state"])
        nudge_board(locked.mall_id, 0, "counter", counter=locked.pk)
    return locked


def counter_changed(counter: Counter) -> None:
    """An administrator changed a counter's setup (its services, state or officer): the live
    pages that show it refresh, and an officer console takes its services from that refresh
    (console.js), so a service added mid-day reaches the console without a reload."""
    nudge_board(counter.mall_id, 0, "counter", counter=counter.pk)
