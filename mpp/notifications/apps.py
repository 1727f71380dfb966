from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "mpp.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # The kinds this app sends itself (codes, tests, opt-out confirmations) and the deploy
        # checks of the configured channels.
        from mpp.notifications import checks, kinds  # noqa: F401
        from mpp.notifications.domain import outbox
        from mpp.notifications.tasks import deliver

        outbox.DELIVER_TASK = deliver
        # Apps that notifications depends on (accounts: one-time codes) send through core.
        from mpp.core.messaging import provide_sender

        provide_sender(outbox.queue_notification)
        # The citizen's channels, shown on accounts' profile page.
        from mpp.accounts.profile_sections import register_profile_section
        from mpp.notifications.views import profile_message_context

        register_profile_section(profile_message_context)
