"""Small helpers shared by the domain modules: clock, local day, public codes, person keys,
live-event nudges."""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings
from django.utils.translation import gettext as _

from mpp.core.clock import (  # noqa: F401 - the clock, kept importable from here for the queue
    local_datetime,
    local_day,
    mall_zone,
    now_or,
)
from mpp.core.codes import (  # noqa: F401 - public codes, kept importable from here
    new_code,
    normalise_code,
)
from mpp.core.events import publish_on_commit
from mpp.core.phones import normalise_phone
from mpp.queueing.domain.errors import QueueError

_NIK = re.compile(r"^\d{16}$")


def validate_nik(raw: str) -> str:
    nik = re.sub(r"\s", "", raw or "")
    if not _NIK.match(nik):
        raise QueueError(_("A NIK has exactly 16 digits."), field="nik")
    return nik


def person_key(*, phone: str = "", nik: str = "") -> str:
    """A keyed hash identifying one person for booking limits; the NIK itself is never stored.
    The NIK wins when both are given (a family may share one phone)."""
    if nik:
        material = "nik:" + validate_nik(nik)
    elif phone:
        # the digits only ('62…'), as before phones were stored as '+62…': keys stay stable
        material = "phone:" + normalise_phone(phone, error=QueueError).lstrip("+")
    else:
        raise QueueError(_("Enter your mobile number or your NIK."), field="phone")
    key = hashlib.sha256(("mpp-person:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, material.encode(), hashlib.sha256).hexdigest()


def nudge_board(
    mall_id: int, version: int, kind: str, *, service: int | None = None, counter: int | None = None
) -> None:
    """Tell the mall's live pages that something changed (after the commit). A nudge names the
    service of the ticket it is about and the counter involved, where there is one, so that a
    page refreshes only for what it shows (`concerns` in static/mpp/js/live.js): an officer's
    console for its services and counter, a phone page for its line's pool; a board refreshes
    for every nudge. A nudge naming neither concerns every page."""
    message: dict[str, int | str] = {"v": version, "kind": kind}
    if service is not None:
        message["service"] = service
    if counter is not None:
        message["counter"] = counter
    publish_on_commit(f"board:{mall_id}", message)


def nudge_ticket(code: str, version: int, kind: str) -> None:
    publish_on_commit(f"ticket:{code}", {"v": version, "kind": kind})


def setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))
