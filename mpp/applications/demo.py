"""Demo data for online applications: the questions of a few online Ngawi services, a demo
citizen and the officers of Dispendukcapil (with a published TOTP key: DEMO ONLY).

Call `load_applications_demo(mall)` after the catalogue is loaded (the lead calls it from
`manage.py load_demo`). Idempotent: existing questions are updated, existing accounts are
left as they are (their passwords are never reset).

Demo sign-ins (documented in docs/operations.md; never load this into a real installation):
- citizen  warga@example.id  /  demo-warga-2026   (verified e-mail, phone 0812 0000 2026)
- officers verifikator.dukcapil, kabid.dukcapil, loket.dukcapil  /  demo-petugas-2026
  TOTP secret (base32) GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ — add it to any authenticator app.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from mpp.accounts.demo import DEMO_TOTP_KEY_HEX, STAFF_PASSWORD
from mpp.accounts.enums import StaffRole
from mpp.accounts.models import CitizenProfile, StaffMembership, User
from mpp.applications.enums import FieldKind
from mpp.applications.models import ApplicationField
from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall

CITIZEN_PASSWORD = "demo-warga-2026"  # noqa: S105 - published demo credential

SEX = "Laki-laki\nPerempuan"

# service slug -> questions (key, label, label_en, kind, choices, required, hint)
QUESTIONS: dict[str, list[tuple[str, str, str, str, str, bool, str]]] = {
    "akta-kelahiran": [
        ("nama_anak", "Nama lengkap anak", "Child's full name", FieldKind.TEXT, "", True, ""),
        (
            "tempat_lahir",
            "Tempat lahir",
            "Place of birth",
            FieldKind.TEXT,
            "",
            True,
            "Nama rumah sakit, puskesmas, atau desa.",
        ),
        (
            "tanggal_lahir",
            "Tanggal lahir anak",
            "Child's date of birth",
            FieldKind.DATE,
            "",
            True,
            "",
        ),
        ("jenis_kelamin", "Jenis kelamin anak", "Child's sex", FieldKind.CHOICE, SEX, True, ""),
        ("anak_ke", "Anak ke-", "Birth order", FieldKind.NUMBER, "", False, ""),
        (
            "nik_ibu",
            "NIK ibu",
            "Mother's NIK",
            FieldKind.NIK,
            "",
            True,
            "16 digit, lihat KTP-el atau KK.",
        ),
        (
            "nik_ayah",
            "NIK ayah",
            "Father's NIK",
            FieldKind.NIK,
            "",
            False,
            "Kosongkan bila tidak tercatat.",
        ),
        (
            "alamat",
            "Alamat di Kabupaten Ngawi",
            "Address in Ngawi regency",
            FieldKind.ADDRESS,
            "",
            True,
            "",
        ),
    ],
    "akta-kematian": [
        (
            "nama_almarhum",
            "Nama almarhum/almarhumah",
            "Name of the deceased",
            FieldKind.TEXT,
            "",
            True,
            "",
        ),
        (
            "nik_almarhum",
            "NIK almarhum/almarhumah",
            "NIK of the deceased",
            FieldKind.NIK,
            "",
            True,
            "",
        ),
        ("tanggal_meninggal", "Tanggal meninggal", "Date of death", FieldKind.DATE, "", True, ""),
        (
            "alamat",
            "Alamat terakhir di Kabupaten Ngawi",
            "Last address in Ngawi regency",
            FieldKind.ADDRESS,
            "",
            True,
            "",
        ),
    ],
}

OFFICERS = [
    ("verifikator.dukcapil", "Vera Verifikator", StaffRole.VERIFIER),
    ("kabid.dukcapil", "Hadi Kepala Bidang", StaffRole.HEAD_OF_UNIT),
    ("loket.dukcapil", "Lina Petugas Loket", StaffRole.COUNTER_OFFICER),
]


def _questions(mall: Mall) -> int:
    written = 0
    services = {s.slug: s for s in Service.objects.filter(mall=mall, slug__in=QUESTIONS)}
    for slug, questions in QUESTIONS.items():
        service = services.get(slug)
        if service is None or not service.accepts_online_applications:
            continue
        for position, (key, label, label_en, kind, choices, required, hint) in enumerate(
            questions, start=1
        ):
            ApplicationField.objects.update_or_create(
                service=service,
                key=key,
                defaults={
                    "position": position,
                    "label": label,
                    "label_en": label_en,
                    "kind": kind,
                    "choices": choices,
                    "is_required": required,
                    "help_text": hint,
                },
            )
            written += 1
    return written


def _citizen() -> User:
    user = User.objects.filter(email__iexact="warga@example.id").first()
    if user is None:
        user = User(
            username="demo-warga",
            email="warga@example.id",
            phone="+6281200002026",
            first_name="Siti Aminah",
            email_verified_at=timezone.now(),
        )
        user.set_password(CITIZEN_PASSWORD)
        user.save()
        CitizenProfile.objects.create(
            user=user,
            full_name="Siti Aminah",
            kecamatan_code="35.21.09",
            desa_name="Ketanggi",
            desa_code="35.21.09.1015",
            street="Jl. Teuku Umar 5",
            privacy_accepted_at=timezone.now(),
        )
    return user


def _officers(mall: Mall, agency: Agency) -> list[User]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    people = []
    for username, name, role in OFFICERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username, first_name=name, is_staff=True, email=f"{username}@example.id"
            )
            user.set_password(STAFF_PASSWORD)
            user.save()
            TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY_HEX, confirmed=True)
        StaffMembership.objects.get_or_create(user=user, mall=mall, agency=agency, role=role)
        people.append(user)
    return people


def load_applications_demo(mall: Mall) -> dict[str, Any]:
    """Questions for the online services, the demo citizen and Dispendukcapil's officers."""
    with transaction.atomic():
        questions = _questions(mall)
        citizen = _citizen()
        agency = Agency.objects.filter(mall=mall, slug="dispendukcapil").first()
        officers = _officers(mall, agency) if agency else []
    return {"questions": questions, "citizen": citizen.email, "officers": len(officers)}
