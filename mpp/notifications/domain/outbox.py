"""Putting messages in the outbox.

`notify` is what the apps call: a message *kind*, the citizen's contacts and the values of the
kind's placeholders. It picks the channels (the citizen's choice, their profile, opt-outs,
the installation's channels), renders the text in the citizen's language (the mall's own
wording if a manager wrote one), and writes one row for the first channel with the others as
its fallback — plus an e-mail copy for kinds that keep a record (`also_email`).

`queue_notification` writes one row for one channel and address. Both run inside the caller's
transaction; the delivery task is enqueued when it commits, so a rolled-back change sends
nothing and a request never waits for a gateway.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from mpp.accounts.contacts import parse_email
from mpp.core.phones import parse_phone
from mpp.notifications.enums import (
    PHONE_CHANNELS,
    NotificationChannel,
    NotificationStatus,
    SuppressReason,
)
from mpp.notifications.kinds import MessageKind, fill, get_kind, whatsapp_template
from mpp.notifications.models import Contact, MessageTemplate, Notification, NotificationPreference
from mpp.notifications.policy import quiet_until, zone_of

logger = logging.getLogger("mpp.notifications")

#: Statuses in which a row may still be sent (and so cancelled).
OPEN_STATUSES = (
    NotificationStatus.PENDING,
    NotificationStatus.SCHEDULED,
    NotificationStatus.RETRYING,
)


def canonical_address(channel: str, raw: str) -> str:
    """E.164 for phone channels, a checked e-mail address otherwise; '' when unusable."""
    if channel in PHONE_CHANNELS:
        return parse_phone(str(raw or "")) or ""
    return parse_email(str(raw or "")) or ""


def render_text(kind: MessageKind, *, mall: Any, language: str, context: dict[str, Any]) -> str:
    """The kind's text in `language`, in the mall's own wording when a manager wrote one."""
    own = ""
    if mall is not None:
        row = MessageTemplate.objects.filter(mall=mall, kind=kind.key).only("text_id", "text_en")
        template = row.first()
        if template is not None:
            own = template.text_en if language == "en" else template.text_id
    with override(language):
        text = own.strip() or str(kind.text)
    return fill(text, context)


def render_subject(kind: MessageKind, *, language: str, context: dict[str, Any]) -> str:
    with override(language):
        return fill(str(kind.subject), context)[:200]


def email_footer(language: str, mall_name: str = "") -> str:
    with override(language):
        sender = mall_name or _("Mal Pelayanan Publik")
        return "\n\n-- \n" + _(
            "%(sender)s. This message was sent automatically; replies are not read."
        ) % {"sender": sender}


def _mall_zone(mall: Any) -> Any:
    return zone_of(getattr(mall, "timezone", None) if mall is not None else None)


def _create(
    *,
    channel: str,
    to: str,
    body: str,
    kind: str,
    subject: str,
    user_id: int | None,
    mall: Any,
    object_type: str,
    object_id: str,
    sensitive: bool,
    dedupe_key: str | None,
    language: str,
    urgent: bool,
    requested: bool,
    expires_at: datetime | None,
    template_params: Sequence[str],
    fallback: Sequence[dict[str, str]],
    fallback_of: Notification | None = None,
) -> Notification:
    now = timezone.now()
    status = NotificationStatus.PENDING
    reason = ""
    next_attempt_at = None
    opted_out = (
        not requested and Contact.objects.filter(address=to, opted_out_at__isnull=False).exists()
    )
    if opted_out:
        status, reason = NotificationStatus.SUPPRESSED, SuppressReason.OPTED_OUT
    elif not (urgent or requested):
        until = quiet_until(now, _mall_zone(mall))
        if until is not None:
            status, next_attempt_at = NotificationStatus.SCHEDULED, until
    values = {
        "channel": channel,
        "to": to[:254],
        "subject": subject[:200],
        "body": body,
        "kind": kind,
        "user_id": user_id,
        "mall": mall,
        "object_type": object_type,
        "object_id": object_id,
        "sensitive": sensitive,
        "dedupe_key": dedupe_key,
        "language": language,
        "urgent": urgent,
        "requested": requested,
        "expires_at": expires_at,
        "template_name": whatsapp_template(kind) if channel == NotificationChannel.WHATSAPP else "",
        "template_params": [str(p) for p in template_params],
        "fallback": list(fallback),
        "fallback_of": fallback_of,
        "status": status,
        "suppressed_reason": reason,
        "next_attempt_at": next_attempt_at,
    }
    if dedupe_key:
        # A savepoint: a concurrent writer of the same key must not break the caller's
        # transaction (PostgreSQL aborts a transaction on an error outside a savepoint).
        try:
            with transaction.atomic():
                row = Notification.objects.create(**values)
        except IntegrityError:
            existing = Notification.objects.filter(dedupe_key=dedupe_key).first()
            if existing is None:
                raise
            return existing
    else:
        row = Notification.objects.create(**values)
    if status == NotificationStatus.SUPPRESSED:
        fall_back(row)
    else:
        delay = (next_attempt_at - now) if next_attempt_at else None
        pk = row.pk
        transaction.on_commit(lambda: enqueue(pk, delay=delay))
    return row


def queue_notification(
    *,
    channel: str,
    to: str,
    body: str,
    kind: str,
    subject: str = "",
    user: Any = None,
    mall: Any = None,
    obj: models.Model | None = None,
    sensitive: bool | None = None,
    dedupe_key: str | None = None,
    language: str = "id",
    urgent: bool | None = None,
    requested: bool | None = None,
    expires_at: datetime | None = None,
    template_params: Sequence[str] = (),
    fallback: Sequence[dict[str, str]] = (),
) -> Notification | None:
    """Store one message for one channel and have it sent in the background after commit.

    Returns None (and stores nothing) when there is no usable address. A `dedupe_key` seen
    before returns the earlier row: one message per (object, event). The kind's flags
    (urgent, requested, sensitive) apply unless given. An opted-out address gets a row marked
    "not sent" (so staff see why) unless the citizen requested the message; outside urgent and
    requested messages, quiet hours hold the row until the morning.
    """
    if channel not in NotificationChannel.values:
        raise ValueError(f"unknown channel {channel!r}")
    address = canonical_address(channel, to)
    if not address:
        if to:
            logger.warning("Not queueing %s %s: unusable address", channel, kind)
        return None
    if dedupe_key:
        existing = Notification.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    definition = get_kind(kind)
    return _create(
        channel=channel,
        to=address,
        body=body,
        kind=kind,
        subject=subject,
        user_id=getattr(user, "pk", None),
        mall=mall,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        sensitive=bool(definition and definition.sensitive) if sensitive is None else sensitive,
        dedupe_key=dedupe_key or None,
        language=language,
        urgent=bool(definition and definition.urgent) if urgent is None else urgent,
        requested=bool(definition and definition.requested) if requested is None else requested,
        expires_at=expires_at,
        template_params=template_params,
        fallback=fallback,
    )


def plan_channels(
    *,
    kind: MessageKind,
    phone: str = "",
    email: str = "",
    user: Any = None,
    allowed: Sequence[str] | None = None,
) -> list[dict[str, str]]:
    """The channels to try, in order, each with its address: the installation's channels
    (MPP_NOTIFY_CHANNELS order), narrowed to `allowed` (what the citizen chose for this
    ticket or booking) and to the channels in their profile, without opted-out addresses
    (unless the citizen requested the message)."""
    order = [c for c in settings.MPP_NOTIFY_CHANNELS if c in NotificationChannel.values]
    if allowed is not None:
        order = [c for c in order if c in allowed]
    if getattr(user, "pk", None):
        preference = NotificationPreference.objects.filter(user_id=user.pk).first()
        if preference is not None:
            chosen = preference.channels()
            order = [c for c in order if c in chosen]
    phone_address = canonical_address(NotificationChannel.SMS, phone) if phone else ""
    email_address = canonical_address(NotificationChannel.EMAIL, email) if email else ""
    blocked: set[str] = set()
    if not kind.requested:
        addresses = [a for a in (phone_address, email_address) if a]
        blocked = set(
            Contact.objects.filter(address__in=addresses, opted_out_at__isnull=False).values_list(
                "address", flat=True
            )
        )
    plan = []
    for channel in order:
        address = phone_address if channel in PHONE_CHANNELS else email_address
        if address and address not in blocked:
            plan.append({"channel": channel, "to": address})
    return plan


def notify(
    *,
    kind: str,
    mall: Any,
    context: dict[str, Any],
    dedupe_key: str,
    phone: str = "",
    email: str = "",
    user: Any = None,
    obj: models.Model | None = None,
    language: str = "id",
    channels: Sequence[str] | None = None,
    expires_at: datetime | None = None,
) -> list[Notification]:
    """Send the message `kind` to a citizen, once per `dedupe_key`, by the best channel they
    have (falling back to the next when it fails). Returns the rows written (none when the
    citizen has no usable, consenting channel). Call it inside the transaction of the change
    it reports (a domain event subscriber)."""
    definition = get_kind(kind)
    if definition is None:
        raise ValueError(f"unknown message kind {kind!r}")
    # Sent before (a recall, a repeated event): nothing to plan or render.
    earlier = list(Notification.objects.filter(dedupe_key__in=[dedupe_key, f"{dedupe_key}:email"]))
    if earlier:
        return earlier
    language = language if language in {"id", "en"} else "id"
    plan = plan_channels(kind=definition, phone=phone, email=email, user=user, allowed=channels)
    copy = None
    if definition.also_email:
        copy = next((p for p in plan if p["channel"] == NotificationChannel.EMAIL), None)
        plan = [p for p in plan if p["channel"] != NotificationChannel.EMAIL]
    if not plan and copy is None:
        return []
    body = render_text(definition, mall=mall, language=language, context=context)
    subject = render_subject(definition, language=language, context=context)
    params = [str(context.get(name, "")) for name in definition.placeholder_names]
    common: dict[str, Any] = {
        "body": body,
        "kind": kind,
        "subject": subject,
        "user": user,
        "mall": mall,
        "obj": obj,
        "language": language,
        "expires_at": expires_at,
        "template_params": params,
    }
    rows = []
    if plan:
        first, rest = plan[0], plan[1:]
        row = queue_notification(
            channel=first["channel"], to=first["to"], dedupe_key=dedupe_key, fallback=rest, **common
        )
        if row is not None:
            rows.append(row)
    if copy is not None:
        row = queue_notification(
            channel=NotificationChannel.EMAIL,
            to=copy["to"],
            dedupe_key=f"{dedupe_key}:email",
            **common,
        )
        if row is not None:
            rows.append(row)
    return rows


def cancel_notifications(*, obj: models.Model, kinds: Sequence[str]) -> int:
    """Messages about `obj` that have not left yet and no longer make sense (a reminder of a
    cancelled booking): marked "not sent". Returns how many."""
    return Notification.objects.filter(
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        kind__in=list(kinds),
        status__in=OPEN_STATUSES,
    ).update(status=NotificationStatus.SUPPRESSED, suppressed_reason=SuppressReason.CANCELLED)


def end_of_local_day(mall: Any, moment: datetime) -> datetime:
    """Midnight after `moment` in the mall's zone: when same-day messages expire."""
    zone = _mall_zone(mall)
    local = moment.astimezone(zone)
    return datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), tzinfo=zone)


