from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mpp.transparency"
    verbose_name = _("Transparency")

    def ready(self) -> None:
        from mpp.feedback.queries import register_population_source
        from mpp.transparency.population import served_visits

        # The survey's population is the people served (finished tickets and decided
        # applications), which only this app may count.
        register_population_source(served_visits)
