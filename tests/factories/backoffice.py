"""Factories for dossiers as the back office sees them, and for its users."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from portal.backoffice.models import OfficialProfile
from portal.dossiers.models import Dossier, DossierStatus, StatusEvent
from portal.editorial.roles import EDITORS
from tests.factories.catalogue import AgencyFactory, SectorFactory

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
OFFICIALS_GROUP = "Cán bộ xử lý hồ sơ"
CENTRE_GROUP = "Bộ phận một cửa"


def local(year, month, day, hour=9, minute=0) -> datetime:
    """An aware datetime in the centre's time zone."""
    return datetime(year, month, day, hour, minute, tzinfo=HCM)


class DossierFactory(DjangoModelFactory):
    """A dossier received on Monday 2 March 2026 at 09:00, due five working days later."""

    class Meta:
        model = Dossier
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"TEST-{n:06d}")
    procedure_code = "1.000001"
    procedure_name = "Cấp giấy phép thử nghiệm"
    agency = factory.SubFactory(AgencyFactory)
    sector = factory.SubFactory(SectorFactory)
    applicant_type = "individual"
    applicant_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    applicant_id_number = "001090000001"
    applicant_phone = "0912345678"
    applicant_email = "nguoi.nop@example.vn"
    applicant_address = "1 Lê Lợi, Huế"
    receipt_method = "at_centre"
    status = DossierStatus.RECEIVED
    received_at = factory.LazyFunction(lambda: local(2026, 3, 2))
    processing_days = Decimal(5)
    counting_from = date(2026, 3, 3)
    first_appointment_date = date(2026, 3, 9)
    appointment_date = factory.SelfAttribute("first_appointment_date")

    @factory.post_generation
    def first_event(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            StatusEvent.objects.create(
                dossier=obj,
                from_status="",
                to_status=DossierStatus.RECEIVED,
                appointment_date=obj.first_appointment_date,
                created_at=obj.received_at,
            )


class UserFactory(DjangoModelFactory):
    """A plain active user (an editor unless given groups)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "pw-123456")

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.groups.add(
                *[Group.objects.get_or_create(name=name)[0] for name in extracted]
            )
        if create:
            obj.save()


def make_official(agency, **kwargs):
    """An official of `agency` (the "Dossier officials" group)."""
    user = UserFactory(groups=[OFFICIALS_GROUP], **kwargs)
    OfficialProfile.objects.create(user=user, agency=agency)
    return user


def make_centre_staff(**kwargs):
    """A one-stop desk officer who acts for all agencies."""
    return UserFactory(groups=[CENTRE_GROUP], **kwargs)


def make_editor(**kwargs):
    """A content editor (the Biên tập viên group): no dossier access."""
    return UserFactory(groups=[EDITORS], **kwargs)


def days(n: int) -> timedelta:
    return timedelta(days=n)
