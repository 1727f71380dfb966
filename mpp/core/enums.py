from django.db import models
from django.utils.translation import gettext_lazy as _


class BoothKind(models.TextChoices):
    SERVICE = "service", _("Service booth")
    MSME = "msme", _("MSME booth")
    FACILITY = "facility", _("Facility")


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("National holiday")
    COLLECTIVE_LEAVE = "collective_leave", _("Collective leave (cuti bersama)")
    LOCAL_CLOSURE = "closure", _("Mall closed")
    EXTRA_WORKING_DAY = "working", _("Extra working day")
