"""How fees and turnaround times read to a citizen, in the active language."""

from __future__ import annotations

from typing import Protocol

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mpp.catalog.enums import FeeKind, TimeUnit
from mpp.core.formatting import rupiah


class Service(Protocol):
    """What these rules read of a `catalog.models.Service` (no import: the model uses them)."""

    @property
    def fee_kind(self) -> str: ...
    @property
    def fee_amount(self) -> int: ...
    @property
    def fee_max(self) -> int | None: ...
    @property
    def fee_unit(self) -> str: ...
    @property
    def turnaround_value(self) -> int: ...
    @property
    def turnaround_max(self) -> int | None: ...
    @property
    def turnaround_unit(self) -> str: ...


def describe_fee(service: Service) -> str:
    kind = service.fee_kind
    if kind == FeeKind.FREE or (kind == FeeKind.FIXED and service.fee_amount == 0):
        return _("Free")
    if kind == FeeKind.FIXED:
        return rupiah(service.fee_amount)
    if kind == FeeKind.RANGE:
        low = rupiah(service.fee_amount, free_label=False)
        if service.fee_max is None:
            return _("from %(amount)s") % {"amount": low}
        return f"{low}–{rupiah(service.fee_max, free_label=False)}"
    if kind == FeeKind.PER_UNIT:
        unit = service.fee_unit or _("per unit")
        return f"{rupiah(service.fee_amount, free_label=False)} {unit}"
    return _("Depends on the case (see the explanation)")


def _unit_label(unit: str, count: int) -> str:
    if unit == TimeUnit.MINUTES:
        return ngettext("minute", "minutes", count)
    if unit == TimeUnit.HOURS:
        return ngettext("hour", "hours", count)
    if unit == TimeUnit.DAYS:
        return ngettext("day", "days", count)
    return ngettext("working day", "working days", count)


def describe_turnaround(service: Service) -> str:
    low, high = service.turnaround_value, service.turnaround_max
    if high is not None and high != low:
        return f"{low}–{high} {_unit_label(service.turnaround_unit, high)}"
    return f"{low} {_unit_label(service.turnaround_unit, low)}"
