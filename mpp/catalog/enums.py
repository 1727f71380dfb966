"""Choice sets of the service catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyLevel(models.TextChoices):
    """Who runs the provider. An MPP brings together central, provincial and regency
    government, state-owned (BUMN) and region-owned (BUMD) enterprises, organisations set up by
    law outside government (such as the Red Cross, PMI: UU 1/2018) and private companies."""

    CENTRAL = "central", _("Central government")
    PROVINCIAL = "provincial", _("Provincial government")
    REGENCY = "regency", _("Regency government")
    STATE_OWNED = "state_owned", _("State-owned enterprise")
    REGION_OWNED = "region_owned", _("Region-owned enterprise")
    NON_GOVERNMENT = "non_government", _("Non-government organisation")
    PRIVATE = "private", _("Private company")


class ServiceCategory(models.TextChoices):
    POPULATION = "population", _("Population administration")
    LICENSING = "licensing", _("Licences and permits")
    VEHICLES = "vehicles", _("Vehicles and driving")
    POLICE = "police", _("Police certificates")
    IMMIGRATION = "immigration", _("Immigration")
    TAX = "tax", _("Taxes and levies")
    LAND = "land", _("Land and property")
    RELIGION = "religion", _("Religious affairs and marriage")
    COURTS = "courts", _("Courts and legal")
    SOCIAL = "social", _("Social security and welfare")
    HEALTH = "health", _("Health")
    EMPLOYMENT = "employment", _("Employment")
    UTILITIES = "utilities", _("Electricity and water")
    FINANCE = "finance", _("Banking and post")
    OTHER = "other", _("Other services")


class TimeUnit(models.TextChoices):
    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    WORKING_DAYS = "working_days", _("working days")


class FeeKind(models.TextChoices):
    """How a fee is set. A fee is never a free-text guess: it is free, one amount, a range,
    an amount per unit, or variable by a formula (explained in the note)."""

    FREE = "free", _("Free")
    FIXED = "fixed", _("Fixed amount")
    RANGE = "range", _("Range")
    PER_UNIT = "per_unit", _("Per unit")
    VARIABLE = "variable", _("Depends on a formula")


class Channel(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    ONLINE = "online", _("Online")
    BOTH = "both", _("At the counter and online")


class DocumentForm(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Photocopy")
    ORIGINAL_AND_COPY = "original_and_copy", _("Original and photocopy")
    SHOW_ORIGINAL = "show_original", _("Show the original")
    NOT_A_DOCUMENT = "none", _("Not a document")
