from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


#: Channels that reach a phone number.
PHONE_CHANNELS = frozenset({NotificationChannel.SMS, NotificationChannel.WHATSAPP})
#: Channels a gateway bills per message: the daily cap counts these.
PAID_CHANNELS = PHONE_CHANNELS


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SCHEDULED = "scheduled", _("Waiting for the end of quiet hours")
    SENDING = "sending", _("Being sent")
    RETRYING = "retrying", _("Will be retried")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SUPPRESSED = "suppressed", _("Not sent")
    EXPIRED = "expired", _("Expired unsent")


#: Statuses after which nothing more is sent for the row.
FINAL_STATUSES = frozenset(
    {
        NotificationStatus.SENT,
        NotificationStatus.FAILED,
        NotificationStatus.SUPPRESSED,
        NotificationStatus.EXPIRED,
    }
)


class DeliveryStatus(models.TextChoices):
    """What the provider reported after accepting the message (status callbacks)."""

    UNKNOWN = "", _("No report yet")
    ACCEPTED = "accepted", _("Accepted by the provider")
    SENT = "sent", _("Sent to the phone network")
    DELIVERED = "delivered", _("Delivered")
    READ = "read", _("Read")
    FAILED = "failed", _("Not delivered")


#: Order of delivery statuses: a report never moves a message backwards (callbacks may
#: arrive out of order, and providers repeat them).
DELIVERY_RANK = {
    DeliveryStatus.UNKNOWN: 0,
    DeliveryStatus.ACCEPTED: 1,
    DeliveryStatus.SENT: 2,
    DeliveryStatus.DELIVERED: 3,
    DeliveryStatus.READ: 4,
    DeliveryStatus.FAILED: 5,
}


class SuppressReason(models.TextChoices):
    NONE = "", _("—")
    OPTED_OUT = "opted_out", _("The recipient opted out")
    RECIPIENT_CAP = "recipient_cap", _("Daily limit for this recipient reached")
    DAILY_CAP = "daily_cap", _("Daily limit of paid messages reached")
    CANCELLED = "cancelled", _("No longer relevant")


class OptOutSource(models.TextChoices):
    REPLY = "reply", _("Reply STOP/BERHENTI")
    PROFILE = "profile", _("Citizen's profile")
    STAFF = "staff", _("Staff, on the citizen's request")
