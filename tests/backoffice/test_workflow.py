"""The status machine: every legal transition works, every illegal one is refused."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from portal.backoffice.models import ApologyLetter, Outcome, SupplementRequest
from portal.backoffice.workflow import (
    ACTIONS,
    TRANSITIONS,
    IllegalTransition,
    Missing,
    allowed_actions,
    perform,
)
from portal.dossiers.models import DossierStatus as S
from portal.dossiers.models import StatusEvent
from tests.factories.backoffice import local

pytestmark = pytest.mark.django_db

ALL_STATUSES = [value for value, _label in S.choices]
# A time after the dossier's appointment date (9 March 2026), so "apologise" is possible.
LATE = local(2026, 3, 10, 10)

EXPECTED_TRANSITIONS = {
    (S.RECEIVED, S.IN_PROCESSING),
    (S.TRANSFERRED, S.IN_PROCESSING),
    (S.RECEIVED, S.SUPPLEMENT_REQUESTED),
    (S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED),
    (S.SUPPLEMENTED, S.SUPPLEMENT_REQUESTED),
    (S.SUPPLEMENT_REQUESTED, S.SUPPLEMENTED),
    (S.IN_PROCESSING, S.APPROVED),
    (S.SUPPLEMENTED, S.APPROVED),
    (S.RECEIVED, S.REFUSED),
    (S.IN_PROCESSING, S.REFUSED),
    (S.SUPPLEMENTED, S.REFUSED),
    (S.APPROVED, S.RESULT_RETURNED),
    (S.REFUSED, S.RESULT_RETURNED),
    (S.RECEIVED, S.TRANSFERRED),
    (S.IN_PROCESSING, S.TRANSFERRED),
    (S.SUPPLEMENTED, S.TRANSFERRED),
    *(
        (source, S.WITHDRAWN)
        for source in (
            S.RECEIVED,
            S.IN_PROCESSING,
            S.SUPPLEMENT_REQUESTED,
            S.SUPPLEMENTED,
            S.TRANSFERRED,
        )
    ),
}


@pytest.mark.smoke
def test_transition_table_is_the_documented_machine():
    assert set(TRANSITIONS) == EXPECTED_TRANSITIONS


def arguments(action_name, agencies):
    """What each action needs besides the dossier."""
    return {
        "note": "Ghi chú cho người nộp",
        "missing": [Missing("Bản sao giấy khai sinh")],
        "to_agency": agencies[1],
        "new_date": date(2026, 3, 13),
        "now": LATE,
    }


CASES = [(status, name) for status in ALL_STATUSES for name in ACTIONS]


@pytest.mark.parametrize(("status", "action_name"), CASES)
def test_every_action_from_every_status(
    status, action_name, make_dossier, users, agencies
):
    dossier = make_dossier(status=status)
    action = ACTIONS[action_name]
    kwargs = arguments(action_name, agencies)
    if status in action.sources:
        event = perform(dossier, action_name, users["superuser"], **kwargs)
        dossier.refresh_from_db()
        expected = action.target or status
        assert dossier.status == expected
        assert (event.from_status, event.to_status) == (status, expected)
        assert event.actor == users["superuser"]
        assert event.note == "Ghi chú cho người nộp"
        assert (
            ModelLogEntry.objects.filter(
                object_id=str(dossier.pk), action=f"backoffice.dossier.{action_name}"
            ).count()
            == 1
        )
    else:
        with pytest.raises(IllegalTransition):
            perform(dossier, action_name, users["superuser"], **kwargs)
        dossier.refresh_from_db()
        assert dossier.status == status
        assert StatusEvent.objects.filter(dossier=dossier).count() == 1
        assert not ModelLogEntry.objects.filter(object_id=str(dossier.pk)).exists()


def test_full_path_with_supplement(make_dossier, users):
    official = users["official"]
    dossier = make_dossier()
    perform(dossier, "start", official, now=local(2026, 3, 2, 10))
    perform(
        dossier,
        "request_supplement",
        official,
        note="Thiếu giấy tờ",
        missing=[Missing("Bản sao CCCD", note="Bản mờ"), Missing("Giấy ủy quyền")],
        now=local(2026, 3, 3, 10),
    )
    request = SupplementRequest.objects.get(dossier=dossier)
    assert [item.document_name for item in request.items.all()] == [
        "Bản sao CCCD",
        "Giấy ủy quyền",
    ]
    # The supplement arrives Friday 13 February... here Friday 6 March 2026 at
    # 10:00: five working days counted again from Monday 9 → Friday 13 March.
    perform(dossier, "record_supplement", by_applicant=True, now=local(2026, 3, 6, 10))
    dossier.refresh_from_db()
    assert dossier.status == S.SUPPLEMENTED
    assert dossier.appointment_date == date(2026, 3, 13)
    assert dossier.first_appointment_date == date(2026, 3, 9)
    request.refresh_from_db()
    assert request.fulfilled_at is not None
    perform(dossier, "approve", official, now=local(2026, 3, 12, 15))
    perform(dossier, "return_result", users["centre"], now=local(2026, 3, 13, 9))
    dossier.refresh_from_db()
    assert dossier.status == S.RESULT_RETURNED
    assert dossier.resolved_at == local(2026, 3, 12, 15)
    assert dossier.returned_at == local(2026, 3, 13, 9)
    outcome = Outcome.objects.get(dossier=dossier)
    # Due date reset by the supplement (13 March); decided 12 March: on time.
    assert outcome.due_date == date(2026, 3, 13)
    assert outcome.on_time is True
    # Received Monday 2 March 09:00 → decided Thursday 12 March: 8 working days.
    assert outcome.working_days == 8
    assert list(dossier.events.values_list("to_status", flat=True)) == [
        S.RECEIVED,
        S.IN_PROCESSING,
        S.SUPPLEMENT_REQUESTED,
        S.SUPPLEMENTED,
        S.APPROVED,
        S.RESULT_RETURNED,
    ]


def test_supplement_across_tet_moves_the_appointment_past_the_holidays(
    make_dossier, users
):
    dossier = make_dossier(status=S.SUPPLEMENT_REQUESTED)
    # Friday 13 February 2026, 10:00; Tết days off 16–20 February.
    perform(dossier, "record_supplement", users["centre"], now=local(2026, 2, 13, 10))
    dossier.refresh_from_db()
    assert dossier.appointment_date == date(2026, 2, 27)


def test_apology_moves_the_date_but_the_decision_is_still_late(make_dossier, users):
    official = users["official"]
    dossier = make_dossier(status=S.IN_PROCESSING)
    perform(
        dossier,
        "apologise",
        official,
        note="Cần xác minh thêm",
        new_date=date(2026, 3, 13),
        now=LATE,
    )
    dossier.refresh_from_db()
    assert dossier.appointment_date == date(2026, 3, 13)
    letter = ApologyLetter.objects.get(dossier=dossier)
    assert (letter.previous_date, letter.new_date) == (
        date(2026, 3, 9),
        date(2026, 3, 13),
    )
    assert letter.created_by == official
    perform(dossier, "approve", official, now=local(2026, 3, 12, 9))
    outcome = Outcome.objects.get(dossier=dossier)
    assert outcome.due_date == date(2026, 3, 9)
    assert outcome.on_time is False
    assert outcome.working_days == 8


@pytest.mark.parametrize(
    ("new_date", "code"),
    [
        (None, "not_future"),
        (date(2026, 3, 10), "not_future"),
        (date(2026, 3, 14), "not_working_day"),  # a Saturday
        (date(2026, 4, 30), "not_working_day"),  # Reunification Day
    ],
)
def test_apology_date_must_be_a_future_working_day(make_dossier, users, new_date, code):
    dossier = make_dossier(status=S.IN_PROCESSING)
    with pytest.raises(ValidationError) as error:
        perform(
            dossier,
            "apologise",
            users["official"],
            note="Trễ",
            new_date=new_date,
            now=LATE,
        )
    assert error.value.error_dict["new_date"][0].code == code
    assert not ApologyLetter.objects.exists()


def test_apology_is_not_offered_before_the_due_date(make_dossier, users):
    dossier = make_dossier(status=S.IN_PROCESSING)
    with pytest.raises(IllegalTransition):
        perform(
            dossier,
            "apologise",
            users["official"],
            note="Trễ",
            new_date=date(2026, 3, 13),
            now=local(2026, 3, 5, 9),
        )


def test_transfer_moves_the_dossier_to_the_other_agency(make_dossier, users, agencies):
    own, other = agencies
    dossier = make_dossier(status=S.IN_PROCESSING)
    event = perform(
        dossier, "transfer", users["official"], note="Sai thẩm quyền", to_agency=other
    )
    dossier.refresh_from_db()
    assert dossier.agency == other
    assert (event.from_agency, event.to_agency) == (own, other)
    # The receiving agency now takes it; the first agency no longer may.
    assert [a.name for a in allowed_actions(users["official"], dossier)] == []
    perform(dossier, "start", users["other_official"])
    dossier.refresh_from_db()
    assert dossier.status == S.IN_PROCESSING


def test_transfer_to_the_same_agency_is_refused(make_dossier, users, agencies):
    dossier = make_dossier(status=S.IN_PROCESSING)
    with pytest.raises(ValidationError):
        perform(dossier, "transfer", users["centre"], note="x", to_agency=agencies[0])


@pytest.mark.parametrize("action_name", ["refuse", "transfer", "withdraw", "apologise"])
def test_reason_is_required(make_dossier, users, agencies, action_name):
    dossier = make_dossier(status=S.IN_PROCESSING)
    kwargs = arguments(action_name, agencies) | {"note": "   "}
    with pytest.raises(ValidationError):
        perform(dossier, action_name, users["superuser"], **kwargs)
    dossier.refresh_from_db()
    assert dossier.status == S.IN_PROCESSING


def test_supplement_request_must_list_documents(make_dossier, users):
    dossier = make_dossier(status=S.IN_PROCESSING)
    with pytest.raises(ValidationError):
        perform(
            dossier, "request_supplement", users["official"], missing=[Missing("  ")]
        )
    assert not SupplementRequest.objects.exists()


@pytest.mark.parametrize("action_name", sorted(set(ACTIONS) - {"record_supplement"}))
def test_the_applicant_may_only_supplement(make_dossier, agencies, action_name):
    dossier = make_dossier(status=S.IN_PROCESSING)
    with pytest.raises(PermissionDenied):
        perform(
            dossier, action_name, by_applicant=True, **arguments(action_name, agencies)
        )


@pytest.mark.parametrize(
    ("language", "expected"), [("vi", "Đang xử lý"), ("en", "In processing")]
)
def test_status_email_goes_out_after_commit_in_the_dossier_language(
    make_dossier,
    users,
    mailoutbox,
    django_capture_on_commit_callbacks,
    language,
    expected,
):
    dossier = make_dossier(language=language)
    with django_capture_on_commit_callbacks(execute=True):
        perform(dossier, "start", users["official"], note="Đã chuyển phòng chuyên môn")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nguoi.nop@example.vn"]
    assert expected in mailoutbox[0].body
    assert "Đã chuyển phòng chuyên môn" in mailoutbox[0].body


def test_no_email_before_commit(
    make_dossier, users, mailoutbox, django_capture_on_commit_callbacks
):
    dossier = make_dossier()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        perform(dossier, "start", users["official"])
    assert mailoutbox == []
    assert len(callbacks) == 1
