from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QueueingConfig(AppConfig):
    name = "mpp.queueing"
    label = "queueing"
    verbose_name = _("Queue and visits")

    def ready(self) -> None:
        # Messages to citizens about their tickets and bookings (domain event subscribers).
        from mpp.queueing import notify

        notify.subscribe()
