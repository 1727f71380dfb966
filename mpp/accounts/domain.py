"""Writes of the accounts app: citizen sign-up, contact verification by one-time code, the
citizen profile with its encrypted NIK, staff TOTP devices and staff roles.

Every function runs in one transaction; the ones that change who may do what (roles, second
factors) write an audit event in it. A NIK never reaches the audit trail or the log unmasked.
"""

from __future__ import annotations

import hmac
import secrets
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from mpp.accounts import crypto
from mpp.accounts.contacts import mask_email, parse_email
from mpp.accounts.enums import MALL_WIDE_ROLES, StaffRole
from mpp.accounts.models import CitizenProfile, OneTimeCode, StaffMembership, User
from mpp.accounts.nik import mask_nik, validate_nik
from mpp.accounts.regions import KECAMATAN_BY_CODE, find_desa
from mpp.audit.domain import record_event
from mpp.core.messaging import send_message
from mpp.core.phones import mask_phone, parse_phone

CODE_DIGITS = 6


# --- Sign-up -------------------------------------------------------------------------------


def register_citizen(*, full_name: str, contact: str, password: str) -> User:
    """Create a citizen account identified by an e-mail address or a phone number.

    The account can sign in at once but must verify its contact (a one-time code is sent)
    before it can submit an application. Raises ValidationError keyed by form field.
    """
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ValidationError({"full_name": _("Please enter your full name.")})
    email = parse_email(contact)
    phone = parse_phone(contact) if not email else None
    if not email and not phone:
        raise ValidationError(
            {"contact": _("Enter an e-mail address or an Indonesian mobile number (08…).")}
        )
    candidate = User(username="new", email=email or "", first_name=full_name[:150])
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    with transaction.atomic():
        taken = (
            User.objects.filter(email__iexact=email).exists()
            if email
            else User.objects.filter(phone=phone).exists()
        )
        if taken:
            raise ValidationError(
                {
                    "contact": _(
                        "An account with this e-mail address or number already exists. "
                        "Sign in instead."
                    )
                }
            )
        user = User(
            username=f"c-{uuid.uuid4().hex[:20]}",
            email=email or "",
            phone=phone,
            first_name=full_name[:150],
        )
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as exc:  # the same phone number registered a moment ago
            raise ValidationError(
                {"contact": _("An account with this number already exists. Sign in instead.")}
            ) from exc
        CitizenProfile.objects.create(user=user, full_name=full_name[:150])
        record_event(
            action="account.registered",
            obj=user,
            actor=user,
            data={"channel": "email" if email else "phone"},
        )
    return user


# --- One-time codes ------------------------------------------------------------------------


def _code_hash(user_id: int, purpose: str, code: str) -> str:
    return crypto.keyed_hash(f"{user_id}:{purpose}:{code}", purpose="otp")


def send_verification_code(*, user: User, purpose: str) -> OneTimeCode:
    """Create a fresh code for the user's e-mail or phone and send it in the background.

    Earlier unused codes of the same purpose stop working. At most MPP_OTP_MAX_PER_HOUR codes
    an hour (ValidationError beyond), so nobody can flood a phone through us.
    """
    if purpose == OneTimeCode.Purpose.VERIFY_EMAIL:
        destination, channel = user.email, "email"
    elif purpose == OneTimeCode.Purpose.VERIFY_PHONE:
        destination, channel = str(user.phone or ""), "sms"
    else:
        raise ValueError(f"unknown purpose {purpose!r}")
    if not destination:
        raise ValidationError(_("There is no address to send a code to."))
    now = timezone.now()
    with transaction.atomic():
        recent = OneTimeCode.objects.filter(
            user=user, created_at__gte=now - timedelta(hours=1)
        ).count()
        if recent >= settings.MPP_OTP_MAX_PER_HOUR:
            raise ValidationError(
                _("Too many codes were requested. Please wait an hour and try again.")
            )
        OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(
            used_at=now
        )
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        otp = OneTimeCode.objects.create(
            user=user,
            purpose=purpose,
            destination=destination,
            code_hash=_code_hash(user.pk, purpose, code),
            expires_at=now + timedelta(seconds=settings.MPP_OTP_LIFETIME_SECONDS),
        )
        minutes = settings.MPP_OTP_LIFETIME_SECONDS // 60
        # Messages to citizens are in Indonesian (the platform's language).
        with override("id"):
            body = _(
                "Your MPP verification code is %(code)s. It is valid for %(minutes)d minutes. "
                "Never give this code to anyone, including officers."
            ) % {"code": code, "minutes": minutes}
            subject = _("Your verification code")
        send_message(
            channel=channel,
            to=destination,
            subject=subject,
            body=body,
            kind="otp",
            user=user,
            sensitive=True,
        )
    return otp


