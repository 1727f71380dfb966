from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "mpp.facilities"
    label = "facilities"
    verbose_name = _("Facilities: co-working space and MSME booths")
    default_auto_field = "django.db.models.BigAutoField"
