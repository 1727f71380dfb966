"""manage.py plan_slots — create the booking slots of every bookable service for the days
within its booking horizon on which the mall is open (ADR 0018). Idempotent: days that already
have slots are left alone. Run daily by the scheduler (job "plan-slots")."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from mpp.core.models import Mall
from mpp.core.opening import open_days
from mpp.queueing.domain.common import local_day
from mpp.queueing.domain.schedule import ensure_slots
from mpp.queueing.models import QueueService


class Command(BaseCommand):
    help = "Plan the booking slots of the coming days (open days of each mall only)."

    def handle(self, *args: Any, **options: Any) -> None:
        planned = 0
        now = timezone.now()
        for mall in Mall.objects.filter(is_active=True):
            today = local_day(mall, now)
            queues = QueueService.objects.filter(
                service__mall=mall, service__is_active=True, slot_capacity__gt=0
            ).select_related("service", "service__mall")
            for queue in queues:
                horizon = today + timedelta(days=queue.booking_horizon_days)
                for day in sorted(open_days(mall, today, horizon)):
                    ensure_slots(queue.service, queue, day)
                    planned += 1
        self.stdout.write(f"{planned} service-day(s) planned.")
