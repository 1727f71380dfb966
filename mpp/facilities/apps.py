from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "mpp.facilities"
    label = "facilities"
    verbose_name = _("Facilities: co-working space and MSME booths")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The rooms and booths desk in the one staff menu.
        from mpp.accounts.staff_nav import register_staff_page
        from mpp.facilities.access import manages

        register_staff_page(70, _("Rooms and MSME booths"), "facilities:staff", manages)
