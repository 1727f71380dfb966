"""The outbox and what decides whether and how a message goes out.

`Notification` is one message to one address on one channel. It is written in the same
transaction as the change it reports, then delivered by a background task
(mpp.notifications.tasks), retried on failure, and followed by the provider's delivery reports
(`DeliveryEvent`). A message that fails for good may hand over to the next channel the citizen
has (`fallback`): WhatsApp → SMS → e-mail.

`Contact` remembers, per canonical address, whether its owner opted out (replied STOP or
unticked it in their profile) and when they last wrote to us (WhatsApp's 24-hour window).
`NotificationPreference` holds a signed-in citizen's chosen channels. `MessageTemplate` is a
mall manager's own wording of a message kind. `DeliveryCounter` counts what was sent per day,
for the caps that keep a bug from spamming a citizen or running up the gateway bill.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mpp.notifications.enums import (
    DeliveryStatus,
    NotificationChannel,
    NotificationStatus,
    OptOutSource,
    SuppressReason,
)


class Notification(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    mall = models.ForeignKey(
        "core.Mall", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40)
    channel = models.CharField(_("channel"), max_length=20, choices=NotificationChannel)
    to = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=5, default="id")
    # WhatsApp outside the 24-hour window: the approved template and its body parameters.
    template_name = models.CharField(_("WhatsApp template"), max_length=100, blank=True)
    template_params = models.JSONField(_("template parameters"), default=list, blank=True)
    # Messages holding a secret (a one-time code) lose their body once delivered or given up.
    sensitive = models.BooleanField(default=False)
    # "Your turn" messages of the same day: allowed in quiet hours, worthless the next day.
    urgent = models.BooleanField(_("urgent"), default=False)
    # The citizen asked for this message just now (a one-time code, a test): consent and quiet
    # hours do not hold it back.
    requested = models.BooleanField(default=False)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    # One message per (object, event): a second queue call with the same key returns the row.
    dedupe_key = models.CharField(max_length=160, null=True, blank=True, unique=True)
    # Our reference, given to the provider (WhatsApp `biz_opaque_callback_data`, the SMS
    # gateway's client reference) and echoed in its status callbacks.
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NotificationStatus,
        default=NotificationStatus.PENDING,
    )
    suppressed_reason = models.CharField(
        _("why not sent"), max_length=20, choices=SuppressReason, blank=True, default=""
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Counted against the daily caps (once, on the first attempt).
    counted = models.BooleanField(default=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    provider_message_id = models.CharField(
        _("provider's message id"), max_length=128, blank=True, db_index=True
    )
    delivery_status = models.CharField(
        _("delivery"), max_length=12, choices=DeliveryStatus, blank=True, default=""
    )
    delivery_updated_at = models.DateTimeField(_("delivery reported at"), null=True, blank=True)
    # The channels still to try when this one fails for good: [{"channel": …, "to": …}, …].
    fallback = models.JSONField(default=list, blank=True)
    fallback_of = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fallback_message",
        verbose_name=_("replaces"),
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["mall", "-created_at"], name="notification_outbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.kind} → {self.to} ({self.status})"


class DeliveryEvent(models.Model):
    """One status report of the provider about a message (sent, delivered, read, failed)."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="delivery_events"
    )
    status = models.CharField(_("status"), max_length=12, choices=DeliveryStatus)
    reported_at = models.DateTimeField(_("reported at"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("delivery report")
        verbose_name_plural = _("delivery reports")
        ordering = ["reported_at", "pk"]

    def __str__(self) -> str:
        return f"{self.notification_id} {self.status}"


class Contact(models.Model):
    """What we know about one address (an E.164 phone number or an e-mail address)."""

    address = models.CharField(_("address"), max_length=254, unique=True)
    opted_out_at = models.DateTimeField(_("opted out at"), null=True, blank=True)
    opt_out_source = models.CharField(
        _("opted out by"), max_length=10, choices=OptOutSource, blank=True
    )
    # The last message the citizen sent us on WhatsApp: free text may be sent for 24 hours.
    last_inbound_at = models.DateTimeField(_("last message from them"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.address


class NotificationPreference(models.Model):
    """The channels a signed-in citizen accepts messages on (all, until they choose)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    whatsapp = models.BooleanField(_("WhatsApp"), default=True)
    sms = models.BooleanField(_("SMS"), default=True)
    email = models.BooleanField(_("E-mail"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.channels()}"

    def channels(self) -> set[str]:
        return {
            channel
            for channel, allowed in (
                (NotificationChannel.WHATSAPP, self.whatsapp),
                (NotificationChannel.SMS, self.sms),
                (NotificationChannel.EMAIL, self.email),
            )
            if allowed
        }


class MessageTemplate(models.Model):
    """A mall's own wording of one message kind, in Indonesian and English. An empty language
    falls back to the platform's text."""

    mall = models.ForeignKey(
        "core.Mall", on_delete=models.CASCADE, related_name="+", verbose_name=_("mall")
    )
    kind = models.CharField(_("message"), max_length=40)
    text_id = models.TextField(_("text in Indonesian"), blank=True)
    text_en = models.TextField(_("text in English"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("message text")
        verbose_name_plural = _("message texts")
        ordering = ["mall", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["mall", "kind"], name="message_template_unique")
        ]

    def __str__(self) -> str:
        return self.kind


class DeliveryCounter(models.Model):
    """Messages sent per scope and local day: "all" (paid channels) or "to:<address>"."""

    scope = models.CharField(max_length=300)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "day"], name="delivery_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.day}: {self.count}"
