from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the platform: the scheduler, worker heartbeats, health and metrics endpoints,
    structured request logs, backups and the read-replica router (docs/operations.md)."""

    name = "mpp.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from mpp.operations import checks  # noqa: F401 - registers the system checks
