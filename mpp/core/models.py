"""The mall (the tenant of the platform) and the booths on its floor plan."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mpp.core.enums import BoothKind, DayKind
from mpp.core.hours import describe_opening_hours, validate_opening_hours


class Mall(models.Model):
    """One Mal Pelayanan Publik. Every catalogue row hangs off a mall, so one installation
    can host a national network of malls."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80)
    regency = models.CharField(_("regency / city"), max_length=120)
    region_code = models.CharField(
        _("region code"), max_length=13, blank=True, help_text=_("Kemendagri code, e.g. 35.21")
    )
    address = models.TextField(_("address"))
    directions = models.TextField(_("how to get there"), blank=True)
    directions_en = models.TextField(_("how to get there (English)"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    timezone = models.CharField(_("time zone"), max_length=40, default="Asia/Jakarta")
    opening_hours = models.JSONField(
        _("opening hours"), default=list, validators=[validate_opening_hours]
    )
    open_on_collective_leave = models.BooleanField(
        _("open on collective leave"),
        default=False,
        help_text=_(
            "Whether the mall serves on cuti bersama days (national holidays stay closed)."
        ),
    )
    opened_on = models.DateField(_("in operation since"), null=True, blank=True)
    floors = models.PositiveSmallIntegerField(_("number of floors"), default=1)
    facilities = models.TextField(
        _("facilities"), blank=True, help_text=_("One per line: nursing room, prayer room …")
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Plausible example data, not a real mall.")
    )

    # Who issues and signs the mall's reports (monthly report, SKM report, IKM poster).
    report_issuer = models.CharField(
        _("issuing unit"),
        max_length=200,
        blank=True,
        help_text=_(
            "The office that issues the mall's reports, e.g. Dinas Penanaman Modal dan "
            "Pelayanan Terpadu Satu Pintu Kabupaten Ngawi."
        ),
    )
    head_name = models.CharField(
        _("name of the head of the mall"),
        max_length=150,
        blank=True,
        help_text=_("As it should appear under the signature, with titles."),
    )
    head_position = models.CharField(
        _("position of the head of the mall"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Kepala Dinas Penanaman Modal dan PTSP Kabupaten Ngawi."),
    )
    head_nip = models.CharField(
        _("NIP of the head of the mall"),
        max_length=21,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{8} ?\d{6} ?\d ?\d{3}$",
                _("A NIP has 18 digits, e.g. 19700101 199503 1 001."),
            )
        ],
        help_text=_("The civil-servant number (18 digits), printed under the name."),
    )

    class Meta:
        verbose_name = _("mall")
        verbose_name_plural = _("malls")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def opening_hours_rows(self) -> list[tuple[str, str]]:
        return describe_opening_hours(self.opening_hours)

    @property
    def head_nip_display(self) -> str:
        """The NIP grouped as it is printed: 19700101 199503 1 001."""
        digits = "".join(ch for ch in self.head_nip if ch.isdigit())
        if len(digits) != 18:
            return self.head_nip
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"

    @property
    def facility_list(self) -> list[str]:
        return [line.strip() for line in self.facilities.splitlines() if line.strip()]


class Booth(models.Model):
    """A place on the mall's floor plan: an agency's booth, an MSME booth, a facility.

    Coordinates are in floor-plan units (0–100 across, 0–60 down) so the plan can be drawn as
    an SVG without any image asset.
    """

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="booths")
    code = models.CharField(_("booth code"), max_length=20)
    label = models.CharField(_("label"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BoothKind, default=BoothKind.SERVICE)
    floor = models.PositiveSmallIntegerField(_("floor"), default=1)
    x = models.PositiveSmallIntegerField(default=0)
    y = models.PositiveSmallIntegerField(default=0)
    width = models.PositiveSmallIntegerField(default=10)
    height = models.PositiveSmallIntegerField(default=8)

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["mall", "floor", "code"]
        constraints = [
            models.UniqueConstraint(fields=["mall", "code"], name="booth_code_unique_per_mall")
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.label}" if self.label else self.code


class CalendarDay(models.Model):
    """An exception to the normal working week (Monday–Friday): a national holiday, a
    collective-leave day, a day the mall is closed, or a weekend day worked. Rows without a
    mall apply to every mall. Loaded from the `holidays` package and editable by the mall
    manager, because collective leave is set by decree each year and sometimes changes."""

    mall = models.ForeignKey(
        Mall,
        verbose_name=_("mall"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_days",
        help_text=_("Empty: applies to every mall."),
    )
    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day"],
                condition=models.Q(mall__isnull=True),
                name="calendar_day_unique_national",
            ),
            models.UniqueConstraint(
                fields=["mall", "day"],
                condition=models.Q(mall__isnull=False),
                name="calendar_day_unique_per_mall",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.name}"
