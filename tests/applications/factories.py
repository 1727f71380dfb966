"""Factories and helpers for people and applications (citizens, officers with a second
factor, an online service with requirements and typed questions)."""

from __future__ import annotations

import io
from typing import Any

import factory
from django.utils import timezone

from mpp.accounts.models import CitizenProfile, StaffMembership, User
from mpp.applications.enums import FieldKind
from mpp.applications.models import ApplicationField
from mpp.catalog.enums import Channel, DocumentForm
from tests.factories import (  # noqa: F401 (login_verified: imported from here by the tests)
    AgencyFactory,
    RequirementFactory,
    ServiceFactory,
    login_verified,
)

PASSWORD = "kata sandi yang panjang 2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.Sequence(lambda n: f"warga{n}@example.id")
    first_name = factory.Sequence(lambda n: f"Warga {n}")
    password = factory.django.Password(PASSWORD)


class CitizenFactory(UserFactory):
    phone = factory.Sequence(lambda n: f"+62812{n:08d}")
    email_verified_at = factory.LazyFunction(timezone.now)
    profile = factory.RelatedFactory(
        "tests.applications.factories.ProfileFactory", factory_related_name="user"
    )


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CitizenProfile

    full_name = factory.Sequence(lambda n: f"Siti Warga {n}")


class StaffFactory(UserFactory):
    is_staff = True


def make_officer(*, mall: Any, agency: Any, role: str, **kwargs: Any) -> User:
    user = StaffFactory(**kwargs)
    StaffMembership.objects.create(user=user, mall=mall, agency=agency, role=role)
    return user


def make_mall_wide(*, mall: Any, role: str) -> User:
    user = StaffFactory()
    StaffMembership.objects.create(user=user, mall=mall, agency=None, role=role)
    return user


def online_service(*, mall: Any, agency: Any = None, slug: str = "akta-kelahiran") -> Any:
    """A birth-certificate-like service: three document requirements (one optional), one
    requirement that is not a document, and typed questions of every kind."""
    agency = agency or AgencyFactory(mall=mall, slug="dispendukcapil", short_name="Dispendukcapil")
    service = ServiceFactory(
        agency=agency,
        mall=mall,
        slug=slug,
        name="Akta Kelahiran",
        name_en="Birth certificate",
        channel=Channel.BOTH,
        accepts_online_applications=True,
        turnaround_value=3,
    )
    RequirementFactory(
        service=service, position=1, text="Surat keterangan lahir", form=DocumentForm.ORIGINAL
    )
    RequirementFactory(service=service, position=2, text="Kartu Keluarga (KK)")
    RequirementFactory(
        service=service, position=3, text="KTP-el dua orang saksi", is_mandatory=False
    )
    RequirementFactory(
        service=service, position=4, text="Nomor ponsel aktif", form=DocumentForm.NOT_A_DOCUMENT
    )
    questions = [
        ("nama_anak", "Nama anak", FieldKind.TEXT, "", True),
        ("tanggal_lahir", "Tanggal lahir anak", FieldKind.DATE, "", True),
        ("jenis_kelamin", "Jenis kelamin", FieldKind.CHOICE, "Laki-laki\nPerempuan", True),
        ("berat_lahir", "Berat lahir (gram)", FieldKind.NUMBER, "", False),
        ("nik_ibu", "NIK ibu", FieldKind.NIK, "", True),
        ("alamat", "Alamat", FieldKind.ADDRESS, "", True),
    ]
    for position, (key, label, kind, choices, required) in enumerate(questions, start=1):
        ApplicationField.objects.create(
            service=service,
            position=position,
            key=key,
            label=label,
            kind=kind,
            choices=choices,
            is_required=required,
        )
    return service


def jpeg_bytes(size: tuple[int, int] = (64, 48), color: str = "navy") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG")
    return buffer.getvalue()


def png_bytes(size: tuple[int, int] = (40, 40)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", size, (200, 10, 10, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes(extra: bytes = b"") -> bytes:
    """A small valid one-page PDF; `extra` goes into the catalog dictionary."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


VALID_NIK = "3521094508900001"  # Ngawi, Kec. Ngawi, a woman born 5 Aug 1990, serial 0001


def complete_answers(service: Any) -> dict[str, Any]:
    requirement = service.requirements.get(position=4)
    return {
        f"req-{requirement.pk}": "081234567890",
        "f-nama_anak": "Bima Pratama",
        "f-tanggal_lahir": "2026-11-02",
        "f-jenis_kelamin": "Laki-laki",
        "f-nik_ibu": VALID_NIK,
        "f-alamat": {"kecamatan": "35.21.09", "desa": "Ketanggi", "street": "Jl. Teuku Umar 5"},
    }
