from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    """What a staff member may do. A membership binds a role to one agency (or, for mall-wide
    roles, to the mall)."""

    COUNTER_OFFICER = "counter_officer", _("Counter officer")
    VERIFIER = "verifier", _("Verifier")
    HEAD_OF_UNIT = "head_of_unit", _("Head of unit")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    CATALOGUE_EDITOR = "catalogue_editor", _("Catalogue editor")
    MALL_MANAGER = "mall_manager", _("Mall manager")
    AUDITOR = "auditor", _("Auditor")


# Roles that act for the whole mall rather than one agency.
MALL_WIDE_ROLES = {StaffRole.MALL_MANAGER, StaffRole.AUDITOR}
