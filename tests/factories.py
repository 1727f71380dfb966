"""factory_boy factories for the catalogue and the mall."""

from __future__ import annotations

from typing import Any

import factory

from mpp.catalog.enums import AgencyLevel, Channel, FeeKind, ServiceCategory, TimeUnit
from mpp.catalog.models import Agency, ProcedureStep, Requirement, Service
from mpp.core.models import Booth, Mall


class MallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mall
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"mall-{n}")
    name = factory.LazyAttribute(lambda o: f"Mal Pelayanan Publik {o.slug.title()}")
    short_name = factory.LazyAttribute(lambda o: f"MPP {o.slug.title()}")
    regency = "Kabupaten Ngawi"
    region_code = "35.21"
    address = "Jl. PB Sudirman, Ngawi"
    opening_hours = factory.LazyFunction(
        lambda: [{"days": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "15:00"}]
    )


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    mall = factory.SubFactory(MallFactory)
    code = factory.Sequence(lambda n: f"B{n}")
    label = "Booth"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    mall = factory.SubFactory(MallFactory)
    slug = factory.Sequence(lambda n: f"agency-{n}")
    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    short_name = factory.Sequence(lambda n: f"Dinas {n}")
    level = AgencyLevel.REGENCY


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    agency = factory.SubFactory(AgencyFactory)
    mall = factory.LazyAttribute(lambda o: o.agency.mall)
    slug = factory.Sequence(lambda n: f"service-{n}")
    name = factory.Sequence(lambda n: f"Layanan Contoh {n}")
    name_en = factory.Sequence(lambda n: f"Example service {n}")
    category = ServiceCategory.OTHER
    turnaround_value = 3
    turnaround_unit = TimeUnit.WORKING_DAYS
    fee_kind = FeeKind.FREE
    fee_amount = 0
    product = "Dokumen"
    complaint_handling = "Sampaikan di loket pengaduan."
    channel = Channel.COUNTER
    source = "test data"


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    service = factory.SubFactory(ServiceFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Syarat {n}")


class ProcedureStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureStep

    service = factory.SubFactory(ServiceFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Langkah {n}")


def login_verified(client: Any, user: Any) -> Any:
    """Sign a staff user in with a confirmed TOTP device and a passed second factor (what every
    staff page and staff API session requires, mpp.accounts.access)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
