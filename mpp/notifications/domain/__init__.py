"""The operations of the notifications app (see each module's docstring):

- `outbox`: `notify` (a message kind to a citizen, by the best channel with fallback),
  `queue_notification` (one row, one channel), `cancel_notifications`;
- `delivery`: `deliver_notification` (what the background task runs), provider delivery
  reports, fallback, the sweep;
- `consent`: opting out and in, replies from citizens, a citizen's chosen channels.
"""

from mpp.notifications.domain.consent import (
    handle_inbound_message,
    is_opted_out,
    opt_in,
    opt_out,
    preferences_of,
    set_notification_preferences,
)
from mpp.notifications.domain.delivery import (
    BACKOFF,
    REDACTED,
    STALE_CLAIM,
    deliver_notification,
    due_notifications,
    fall_back,
    record_delivery_report,
    send_due_notifications,
)
from mpp.notifications.domain.outbox import (
    cancel_notifications,
    canonical_address,
    end_of_local_day,
    notify,
    plan_channels,
    queue_notification,
    render_text,
)

__all__ = [
    "BACKOFF",
    "REDACTED",
    "STALE_CLAIM",
    "cancel_notifications",
    "canonical_address",
    "deliver_notification",
    "due_notifications",
    "end_of_local_day",
    "fall_back",
    "handle_inbound_message",
    "is_opted_out",
    "notify",
    "opt_in",
    "opt_out",
    "plan_channels",
    "preferences_of",
    "queue_notification",
    "record_delivery_report",
    "render_text",
    "send_due_notifications",
    "set_notification_preferences",
]
