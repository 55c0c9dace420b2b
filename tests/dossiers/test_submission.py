"""Submitting: codes, idempotency, files moved on commit, emails; and the
parallel submissions on PostgreSQL."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection, connections, transaction
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

from portal.dossiers.emails import notify_status_change
from portal.dossiers.models import (
    Dossier,
    DossierCodeCounter,
    DossierDraft,
    DraftUpload,
    StatusEvent,
)
from portal.dossiers.services import (
    Answers,
    generate_code,
    next_sequence,
    submit_dossier,
)
from portal.settings.environment import task_settings

from .conftest import WizardWalker, walk_to_check

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def answers(**overrides) -> Answers:
    values = dict(
        applicant_type="individual",
        applicant_name="Nguyễn Văn An",
        applicant_id_number="001090004567",
        applicant_birth_date=None,
        applicant_phone="0912345678",
        applicant_email="an@example.vn",
        applicant_address="Hà Nội",
        receipt_method="at_centre",
    )
    values.update(overrides)
    return Answers(**values)


@pytest.mark.django_db
def test_code_pattern_is_configurable(site_tree):
    when = datetime(2026, 11, 27, 9, 0, tzinfo=VN)
    code = generate_code(site_tree["agency"], when)
    prefix, day, seq, random = code.split("-")
    assert (prefix, day, seq) == ("STP", "261127", "0001") and len(random) == 4
    assert generate_code(site_tree["agency"], when).split("-")[2] == "0002"
    with override_settings(
        DOSSIER_CODE_PATTERN="{date:%Y}.{prefix}.{seq:06d}.{random}",
        DOSSIER_CODE_SEQUENCE_SCOPE="{prefix}-{date:%Y}",
    ):
        assert generate_code(site_tree["agency"], when).startswith("2026.STP.000001.")
    site_tree["agency"].code_prefix = ""
    assert generate_code(site_tree["agency"], when).startswith("HS-261127-0001-")


@pytest.mark.django_db
def test_sequence_counts_per_key():
    assert [next_sequence("A"), next_sequence("A"), next_sequence("B")] == [1, 2, 1]
    assert DossierCodeCounter.objects.get(key="A").value == 2


@pytest.mark.django_db
def test_submit_twice_returns_the_same_dossier(
    procedure, django_capture_on_commit_callbacks
):
    draft = DossierDraft.objects.create(procedure=procedure, session_key="x")
    with django_capture_on_commit_callbacks(execute=True):
        first = submit_dossier(draft, answers())
    second = submit_dossier(draft, answers(applicant_name="Người khác"))
    assert first.pk == second.pk and Dossier.objects.count() == 1
    assert StatusEvent.objects.count() == 1
    assert len(mail.outbox) == 1 and first.code in mail.outbox[0].subject
    assert (
        "Mã xác thực" in mail.outbox[0].body
        and first.verification_code in mail.outbox[0].body
    )


@pytest.mark.django_db
def test_appointment_and_agency_recorded(procedure):
    draft = DossierDraft.objects.create(procedure=procedure, session_key="x")
    dossier = submit_dossier(
        draft, answers(), received_at=datetime(2026, 2, 13, 9, tzinfo=VN)
    )
    assert str(dossier.appointment_date) == "2026-02-25"
    assert dossier.first_appointment_date == dossier.appointment_date
    assert str(dossier.counting_from) == "2026-02-23"
    assert dossier.agency == procedure.agency and dossier.sector == procedure.sector
    assert (
        dossier.procedure_code == procedure.code
        and dossier.procedure_name == procedure.title
    )


@pytest.mark.django_db
def test_files_are_in_place_before_the_commit_and_drafts_go_after(
    walker, django_capture_on_commit_callbacks
):
    walker.start()
    walk_to_check(walker)
    walker.post("check")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        walker.post("declaration", {"declaration": "on", "consent": "on"})
    dossier = Dossier.objects.get()
    drafts = list(DraftUpload.objects.values_list("file", flat=True))
    storage = dossier.documents.first().file.storage
    # Not yet committed: the final copies already exist (a crash now leaves
    # only extra files), and so do the draft copies.
    assert all(storage.exists(d.file.name) for d in dossier.documents.all())
    assert drafts and all(storage.exists(name) for name in drafts)
    for callback in callbacks:
        callback()
    assert all(storage.exists(d.file.name) for d in dossier.documents.all())
    assert not any(storage.exists(name) for name in drafts)
    assert not DraftUpload.objects.exists()


@pytest.mark.django_db
def test_status_change_email_in_the_dossiers_language(
    procedure, django_capture_on_commit_callbacks
):
    draft = DossierDraft.objects.create(
        procedure=procedure, session_key="x", language="en"
    )
    dossier = submit_dossier(draft, answers())
    event = StatusEvent.objects.create(
        dossier=dossier,
        from_status="received",
        to_status="supplement_requested",
        note="Thiếu giấy",
    )
    mail.outbox.clear()
    # A queued task: sent once the transaction commits, not before.
    with django_capture_on_commit_callbacks(execute=True):
        notify_status_change(dossier, event)
        assert mail.outbox == []
    assert mail.outbox[0].subject == f"Dossier {dossier.code}: Supplement requested"
    assert "Thiếu giấy" in mail.outbox[0].body
    dossier.language = "vi"
    dossier.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        notify_status_change(dossier, event)
    assert mail.outbox[1].subject == f"Hồ sơ {dossier.code}: Yêu cầu bổ sung"


@pytest.mark.django_db
def test_receipt_pdf_has_vietnamese_text(walker):
    walker.start()
    walk_to_check(walker)
    walker.post("check")
    response = walker.post("declaration", {"declaration": "on", "consent": "on"})
    pdf_response = walker.client.get(response["Location"] + "pdf/")
    assert pdf_response.status_code == 200
    assert pdf_response["Content-Type"] == "application/pdf"
    assert pdf_response.content.startswith(b"%PDF")
    assert (
        b"DejaVuSans" in pdf_response.content
    )  # the font with Vietnamese glyphs is embedded
    # Another browser cannot read the receipt.
    assert Client().get(response["Location"]).status_code == 404
    assert Client().get(response["Location"] + "pdf/").status_code == 404


def _prepare_ready_walkers(procedure, count):
    ready = []
    for _ in range(count):
        walker = WizardWalker(Client(), procedure)
        walker.start()
        walk_to_check(walker)
        walker.post("check")
        ready.append(walker)
    return ready


def _fire(walkers, barrier):
    results, errors = [], []

    def run(walker):
        try:
            barrier.wait(timeout=30)
            response = walker.post(
                "declaration", {"declaration": "on", "consent": "on"}
            )
            results.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(walker,)) for walker in walkers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_get_distinct_codes(procedure):
    assert connection.vendor == "postgresql", "this test proves locking on PostgreSQL"
    count = 8
    walkers = _prepare_ready_walkers(procedure, count)
    results, errors = _fire(walkers, threading.Barrier(count))
    assert not errors and results == [302] * count
    codes = list(Dossier.objects.values_list("code", flat=True))
    assert len(codes) == count == len(set(codes))
    sequences = sorted(int(code.split("-")[2]) for code in codes)
    assert sequences == list(range(1, count + 1))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_replays_of_one_submission_give_one_dossier(procedure):
    assert connection.vendor == "postgresql"
    walker = _prepare_ready_walkers(procedure, 1)[0]
    results, errors = _fire([walker] * 5, threading.Barrier(5))
    assert not errors and results == [302] * 5
    assert Dossier.objects.count() == 1
    assert StatusEvent.objects.count() == 1
    dossier = Dossier.objects.get()
    assert dossier.documents.count() == 2
    assert all(d.file.storage.exists(d.file.name) for d in dossier.documents.all())


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=task_settings("database"))
def test_receipt_email_is_queued_in_the_submission_transaction(procedure):
    """With the worker's backend the receipt is a task row written by the
    submission's own transaction: none for a rolled-back submission."""
    draft = DossierDraft.objects.create(procedure=procedure, session_key="x")
    with pytest.raises(RuntimeError), transaction.atomic():
        submit_dossier(draft, answers())
        assert DBTaskResult.objects.filter(task_path__endswith="receipt_email_task")
        raise RuntimeError("rolled back")
    assert not DBTaskResult.objects.exists() and not Dossier.objects.exists()
    dossier = submit_dossier(draft, answers())
    row = DBTaskResult.objects.get(task_path__endswith="receipt_email_task")
    assert row.args_kwargs["args"] == [dossier.pk]
    assert mail.outbox == []  # the worker sends it, not the request
