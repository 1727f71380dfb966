"""Consent: opting out and in, replies from citizens, and a citizen's chosen channels.

A citizen stops every message to their number by replying STOP or BERHENTI (on WhatsApp or
SMS) and starts them again with MULAI or START; a signed-in citizen also chooses channels in
their profile. Consent withdrawn is honoured at once: rows already queued for the address are
held back when their turn comes (UU 27/2022 Pasal 22 asks for processing to stop within
3 × 24 hours of a withdrawal; see docs/adr/0014-notification-channels.md). One-time codes the
citizen asks for are the exception: asking is consent.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.accounts.contacts import mask_email
from mpp.audit.domain import record_event
from mpp.core.phones import mask_phone
from mpp.notifications.domain.outbox import canonical_address, queue_notification, render_text
from mpp.notifications.enums import NotificationChannel, OptOutSource
from mpp.notifications.errors import NotificationError
from mpp.notifications.kinds import OPTED_IN, OPTED_OUT
from mpp.notifications.models import Contact, NotificationPreference

#: Replies that stop messages (Indonesian first) and that start them again.
STOP_WORDS = frozenset({"STOP", "BERHENTI", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "BATAL"})
START_WORDS = frozenset({"MULAI", "START", "LANJUT", "UNSTOP", "SUBSCRIBE"})


def _masked(address: str) -> str:
    return mask_email(address) if "@" in address else mask_phone(address)


def _canonical(address: str) -> str:
    channel = NotificationChannel.EMAIL if "@" in (address or "") else NotificationChannel.SMS
    canonical = canonical_address(channel, address)
    if not canonical:
        raise NotificationError(
            _("Enter a mobile number such as 0812 3456 7890 or an e-mail address."),
            field="address",
        )
    return canonical


def opt_out(*, address: str, source: str, actor: Any = None) -> Contact:
    """Stop every message to `address` (except codes the citizen asks for). Idempotent."""
    return _set_opt_out(address=address, source=source, actor=actor, stopped=True)


def opt_in(*, address: str, source: str, actor: Any = None) -> Contact:
    """Allow messages to `address` again. Idempotent."""
    return _set_opt_out(address=address, source=source, actor=actor, stopped=False)


def _set_opt_out(*, address: str, source: str, actor: Any, stopped: bool) -> Contact:
    """Record the citizen's choice once (audited); repeating it changes nothing."""
    canonical = _canonical(address)
    with transaction.atomic():
        contact, _created = Contact.objects.select_for_update().get_or_create(address=canonical)
        if (contact.opted_out_at is not None) != stopped:
            contact.opted_out_at = timezone.now() if stopped else None
            contact.opt_out_source = source if stopped else ""
            contact.save(update_fields=["opted_out_at", "opt_out_source", "updated_at"])
            record_event(
                action="notifications.opt_out" if stopped else "notifications.opt_in",
                obj=contact,
                actor=actor or f"citizen:{source}",
                data={"address": _masked(canonical), "source": source},
            )
    return contact


def is_opted_out(address: str) -> bool:
    canonical = canonical_address(
        NotificationChannel.EMAIL if "@" in (address or "") else NotificationChannel.SMS, address
    )
    return bool(
        canonical and Contact.objects.filter(address=canonical, opted_out_at__isnull=False).exists()
    )


def _keyword(text: str) -> str:
    words = re.sub(r"[^A-Za-z ]+", " ", text or "").upper().split()
    return " ".join(words[:2]) if words else ""


def handle_inbound_message(
    *, channel: str, sender: str, text: str, received_at: datetime | None = None
) -> str:
    """A citizen wrote to us. On WhatsApp this opens the 24-hour window for free text. STOP /
    BERHENTI opts the number out, MULAI / START in again, each confirmed by a reply. Returns
    what was done: "opted_out", "opted_in", "noted" or "ignored" (not a phone number)."""
    address = canonical_address(NotificationChannel.SMS, sender)
    if not address:
        return "ignored"
    now = received_at or timezone.now()
    keyword = _keyword(text)
    first = keyword.split(" ")[0] if keyword else ""
    with transaction.atomic():
        contact, _created = Contact.objects.select_for_update().get_or_create(address=address)
        if channel == NotificationChannel.WHATSAPP and (
            contact.last_inbound_at is None or contact.last_inbound_at < now
        ):
            contact.last_inbound_at = now
            contact.save(update_fields=["last_inbound_at", "updated_at"])
        if keyword in STOP_WORDS or first in STOP_WORDS:
            was_out = contact.opted_out_at is not None
            opt_out(address=address, source=OptOutSource.REPLY)
            if not was_out:
                _confirm(channel, address, OPTED_OUT.key)
            return "opted_out"
        if keyword in START_WORDS or first in START_WORDS:
            was_out = contact.opted_out_at is not None
            opt_in(address=address, source=OptOutSource.REPLY)
            if was_out:
                _confirm(channel, address, OPTED_IN.key)
            return "opted_in"
    return "noted"


def _confirm(channel: str, address: str, kind_key: str) -> None:
    kind = OPTED_OUT if kind_key == OPTED_OUT.key else OPTED_IN
    queue_notification(
        channel=channel,
        to=address,
        body=render_text(kind, mall=None, language="id", context={}),
        kind=kind.key,
    )


def preferences_of(user: Any) -> NotificationPreference:
    """The user's chosen channels (all channels until they choose; not saved by reading)."""
    found = NotificationPreference.objects.filter(user_id=user.pk).first()
    return found or NotificationPreference(user_id=user.pk)


def set_notification_preferences(
    *, user: Any, whatsapp: bool, sms: bool, email: bool
) -> NotificationPreference:
    """Save the channels a signed-in citizen accepts messages on. Ticking WhatsApp or SMS for
    a number that was opted out by a STOP reply opts it in again (this is their consent)."""
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.select_for_update().get_or_create(
            user_id=user.pk
        )
        changes = {"whatsapp": whatsapp, "sms": sms, "email": email}
        before = {name: getattr(preference, name) for name in changes}
        for name, value in changes.items():
            setattr(preference, name, bool(value))
        preference.save()
        if before != changes:
            record_event(
                action="notifications.preferences",
                obj=user,
                actor=user,
                data={"channels": sorted(preference.channels())},
            )
        phone = str(getattr(user, "phone", "") or "")
        if phone and (whatsapp or sms) and is_opted_out(phone):
            opt_in(address=phone, source=OptOutSource.PROFILE, actor=user)
        mail = getattr(user, "email", "") or ""
        if mail and email and is_opted_out(mail):
            opt_in(address=mail, source=OptOutSource.PROFILE, actor=user)
    return preference
