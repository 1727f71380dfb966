from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mpp.core"
    label = "core"
    verbose_name = _("Mall")

    def ready(self) -> None:
        # Third-party admin sections and models in Indonesian (mpp/core/thirdparty.py).
        from mpp.core import thirdparty

        thirdparty.apply()
