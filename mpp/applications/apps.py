from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "mpp.applications"
    label = "applications"
    verbose_name = _("Online applications")

    def ready(self) -> None:
        # Deploy checks for the keys that protect NIKs and documents.
        from mpp.accounts import checks  # noqa: F401

        # Messages to applicants at every state change (domain event subscriber).
        from mpp.applications import notify

        notify.subscribe()
