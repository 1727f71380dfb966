"""People who use the platform: one user table for citizens and staff; staff memberships
bind a user to an agency (or the whole mall) with a role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from mpp.accounts.enums import MALL_WIDE_ROLES, StaffRole
from mpp.core.models import Mall


class User(AbstractUser):
    """The platform's user. Citizens and staff share it; `is_staff` opens the staff side.

    Citizens sign in with their e-mail address or phone number (mpp.accounts.backends); their
    `username` is generated and never shown. A contact counts once it is verified by a
    one-time code.
    """

    phone = PhoneNumberField(_("mobile number"), blank=True, null=True, unique=True)
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    phone_verified_at = models.DateTimeField(_("phone verified at"), null=True, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def display_name(self) -> str:
        profile = getattr(self, "citizen_profile", None)
        if profile is not None and profile.full_name:
            return str(profile.full_name)
        return self.get_full_name() or self.email or str(self.phone or "") or self.username

    @property
    def is_verified_contact(self) -> bool:
        return bool(self.email_verified_at or self.phone_verified_at)


class StaffMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="staff_memberships")
    agency = models.ForeignKey(
        # By label: the catalogue depends on accounts, never the other way round.
        "catalog.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staff_memberships",
        help_text=_("Empty for mall-wide roles (mall manager, auditor)."),
    )
    role = models.CharField(_("role"), max_length=30, choices=StaffRole)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "mall", "agency", "role"], name="membership_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(agency__isnull=False)
                | models.Q(role__in=sorted(r.value for r in MALL_WIDE_ROLES)),
                name="membership_agency_required_for_agency_roles",
            ),
        ]

    def __str__(self) -> str:
        where = self.agency or self.mall
        return f"{self.user} · {self.get_role_display()} · {where}"


class ApiToken(models.Model):
    """A bearer token for the API (counter PCs, kiosks, scripts). Only a SHA-256 digest is
    stored; the token itself is shown once, by `manage.py issue_api_token`."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(_("first characters"), max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} · {self.hint}…"


class CitizenProfile(models.Model):
    """What a citizen tells us once and reuses on every application: name, NIK, address.

    The NIK is stored encrypted (`nik_encrypted`, Fernet) with a keyed hash for exact lookups
    (`nik_hash`, HMAC-SHA256) and a masked copy for display (`3521••••••••0001`); the plain
    number is never stored. Set it only through `mpp.accounts.domain.update_profile`.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="citizen_profile")
    full_name = models.CharField(_("full name"), max_length=150)
    nik_encrypted = models.TextField(_("NIK (encrypted)"), blank=True, editable=False)
    nik_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    nik_masked = models.CharField(_("NIK"), max_length=32, blank=True, editable=False)
    kecamatan_code = models.CharField(_("kecamatan"), max_length=13, blank=True)
    desa_name = models.CharField(_("village / urban village"), max_length=100, blank=True)
    desa_code = models.CharField(max_length=13, blank=True)
    street = models.CharField(_("street, RT/RW"), max_length=200, blank=True)
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted at"), null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("citizen profile")
        verbose_name_plural = _("citizen profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["nik_hash"],
                condition=~models.Q(nik_hash=""),
                name="citizen_profile_nik_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nik_masked or '-'})"


class OneTimeCode(models.Model):
    """A six-digit code sent to an e-mail address or phone number to prove it is the user's.

    Only a keyed hash of the code is kept. A code is single-use, lives
    `MPP_OTP_LIFETIME_SECONDS` (10 minutes) and allows `MPP_OTP_MAX_ATTEMPTS` tries
    (ASVS 6.5.1, 6.6.3).
    """

    class Purpose(models.TextChoices):
        VERIFY_EMAIL = "verify_email", _("Verify e-mail address")
        VERIFY_PHONE = "verify_phone", _("Verify phone number")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="one_time_codes")
    purpose = models.CharField(max_length=20, choices=Purpose)
    destination = models.CharField(max_length=254)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [models.Index(fields=["user", "purpose", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.purpose} {self.created_at:%Y-%m-%d %H:%M}"
