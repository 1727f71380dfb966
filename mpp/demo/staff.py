"""Demo staff that belong to no single capability: the mall manager, who sees the outbox
("Kotak keluar") of every message the demo would have sent and words the messages."""

from __future__ import annotations

from django.db import transaction

from mpp.accounts.demo import DEMO_TOTP_KEY_HEX, STAFF_PASSWORD
from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.core.models import Mall

MANAGER_USERNAME = "pengelola"


def load_mall_manager(mall: Mall) -> str:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        user = User.objects.filter(username=MANAGER_USERNAME).first()
        if user is None:
            user = User(
                username=MANAGER_USERNAME,
                first_name="Pengelola MPP",
                is_staff=True,
                email=f"{MANAGER_USERNAME}@example.id",
            )
            user.set_password(STAFF_PASSWORD)
            user.save()
            TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY_HEX, confirmed=True)
        StaffMembership.objects.get_or_create(
            user=user, mall=mall, agency=None, role=StaffRole.MALL_MANAGER
        )
    return user.username
