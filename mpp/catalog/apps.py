from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "mpp.catalog"
    label = "catalog"
    verbose_name = _("Service catalogue")

    def warm_up(self) -> None:
        """Called by the app server before it serves (mpp.serve.warm_up), not by other
        commands: loads the stemmer's dictionary (~90 ms, otherwise paid by the first search
        after every start, while the other threads wait for it). No database access."""
        from mpp.catalog.search.normalize import analyse_query

        analyse_query("bikin ktp")