def verify_code(*, user: User, purpose: str, code: str) -> bool:
    """Check a code. On success mark it used and the contact verified; count a failed try
    otherwise (a code dies after MPP_OTP_MAX_ATTEMPTS tries). Returns whether it matched."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    now = timezone.now()
    with transaction.atomic():
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(user=user, purpose=purpose, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if otp is None or otp.attempts >= settings.MPP_OTP_MAX_ATTEMPTS:
            return False
        expected = _code_hash(user.pk, purpose, code)
        if len(code) != CODE_DIGITS or not hmac.compare_digest(expected, otp.code_hash):
            otp.attempts += 1
            otp.save(update_fields=["attempts"])
            return False
        otp.used_at = now
        otp.save(update_fields=["used_at"])
        field = (
            "email_verified_at"
            if purpose == OneTimeCode.Purpose.VERIFY_EMAIL
            else "phone_verified_at"
        )
        setattr(user, field, now)
        user.save(update_fields=[field])
        record_event(action=f"account.{purpose}", obj=user, actor=user, data={})
    return True


def verification_purpose(user: User) -> str:
    """Which contact a new account verifies: its e-mail if it has one, else its phone."""
    return OneTimeCode.Purpose.VERIFY_EMAIL if user.email else OneTimeCode.Purpose.VERIFY_PHONE


def masked_destination(user: User, purpose: str) -> str:
    if purpose == OneTimeCode.Purpose.VERIFY_EMAIL:
        return mask_email(user.email)
    return mask_phone(user.phone)


# --- Profile -------------------------------------------------------------------------------


def update_profile(
    *,
    user: User,
    full_name: str,
    nik: str = "",
    kecamatan_code: str = "",
    desa_name: str = "",
    street: str = "",
    phone: str | None = None,
    accept_privacy: bool = False,
) -> CitizenProfile:
    """Save the citizen's profile. An empty `nik` keeps the stored one. The NIK is validated
    (mpp.accounts.nik), encrypted, hashed for lookups and masked for display; a NIK already
    on another account is refused. Changing the phone number un-verifies it."""
    full_name = " ".join((full_name or "").split())
    clean_nik, new_phone = _check_profile_input(full_name, nik, kecamatan_code, phone)
    with transaction.atomic():
        profile, _created = CitizenProfile.objects.select_for_update().get_or_create(
            user=user, defaults={"full_name": full_name}
        )
        changed: list[str] = []
        if clean_nik and _set_nik(profile, clean_nik):
            changed.append("nik")
        desa = find_desa(kecamatan_code, desa_name) if kecamatan_code else None
        values = {
            "full_name": full_name[:150],
            "kecamatan_code": kecamatan_code,
            "desa_name": desa.name if desa else " ".join(desa_name.split())[:100],
            "desa_code": desa.code if desa else "",
            "street": street.strip()[:200],
        }
        for field, value in values.items():
            if getattr(profile, field) != value:
                setattr(profile, field, value)
                changed.append(field)
        if accept_privacy and profile.privacy_accepted_at is None:
            profile.privacy_accepted_at = timezone.now()
            changed.append("privacy_accepted_at")
        profile.save()
        if new_phone and str(user.phone or "") != new_phone:
            if User.objects.filter(phone=new_phone).exclude(pk=user.pk).exists():
                raise ValidationError({"phone": _("This number belongs to another account.")})
            user.phone = new_phone
            user.phone_verified_at = None
            user.save(update_fields=["phone", "phone_verified_at"])
            changed.append("phone")
        if changed:
            # Field names only: the values (NIK, address) stay out of the audit trail.
            record_event(
                action="account.profile_updated", obj=user, actor=user, data={"fields": changed}
            )
    return profile


def _check_profile_input(
    full_name: str, nik: str, kecamatan_code: str, phone: str | None
) -> tuple[str, str | None]:
    """The normalised NIK and phone, or ValidationError listing every bad field."""
    errors: dict[str, Any] = {}
    if not full_name:
        errors["full_name"] = _("Please enter your full name.")
    clean_nik = ""
    if nik:
        try:
            clean_nik = validate_nik(nik)
        except ValidationError as exc:
            errors["nik"] = exc.messages
    if kecamatan_code and kecamatan_code not in KECAMATAN_BY_CODE:
        errors["kecamatan_code"] = _("Choose a kecamatan from the list.")
    new_phone = None
    if phone:
        new_phone = parse_phone(phone)
        if new_phone is None:
            errors["phone"] = _("Enter an Indonesian mobile number, e.g. 0812 3456 7890.")
    if errors:
        raise ValidationError(errors)
    return clean_nik, new_phone


def _set_nik(profile: CitizenProfile, clean_nik: str) -> bool:
    """Encrypt, hash and mask a validated NIK onto the profile; False when unchanged.
    Refuses a NIK that is already on another account."""
    digest = crypto.keyed_hash(clean_nik)
    if digest == profile.nik_hash:
        return False
    if CitizenProfile.objects.filter(nik_hash=digest).exclude(pk=profile.pk).exists():
        raise ValidationError(
            {
                "nik": _(
                    "This NIK is already registered to another account. If it "
                    "is yours, please contact the information desk."
                )
            }
        )
    profile.nik_encrypted = crypto.encrypt(clean_nik)
    profile.nik_hash = digest
    profile.nik_masked = mask_nik(clean_nik)
    return True


def reveal_nik(profile: CitizenProfile) -> str:
    """The plain NIK. Callers that show it to staff must record who saw it."""
    return crypto.decrypt(profile.nik_encrypted)


# --- Staff: roles and second factor --------------------------------------------------------


def grant_staff_role(
    *, user: User, mall: Any, role: str, agency: Any = None, actor: Any
) -> StaffMembership:
    """Give `user` a role (in `agency`, or mall-wide for mall managers and auditors).
    Makes the user staff. Audited."""
    if role not in StaffRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    if role not in MALL_WIDE_ROLES and agency is None:
        raise ValidationError({"agency": _("This role belongs to an agency; choose one.")})
    with transaction.atomic():
        membership, created = StaffMembership.objects.get_or_create(
            user=user, mall=mall, agency=None if role in MALL_WIDE_ROLES else agency, role=role
        )
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        if created:
            record_event(
                action="staff.role_granted",
                obj=membership,
                mall_id=mall.pk,
                actor=actor,
                data={"user": user.pk, "role": role, "agency": getattr(agency, "pk", None)},
            )
    return membership


def revoke_staff_role(*, membership: StaffMembership, actor: Any) -> None:
    with transaction.atomic():
        data = {
            "user": membership.user_id,
            "role": membership.role,
            "agency": membership.agency_id,
        }
        record_event(
            action="staff.role_revoked",
            obj=membership,
            mall_id=membership.mall_id,
            actor=actor,
            data=data,
        )
        membership.delete()


def start_totp_enrolment(*, user: User) -> Any:
    """An unconfirmed TOTP device for the user (reused if one is waiting)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="MPP", confirmed=False)
    return device


def confirm_totp_enrolment(*, user: User, device: Any, token: str) -> bool:
    """Confirm the device with a first code from the authenticator app. Audited."""
    if device.user_id != user.pk or device.confirmed:
        return False
    if not device.verify_token(token):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        type(device).objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
        record_event(action="account.totp_enrolled", obj=user, actor=user, data={})
    return True
