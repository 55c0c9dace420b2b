"""Factories for the appointments app: counter groups, counters, bookings."""

from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from portal.appointments.models import Booking, Counter, CounterGroup, new_booking_code


class CounterGroupFactory(DjangoModelFactory):
    """A group of counters sharing one queue (letters A, B, C …)."""

    class Meta:
        model = CounterGroup
        django_get_or_create = ("letter",)

    letter = factory.Sequence(lambda n: "ABCDEFGHJK"[n % 10])
    name = factory.LazyAttribute(lambda o: f"Nhóm {o.letter}")
    name_en = factory.LazyAttribute(lambda o: f"Group {o.letter}")


class CounterFactory(DjangoModelFactory):
    """An open counter; pass `agencies=[…]` or `sectors=[…]` to say what it serves."""

    class Meta:
        model = Counter
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: str(n + 1))
    name = factory.LazyAttribute(lambda o: f"Quầy {o.number}")
    name_en = factory.LazyAttribute(lambda o: f"Counter {o.number}")
    location = "Tầng 1"
    location_en = "Ground floor"
    group = factory.SubFactory(CounterGroupFactory)

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.agencies.set(extracted)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class BookingFactory(DjangoModelFactory):
    """A booking of `procedure` at `counter` starting at `start` (pass all three)."""

    class Meta:
        model = Booking

    code = factory.LazyFunction(new_booking_code)
    procedure_code = factory.LazyAttribute(lambda o: o.procedure.code)
    procedure_name = factory.LazyAttribute(lambda o: o.procedure.name)
    agency_id = factory.LazyAttribute(lambda o: o.procedure.agency_id)
    sector_id = factory.LazyAttribute(lambda o: o.procedure.sector_id)
    end = factory.LazyAttribute(lambda o: o.start + timedelta(minutes=30))
    name = "Nguyễn Văn An"
    phone = factory.Sequence(lambda n: f"091{n:07d}")
    email = ""
