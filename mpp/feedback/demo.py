"""Demo of reports that protect the reporter (ADR 0019): the Inspectorate of Ngawi Regency as
the mall's oversight unit (APIP), one officer at its desk, one counter officer of the police
(the agency a demo pungli report is about) and that report itself.

Called by `load_demo`. Idempotent: the agency, unit, users and the report (by its
idempotency key) are created once.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from mpp.accounts.demo import DEMO_TOTP_KEY_HEX, STAFF_PASSWORD
from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.catalog.enums import AgencyLevel
from mpp.catalog.models import Agency
from mpp.core.models import Mall
from mpp.feedback.enums import ComplaintKind, ComplaintSubject, OversightKind
from mpp.feedback.models import Complaint, OversightUnit

INSPECTORATE_SLUG = "inspektorat-ngawi"
INSPECTOR_USERNAME = "inspektorat"
POLICE_OFFICER_USERNAME = "loket.polres"
POLICE_SLUG = "polres-ngawi"
DEMO_REPORT_KEY = "demo:pungli-skck"


def _staff(username: str, name: str, mall: Mall, agency: Agency, role: str) -> User:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username, first_name=name, is_staff=True, email=f"{username}@example.id"
        )
        user.set_password(STAFF_PASSWORD)
        user.save()
        TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY_HEX, confirmed=True)
    StaffMembership.objects.get_or_create(user=user, mall=mall, agency=agency, role=role)
    return user


def load_oversight_demo(mall: Mall) -> dict[str, Any]:
    from mpp.feedback.domain import file_complaint

    with transaction.atomic():
        inspectorate, _created = Agency.objects.get_or_create(
            mall=mall,
            slug=INSPECTORATE_SLUG,
            defaults={
                "name": "Inspektorat Kabupaten Ngawi",
                "name_en": "Inspectorate of Ngawi Regency",
                "short_name": "Inspektorat",
                "level": AgencyLevel.REGENCY,
                "description": (
                    "Aparat Pengawasan Intern Pemerintah (APIP) Kabupaten Ngawi. Menerima "
                    "laporan pungutan liar, gratifikasi dan pelanggaran petugas yang dikirim "
                    "lewat MPP; instansi yang dilaporkan tidak melihat laporan maupun pelapornya."
                ),
                "notes": (
                    "Bukan gerai MPP: unit pengawas untuk laporan yang melindungi pelapor "
                    "(docs/adr/0019-whistleblowing-routing.md)."
                ),
                "position": 990,
            },
        )
        OversightUnit.objects.get_or_create(
            agency=inspectorate, defaults={"kind": OversightKind.APIP}
        )
        inspector = _staff(
            INSPECTOR_USERNAME, "Indra Pemeriksa", mall, inspectorate, StaffRole.VERIFIER
        )
        police = Agency.objects.filter(mall=mall, slug=POLICE_SLUG).first()
        filed = 0
        if police is not None:
            _staff(
                POLICE_OFFICER_USERNAME,
                "Pandu Petugas Loket",
                mall,
                police,
                StaffRole.COUNTER_OFFICER,
            )
            if not Complaint.objects.filter(mall=mall, idempotency_key=DEMO_REPORT_KEY).exists():
                file_complaint(
                    mall=mall,
                    kind=ComplaintKind.PUNGLI,
                    subject=ComplaintSubject.OFFICER,
                    agency=police,
                    officer_description="Petugas loket SKCK (data demo)",
                    title="Diminta uang tambahan agar SKCK cepat selesai",
                    description=(
                        "Data demo. Petugas meminta Rp50.000 di luar biaya resmi agar SKCK "
                        "selesai hari itu juga."
                    ),
                    is_anonymous=True,
                    idempotency_key=DEMO_REPORT_KEY,
                    actor="system:load_demo",
                )
                filed = 1
    return {"unit": inspectorate.short_name, "inspector": inspector.username, "reports": filed}
