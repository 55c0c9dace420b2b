"""The reminder the working day before: once per booking, only with an
e-mail address, skipped on days off; a Monday visit is reminded on Friday."""

from django.core import mail
from django.core.management import call_command

from portal.appointments.reminders import send_reminders
from tests.factories.appointments import BookingFactory

from .conftest import local


def test_reminders_on_friday_for_monday(
    procedure, counter, travel_to, django_capture_on_commit_callbacks
):
    monday = BookingFactory(
        procedure=procedure, counter=counter, start=local(2027, 3, 1, 9), email="a@x.vn"
    )
    BookingFactory(procedure=procedure, counter=counter, start=local(2027, 3, 1, 10))
    BookingFactory(
        procedure=procedure, counter=counter, start=local(2027, 3, 2, 9), email="b@x.vn"
    )
    BookingFactory(
        procedure=procedure,
        counter=counter,
        start=local(2027, 3, 1, 11),
        email="c@x.vn",
        status="cancelled",
    )
    travel_to(local(2027, 2, 26, 15, 0))
    with django_capture_on_commit_callbacks(execute=True):
        run = send_reminders()
    assert run.sent == 1 and [m.to for m in mail.outbox] == [["a@x.vn"]]
    assert monday.code in mail.outbox[0].subject
    assert mail.outbox[0].attachments  # the calendar file again
    assert send_reminders().sent == 0  # never twice
    monday.refresh_from_db()
    assert monday.reminder_sent_at is not None


def test_nothing_on_a_day_off(procedure, counter, travel_to):
    BookingFactory(
        procedure=procedure, counter=counter, start=local(2027, 3, 1, 9), email="a@x.vn"
    )
    travel_to(local(2027, 2, 27, 15, 0))  # Saturday
    assert send_reminders().skipped_day_off
    assert not mail.outbox


def test_after_tet_the_reminder_goes_out_before_the_holiday(
    procedure, counter, travel_to
):
    BookingFactory(
        procedure=procedure,
        counter=counter,
        start=local(2027, 2, 11, 8),
        email="a@x.vn",
    )
    travel_to(local(2027, 2, 3, 15, 0))  # the last working day before Tết
    assert send_reminders().sent == 1


def test_command(
    procedure, counter, travel_to, capsys, django_capture_on_commit_callbacks
):
    BookingFactory(
        procedure=procedure, counter=counter, start=local(2027, 3, 2, 9), email="a@x.vn"
    )
    travel_to(local(2027, 3, 1, 15, 0))
    call_command("send_appointment_reminders", "--dry-run")
    assert "would send 1" in capsys.readouterr().out and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_appointment_reminders")
    assert "sent 1" in capsys.readouterr().out and len(mail.outbox) == 1
