"""Citizen sign-up with e-mail or phone, verification by one-time code, sign-in by either,
the profile with its encrypted NIK."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from mpp.accounts import domain
from mpp.accounts.models import CitizenProfile, OneTimeCode, User
from mpp.audit.models import AuditEvent
from mpp.notifications.models import Notification

pytestmark = pytest.mark.django_db
PASSWORD = "kata sandi yang panjang 2026"
NIK = "3521094508900001"


@pytest.fixture(autouse=True)
def _fast(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "notifications"],
        }
    }


def _code_from_mail() -> str:
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def test_signup_by_email_sends_a_code_and_verifies(
    client: Client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:signup"),
            {
                "full_name": "Siti  Aminah",
                "contact": "Siti@Example.ID",
                "password": PASSWORD,
                "accept_privacy": "on",
            },
        )
    assert response.status_code == 302
    user = User.objects.get()
    assert (user.email, user.first_name, user.is_staff) == ("Siti@example.id", "Siti Aminah", False)
    assert user.citizen_profile.privacy_accepted_at is not None
    assert mail.outbox[-1].to == ["Siti@example.id"]
    code = _code_from_mail()
    # The stored message no longer holds the code.
    assert code not in Notification.objects.get(kind="otp").body
    response = client.post(reverse("accounts:verify"), {"code": code})
    user.refresh_from_db()
    assert user.email_verified_at is not None
    assert AuditEvent.objects.filter(action="account.verify_email", actor_id=user.pk).exists()


def test_signup_by_phone_uses_the_sms_sender(client: Client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:signup"),
            {
                "full_name": "Budi",
                "contact": "0812-3456-7890",
                "password": PASSWORD,
                "accept_privacy": "on",
            },
        )
    user = User.objects.get()
    assert str(user.phone) == "+6281234567890"
    sms = Notification.objects.get(kind="otp")
    assert (sms.channel, sms.to, sms.status) == ("sms", "+6281234567890", "sent")


def test_signup_refuses_bad_input_and_creates_nothing(client: Client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "full_name": "Budi",
            "contact": "bukan-kontak",
            "password": "pendek",
            "accept_privacy": "on",
        },
    )
    assert response.status_code == 200
    assert User.objects.count() == 0
    assert "error-summary" in response.content.decode()


def test_signup_refuses_a_taken_contact():
    domain.register_citizen(full_name="A", contact="a@example.id", password=PASSWORD)
    with pytest.raises(ValidationError) as caught:
        domain.register_citizen(full_name="B", contact="A@EXAMPLE.ID", password=PASSWORD)
    assert "contact" in caught.value.message_dict


def test_wrong_codes_use_up_the_code():
    user = domain.register_citizen(full_name="A", contact="a@example.id", password=PASSWORD)
    domain.send_verification_code(user=user, purpose="verify_email")
    for _ in range(5):
        assert domain.verify_code(user=user, purpose="verify_email", code="000000") is False
    # Even the right code no longer works after five wrong ones.
    otp = OneTimeCode.objects.get()
    assert otp.attempts == 5


def test_codes_expire():
    user = domain.register_citizen(full_name="A", contact="a@example.id", password=PASSWORD)
    domain.send_verification_code(user=user, purpose="verify_email")
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    code = _code_from_mail() if mail.outbox else "123456"
    assert domain.verify_code(user=user, purpose="verify_email", code=code) is False


@override_settings(MPP_OTP_MAX_PER_HOUR=2)
def test_code_requests_are_rate_limited():
    user = domain.register_citizen(full_name="A", contact="a@example.id", password=PASSWORD)
    domain.send_verification_code(user=user, purpose="verify_email")
    domain.send_verification_code(user=user, purpose="verify_email")
    with pytest.raises(ValidationError):
        domain.send_verification_code(user=user, purpose="verify_email")


def test_sign_in_with_email_or_phone(client: Client):
    user = domain.register_citizen(full_name="A", contact="0812 3456 7890", password=PASSWORD)
    user.email = "a@example.id"
    user.save()
    for login in ("a@example.id", "A@Example.id", "081234567890", "+62 812-3456-7890"):
        c = Client()
        response = c.post(reverse("accounts:login"), {"login": login, "password": PASSWORD})
        assert response.status_code == 302, login
        assert int(c.session["_auth_user_id"]) == user.pk


def test_wrong_password_gives_one_message_for_all_cases(client: Client):
    domain.register_citizen(full_name="A", contact="a@example.id", password=PASSWORD)
    wrong = client.post(reverse("accounts:login"), {"login": "a@example.id", "password": "salah"})
    unknown = client.post(reverse("accounts:login"), {"login": "b@example.id", "password": "salah"})
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()


def test_open_redirects_are_ignored(client: Client):
    domain.register_citizen(full_name="A", contact="a@example.id", password=PASSWORD)
    response = client.post(
        reverse("accounts:login"),
        {
            "login": "a@example.id",
            "password": PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("applications:mine")


def test_profile_stores_the_nik_encrypted_and_shows_it_masked(client: Client):
    user = domain.register_citizen(full_name="A", contact="a@example.id", password=PASSWORD)
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": "Siti Aminah",
            "nik": "3521 0945 0890 0001",
            "kecamatan_code": "35.21.09",
            "desa_name": "ketanggi",
            "street": "Jl. Teuku Umar 5",
        },
    )
    assert response.status_code == 302
    profile = CitizenProfile.objects.get(user=user)
    assert NIK not in profile.nik_encrypted
    assert (profile.nik_masked, profile.desa_name, profile.desa_code) == (
        "3521••••••••0001",
        "Ketanggi",
        "35.21.09.1015",
    )
    assert domain.reveal_nik(profile) == NIK
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "3521••••••••0001" in page and NIK not in page
    event = AuditEvent.objects.filter(action="account.profile_updated").last()
    assert NIK not in str(event.data)
    assert "nik" in event.data["fields"]


def test_the_same_nik_cannot_belong_to_two_accounts():
    first = domain.register_citizen(full_name="A", contact="a@example.id", password=PASSWORD)
    second = domain.register_citizen(full_name="B", contact="b@example.id", password=PASSWORD)
    domain.update_profile(user=first, full_name="A", nik=NIK)
    with pytest.raises(ValidationError) as caught:
        domain.update_profile(user=second, full_name="B", nik=NIK)
    assert "nik" in caught.value.message_dict
    assert CitizenProfile.objects.get(user=second).nik_hash == ""


def test_invalid_nik_on_the_profile_page_changes_nothing(client: Client):
    user = domain.register_citizen(full_name="A", contact="a@example.id", password=PASSWORD)
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"full_name": "Siti", "nik": "12345"})
    assert response.status_code == 200
    assert CitizenProfile.objects.get(user=user).full_name == "A"
