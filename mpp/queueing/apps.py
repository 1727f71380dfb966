from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QueueingConfig(AppConfig):
    name = "mpp.queueing"
    label = "queueing"
    verbose_name = _("Queue and visits")

    def ready(self) -> None:
        # The officer console in the one staff menu.
        from mpp.accounts.staff_nav import register_staff_page
        from mpp.queueing.domain.counters import works_at_counters

        register_staff_page(
            10, _("Officer console"), "queueing:console-counters", works_at_counters
        )

        # Messages to citizens about their tickets and bookings (domain event subscribers).
        from mpp.queueing import notify

        notify.subscribe()
