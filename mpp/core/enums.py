from django.db import models
from django.utils.translation import gettext_lazy as _


class BoothKind(models.TextChoices):
    SERVICE = "service", _("Service booth")
    MSME = "msme", _("MSME booth")
    FACILITY = "facility", _("Facility")
