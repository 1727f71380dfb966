from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "mpp.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from mpp.audit import checks  # noqa: F401  (registers the deploy checks of the keys)
