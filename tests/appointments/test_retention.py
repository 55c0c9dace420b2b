"""Decree 13/2023: a past visit's booking loses the visitor's name, phone
and e-mail after the retention period; the booking row stays for the
counters' figures."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.appointments.models import Booking, BookingStatus
from portal.appointments.retention import purge_personal_data
from tests.factories.appointments import BookingFactory

pytestmark = pytest.mark.django_db


def test_past_bookings_lose_the_visitors_data(settings, procedure, counter, capsys):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    now = timezone.now()
    old = BookingFactory(
        procedure=procedure,
        counter=counter,
        start=now - timedelta(days=45),
        email="an@example.vn",
        status=BookingStatus.CHECKED_IN,
    )
    recent = BookingFactory(
        procedure=procedure, counter=counter, start=now - timedelta(days=5)
    )
    coming = BookingFactory(
        procedure=procedure, counter=counter, start=now + timedelta(days=2)
    )

    call_command("purge_personal_data", "--dry-run")
    assert "1 bookings" in capsys.readouterr().out
    old.refresh_from_db()
    assert old.name and old.anonymised_at is None

    assert purge_personal_data() == 1
    old.refresh_from_db()
    assert (old.name, old.phone, old.email) == ("", "", "")
    assert old.anonymised_at is not None
    # The row keeps what the figures count.
    assert old.status == BookingStatus.CHECKED_IN and old.counter == counter
    assert Booking.objects.count() == 3
    for untouched in (recent, coming):
        untouched.refresh_from_db()
        assert untouched.name and untouched.phone and untouched.anonymised_at is None
    assert purge_personal_data() == 0


def test_a_live_booking_still_needs_a_phone_or_an_email(procedure, counter):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(
            procedure=procedure,
            counter=counter,
            start=timezone.now() + timedelta(days=2),
            phone="",
            email="",
        )
