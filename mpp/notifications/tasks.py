"""Background tasks of the notifications app (django.tasks API; see ADR 0007)."""

from __future__ import annotations

from django_tasks import task

from mpp.notifications.domain.delivery import deliver_notification


@task(queue_name="notifications")
def deliver(notification_id: int) -> str:
    """Send one queued notification; failures are recorded and retried, never raised."""
    return deliver_notification(notification_id=notification_id)
