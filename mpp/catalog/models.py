"""Agencies (instansi) and their services with the full service standard
(PermenPAN-RB 15/2014: six public components, eight internal ones, the decree that set it)."""

from __future__ import annotations

import calendar
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mpp.catalog.display import describe_fee, describe_turnaround
from mpp.catalog.enums import (
    AgencyLevel,
    Channel,
    DocumentForm,
    FeeKind,
    ServiceCategory,
    TimeUnit,
)
from mpp.core.hours import describe_opening_hours, validate_opening_hours
from mpp.core.models import Booth, Mall


class Agency(models.Model):
    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="agencies")
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=60)
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    booth = models.ForeignKey(
        Booth,
        verbose_name=_("booth"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agencies",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.JSONField(
        _("opening hours"),
        default=list,
        blank=True,
        validators=[validate_opening_hours],
        help_text=_("Empty means the mall's opening hours."),
    )
    maklumat = models.TextField(_("service pledge (maklumat)"), blank=True)
    head_name = models.CharField(_("head of unit"), max_length=120, blank=True)
    head_title = models.CharField(_("position of the head of unit"), max_length=200, blank=True)
    notes = models.TextField(
        _("notes for staff"),
        blank=True,
        help_text=_(
            "Sources and what is still uncertain about this agency. Never shown to citizens."
        ),
    )
    # The agency's own confirmation of its profile (maklumat, contacts, hours, head of unit):
    # see mpp.catalog.confirmation.
    confirmed_at = models.DateTimeField(_("confirmed by the agency on"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["mall", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["mall", "slug"], name="agency_slug_unique_per_mall")
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def opening_hours_rows(self) -> list[tuple[str, str]]:
        return describe_opening_hours(self.opening_hours or self.mall.opening_hours)


class Service(models.Model):
    """One jenis layanan with its published service standard."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="services")
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="services"
    )
    slug = models.SlugField(_("slug"), max_length=120)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=ServiceCategory, default=ServiceCategory.OTHER
    )
    keywords = models.TextField(
        _("search keywords"),
        blank=True,
        help_text=_("Other words people use for this service, separated by commas."),
    )

    # 3. Turnaround time (jangka waktu): a number, optionally an upper bound, and a unit.
    turnaround_value = models.PositiveIntegerField(_("turnaround"))
    turnaround_max = models.PositiveIntegerField(_("turnaround up to"), null=True, blank=True)
    turnaround_unit = models.CharField(_("turnaround unit"), max_length=20, choices=TimeUnit)
    turnaround_note = models.CharField(_("turnaround note"), max_length=300, blank=True)

    # 4. Fee (biaya/tarif) in integer Rupiah.
    fee_kind = models.CharField(_("fee kind"), max_length=20, choices=FeeKind)
    fee_amount = models.PositiveBigIntegerField(
        _("fee (Rp)"), default=0, help_text=_("The amount, the lowest of a range, or per unit.")
    )
    fee_max = models.PositiveBigIntegerField(_("fee up to (Rp)"), null=True, blank=True)
    fee_unit = models.CharField(
        _("fee unit"), max_length=80, blank=True, help_text=_("e.g. per plot, per VA, per test")
    )
    fee_note = models.TextField(_("fee explanation"), blank=True)
    fee_legal_basis = models.CharField(_("legal basis of the fee"), max_length=300, blank=True)

    # 5. Product; 6. complaint handling.
    product = models.TextField(_("service product"))
    product_en = models.TextField(_("service product (English)"), blank=True)
    complaint_handling = models.TextField(_("complaints, suggestions and feedback"))
    complaint_handling_en = models.TextField(
        _("complaints, suggestions and feedback (English)"), blank=True
    )

    # Legal footing and the decree that set the standard.
    legal_basis = models.TextField(_("legal basis"), blank=True)
    decree_number = models.CharField(_("decree number of the standard"), max_length=200, blank=True)
    decree_date = models.DateField(_("decree date"), null=True, blank=True)

    # Internal (manufacturing) components of the standard.
    facilities = models.TextField(_("facilities and infrastructure"), blank=True)
    staff_competence = models.TextField(_("staff competence"), blank=True)
    internal_supervision = models.TextField(_("internal supervision"), blank=True)
    staff_count = models.CharField(_("number of staff"), max_length=120, blank=True)
    service_guarantee = models.TextField(_("service guarantee"), blank=True)
    safety_guarantee = models.TextField(_("security and safety guarantee"), blank=True)
    performance_evaluation = models.TextField(_("staff performance evaluation"), blank=True)

    channel = models.CharField(_("delivery channel"), max_length=20, choices=Channel)
    # Official channels first: a service run through a national system (M-Paspor, OSS,
    # e-Court, IKD …) names it here; its page leads there and says what the booth helps with.
    online_system = models.CharField(
        _("official online system"),
        max_length=80,
        blank=True,
        help_text=_("Name of the national or agency system used to apply, e.g. M-Paspor, OSS."),
    )
    online_url = models.URLField(_("online service address"), blank=True)
    booth_help = models.TextField(
        _("help at the booth"),
        blank=True,
        help_text=_("What the booth does for people who use the online system, what to bring."),
    )
    booth_help_en = models.TextField(_("help at the booth (English)"), blank=True)
    accepts_online_applications = models.BooleanField(
        _("accepts online applications on this site"),
        default=False,
        help_text=_(
            "Only when the agency has agreed to receive applications through this platform."
        ),
    )
    counter_info = models.CharField(_("served at"), max_length=200, blank=True)

    # Provenance: where the entry comes from and how sure we are.
    source = models.TextField(
        _("source"),
        help_text=_("Where this entry comes from; say here what is uncertain."),
    )
    needs_confirmation = models.BooleanField(
        _("needs confirmation"),
        default=False,
        help_text=_("Some facts are still uncertain (say which in the open questions)."),
    )
    open_questions = models.TextField(
        _("open questions for the agency"),
        blank=True,
        help_text=_("What the agency still has to confirm. Staff only, never shown to citizens."),
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    # The agency's own confirmation of the standard (mpp.catalog.confirmation). Any later
    # change of what citizens read clears it until the agency confirms again.
    confirmed_at = models.DateTimeField(_("confirmed by the agency on"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["agency__position", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["mall", "slug"], name="service_slug_unique_per_mall"),
            models.CheckConstraint(
                condition=models.Q(fee_max__isnull=True)
                | models.Q(fee_max__gte=models.F("fee_amount")),
                name="service_fee_range_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(turnaround_max__isnull=True)
                | models.Q(turnaround_max__gte=models.F("turnaround_value")),
                name="service_turnaround_range_ordered",
            ),
        ]
        indexes = [models.Index(fields=["mall", "is_active", "agency"])]

    def __str__(self) -> str:
        return self.name

    @property
    def fee_display(self) -> str:
        return describe_fee(self)

    @property
    def turnaround_display(self) -> str:
        return describe_turnaround(self)

    @property
    def review_due(self) -> date | None:
        """When the agency should review the confirmed standard again (PermenPAN-RB 15/2014
        expects standards to be evaluated periodically; `MPP_CATALOG_REVIEW_MONTHS`)."""
        return review_due_after(self.confirmed_at)


class StandardConfirmation(Service):
    """No table of its own: the admin index's entry for the confirmation overview (which
    services and agency profiles are unconfirmed or overdue for review), so the mall manager
    finds it next to "Layanan" (mpp.catalog.admin.StandardConfirmationAdmin)."""

    class Meta:
        proxy = True
        verbose_name = _("confirmation of service standards")
        verbose_name_plural = _("confirmation of service standards")
        default_permissions = ()


def review_due_after(confirmed_at: datetime | None) -> date | None:
    if confirmed_at is None:
        return None
    months = int(getattr(settings, "MPP_CATALOG_REVIEW_MONTHS", 12))
    day = timezone.localtime(confirmed_at).date()
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    # The same day of the month, or the month's last day (29 Feb + 12 months = 28 Feb).
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Requirement(models.Model):
    """One line of the requirements (persyaratan)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="requirements")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text = models.CharField(_("requirement"), max_length=400)
    text_en = models.CharField(_("requirement (English)"), max_length=400, blank=True)
    is_mandatory = models.BooleanField(_("mandatory"), default=True)
    form = models.CharField(
        _("form"), max_length=20, choices=DocumentForm, default=DocumentForm.COPY
    )
    quantity = models.PositiveSmallIntegerField(_("how many"), default=1)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["service", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class ProcedureStep(models.Model):
    """One numbered step of the procedure (sistem, mekanisme dan prosedur)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text = models.CharField(_("step"), max_length=500)
    text_en = models.CharField(_("step (English)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")
        ordering = ["service", "position", "pk"]

    def __str__(self) -> str:
        return self.text
