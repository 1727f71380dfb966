"""Staff: TOTP second factor, roles granted and revoked with an audit entry, idle sessions
ended; and login throttling for everyone (django-axes)."""

from __future__ import annotations

import time

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mpp.accounts import domain
from mpp.accounts.enums import StaffRole
from mpp.audit.models import AuditEvent
from tests.applications.factories import PASSWORD, StaffFactory
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_staff_sign_in_asks_for_the_authenticator_setup_then_the_code(client: Client, mall):
    staff = StaffFactory(username="vera")
    domain.grant_staff_role(user=staff, mall=mall, role=StaffRole.AUDITOR, actor=None)
    response = client.post(reverse("accounts:login"), {"login": "vera", "password": PASSWORD})
    assert response["Location"].startswith(reverse("accounts:two-factor"))
    setup = client.get(response["Location"], follow=True)
    assert setup.redirect_chain[-1][0].startswith(reverse("accounts:two-factor-setup"))
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=staff)
    client.post(reverse("accounts:two-factor-setup"), {"code": _code(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="account.totp_enrolled", actor_id=staff.pk).exists()
    inbox = client.get(reverse("applications:inbox"))
    assert inbox.status_code == 200


def test_wrong_totp_code_keeps_the_officer_out(client: Client, mall):
    staff = StaffFactory(username="hadi")
    domain.grant_staff_role(user=staff, mall=mall, role=StaffRole.AUDITOR, actor=None)
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    client.post(reverse("accounts:login"), {"login": "hadi", "password": PASSWORD})
    response = client.post(reverse("accounts:two-factor"), {"code": "000000"})
    assert response.status_code == 200
    assert client.get(reverse("applications:inbox"))["Location"].startswith(
        reverse("accounts:two-factor")
    )


def test_roles_are_granted_and_revoked_with_an_audit_entry(mall):
    admin = StaffFactory()
    agency = AgencyFactory(mall=mall)
    staff = StaffFactory(is_staff=False)
    membership = domain.grant_staff_role(
        user=staff, mall=mall, agency=agency, role=StaffRole.VERIFIER, actor=admin
    )
    staff.refresh_from_db()
    assert staff.is_staff
    domain.revoke_staff_role(membership=membership, actor=admin)
    actions = list(
        AuditEvent.objects.filter(action__startswith="staff.").values_list("action", "actor_id")
    )
    assert actions == [("staff.role_granted", admin.pk), ("staff.role_revoked", admin.pk)]


@override_settings(MPP_STAFF_IDLE_SECONDS=60)
def test_idle_staff_sessions_end(client: Client, mall):
    staff = StaffFactory()
    client.force_login(staff)
    session = client.session
    session["mpp_last_seen"] = int(time.time()) - 120
    session.save()
    client.get(reverse("catalog:home"))
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failed_sign_ins_are_throttled(client: Client):
    from mpp.accounts.domain import register_citizen

    register_citizen(full_name="A", contact="a@example.id", password=PASSWORD)
    for _ in range(3):
        client.post(reverse("accounts:login"), {"login": "A@example.id", "password": "salah"})
    # The right password is refused too while the lock lasts; the page says why.
    response = client.post(
        reverse("accounts:login"), {"login": "a@example.id", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not affected.
    register_citizen(full_name="B", contact="b@example.id", password=PASSWORD)
    other = Client().post(
        reverse("accounts:login"), {"login": "b@example.id", "password": PASSWORD}
    )
    assert other.status_code == 302
