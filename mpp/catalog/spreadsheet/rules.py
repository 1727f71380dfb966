"""Rules between fields of a service standard that a single field cannot check.

Shared by the spreadsheet import and the admin form, so a standard that one refuses the other
refuses too, with the same words. The database constraints (ranges ordered) are repeated here
so that people get a message instead of an integrity error.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from mpp.catalog.enums import FeeKind
from mpp.core.formatting import rupiah


def standard_problems(
    *,
    fee_kind: str | None,
    fee_amount: int | None,
    fee_max: int | None,
    turnaround_value: int | None,
    turnaround_max: int | None,
) -> list[tuple[str, str]]:
    """Problems as (field name, message); empty when the values fit together."""
    problems: list[tuple[str, str]] = []
    if (
        turnaround_value is not None
        and turnaround_max is not None
        and turnaround_max < turnaround_value
    ):
        problems.append(
            (
                "turnaround_max",
                _("The upper bound (%(maximum)s) is lower than the turnaround time (%(value)s).")
                % {"maximum": turnaround_max, "value": turnaround_value},
            )
        )
    amount = fee_amount or 0
    if fee_kind == FeeKind.FREE:
        if amount:
            problems.append(
                (
                    "fee_amount",
                    _(
                        "A free service has no fee: leave the amount empty or 0, or choose "
                        "another fee kind."
                    ),
                )
            )
        if fee_max is not None:
            problems.append(("fee_max", _("A free service has no highest fee: leave it empty.")))
    elif fee_max is not None:
        if fee_kind in {FeeKind.FIXED, FeeKind.PER_UNIT}:
            problems.append(
                (
                    "fee_max",
                    _("Only a range or a formula has a highest fee: leave it empty."),
                )
            )
        elif fee_max < amount:
            problems.append(
                (
                    "fee_max",
                    _("The highest fee (%(maximum)s) is lower than the fee (%(amount)s).")
                    % {
                        "maximum": rupiah(fee_max, free_label=False),
                        "amount": rupiah(amount, free_label=False),
                    },
                )
            )
    return problems