#: The background task that delivers one notification (`mpp.notifications.tasks.deliver`).
#: The task module sits above the domain (it calls `deliver_notification`), so it is plugged in
#: here by `NotificationsConfig.ready` rather than imported.
DELIVER_TASK: Any = None


def enqueue(notification_id: int, *, delay: timedelta | None = None) -> None:
    """Hand the delivery to the task backend. Never raises: the row stays due and the sweep
    (`send_pending_notifications`) delivers it if the backend is unavailable."""
    try:
        task = DELIVER_TASK
        if task is None:
            raise RuntimeError("the notifications app is not ready: no delivery task")
        if delay is not None and delay > timedelta(0):
            if not task.get_backend().supports_defer:
                return  # the sweep picks delayed rows up when the backend cannot defer
            task = task.using(run_after=timezone.now() + delay)
        task.enqueue(notification_id)
    except Exception:
        logger.warning(
            "Could not enqueue notification %s; the sweep will send it",
            notification_id,
            exc_info=True,
        )


def fall_back(row: Notification) -> Notification | None:
    """Hand a message that will not reach the citizen on this channel to the next one in
    its fallback list (once: the next row is linked one-to-one). Returns the new row."""
    if not row.fallback or Notification.objects.filter(fallback_of=row).exists():
        return None
    following, rest = row.fallback[0], row.fallback[1:]
    new = _create(
        channel=following["channel"],
        to=following["to"],
        body=row.body,
        kind=row.kind,
        subject=row.subject,
        user_id=row.user_id,
        mall=row.mall,
        object_type=row.object_type,
        object_id=row.object_id,
        sensitive=row.sensitive,
        dedupe_key=None,
        language=row.language,
        urgent=row.urgent,
        requested=row.requested,
        expires_at=row.expires_at,
        template_params=row.template_params or (),
        fallback=rest,
        fallback_of=row,
    )
    logger.info("Notification %s falls back to %s as %s", row.pk, new.channel, new.pk)
    return new
