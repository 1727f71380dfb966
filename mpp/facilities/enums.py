from django.db import models
from django.utils.translation import gettext_lazy as _


class RoomKind(models.TextChoices):
    MEETING = "meeting", _("Meeting room")
    DESK = "desk", _("Open desk")
    STUDIO = "studio", _("Podcast / recording room")


class RoomBookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CHECKED_IN = "checked_in", _("Checked in")
    CANCELLED = "cancelled", _("Cancelled")
    RELEASED = "released", _("Released (no-show)")
    BLOCKED = "blocked", _("Blocked by staff")


# Statuses that no longer hold the room: excluded from the no-overlap guarantees.
FREE_STATUSES = (RoomBookingStatus.CANCELLED, RoomBookingStatus.RELEASED)


class MsmeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class MsmeCategory(models.TextChoices):
    FOOD = "food", _("Food and drink")
    CRAFT = "craft", _("Crafts")
    FASHION = "fashion", _("Fashion and batik")
    AGRI = "agri", _("Farm produce")
    OTHER = "other", _("Other")
