"""Factories for the queue: services with queue settings, counters with signed-in officers."""

from __future__ import annotations

import factory

from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.queueing.models import Counter, QueueService
from tests.factories import AgencyFactory, MallFactory, ServiceFactory

# To midnight: the day's last slot (23:30–24:00 in 30-minute slots) takes walk-ins until then.
ALL_DAY = [{"days": [0, 1, 2, 3, 4, 5, 6], "opens": "00:00", "closes": "24:00"}]


class QueueServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QueueService

    service = factory.SubFactory(ServiceFactory)
    prefix = "A"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"officer{n}")
    is_staff = True


class CounterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Counter
        skip_postgeneration_save = True

    mall = factory.SubFactory(MallFactory)
    agency = factory.SubFactory(AgencyFactory, mall=factory.SelfAttribute("..mall"))
    number = factory.Sequence(lambda n: n + 1)
    opening_hours = factory.LazyFunction(lambda: list(ALL_DAY))

    @factory.post_generation
    def services(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.services.set(extracted)


def officer_for(counter: Counter, username: str | None = None, *, sign_in: bool = True) -> User:
    user = UserFactory(username=username or f"loket{counter.number}-{counter.mall.slug}")
    StaffMembership.objects.get_or_create(
        user=user, mall=counter.mall, agency=counter.agency, role=StaffRole.COUNTER_OFFICER
    )
    if sign_in:
        counter.officer = user
        counter.save(update_fields=["officer"])
    return user


__all__ = ["AgencyFactory", "MallFactory", "ServiceFactory"]
