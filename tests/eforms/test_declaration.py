"""The answers a dossier keeps (snapshot) and the declaration PDF made from them."""

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from portal.dossiers.files import recover_files
from portal.eforms.models import EForm, FilledForm
from portal.eforms.services import (
    FormAnswers,
    attach_declaration,
    declaration_bytes,
    declaration_task,
    keep_answers,
)
from tests.factories.backoffice import DossierFactory
from tests.factories.eforms import EFormFactory, FilledFormFactory

from .samples import BIRTH, BIRTH_ANSWERS, BUSINESS, BUSINESS_ANSWERS, sample


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def filled(db):
    return FilledFormFactory(source=sample(BIRTH), answers=BIRTH_ANSWERS)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_declaration_pdf_in_vietnamese(filled):
    content = declaration_bytes(filled)
    assert content.startswith(b"%PDF")
    text = squeeze(pdf_text(content))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Mẫu ban hành kèm theo Thông tư số 04/2024/TT-BTP",
        f"Kính gửi: {filled.dossier.agency.name}",
        "Người được khai sinh",
        "Họ, chữ đệm, tên của trẻ",
        "Nguyễn Văn Bình",
        "43 Tràng Thi, Phường Ba Đình, Thành phố Hà Nội",
        "Tôi cam đoan",
        "NGƯỜI YÊU CẦU",
        "(Ký, ghi rõ họ tên)",
        "Ngày 02 tháng 03 năm 2026",
        filled.dossier.applicant_name,
        f"Hồ sơ {filled.dossier.code}",
    ):
        assert expected in text, expected


def test_declaration_pdf_in_the_dossier_language_with_groups(db):
    filled = FilledFormFactory(
        source=sample(BUSINESS),
        answers=BUSINESS_ANSWERS,
        language="en",
        dossier__language="en",
    )
    text = squeeze(pdf_text(declaration_bytes(filled)))
    assert "SOCIALIST REPUBLIC OF VIET NAM" in text
    assert "To: " in text and "(Signature and full name)" in text
    assert "Thành viên 2" in text and "Trần Thị Hoa" in text
    assert "20.000.000 đ" in text


def test_no_signature_place_when_the_form_has_none(db):
    definition = sample(BIRTH)
    definition["signature"] = False
    filled = FilledFormFactory(source=definition, answers=BIRTH_ANSWERS)
    text = squeeze(pdf_text(declaration_bytes(filled)))
    assert "(Ký, ghi rõ họ tên)" not in text and "Tôi cam đoan" in text


def test_declaration_is_attached_once(filled):
    document = attach_declaration(filled)
    assert (
        document.dossier == filled.dossier
        and document.content_type == "application/pdf"
    )
    assert document.file.read().startswith(b"%PDF")
    filled.refresh_from_db()
    assert filled.declaration == document
    assert attach_declaration(filled) == document
    assert filled.dossier.documents.count() == 1


def test_a_second_maker_keeps_the_first_declaration(filled):
    """The worker and a download (or the recovery job) at the same time: one
    document stays, the other maker's file goes."""
    first, second = (FilledForm.objects.get(pk=filled.pk) for _ in range(2))
    kept = attach_declaration(first)
    assert attach_declaration(second) == kept
    assert filled.dossier.documents.count() == 1
    folder = kept.file.name.rsplit("/", 1)[0]
    _dirs, files = kept.file.storage.listdir(folder)
    assert files == [kept.file.name.rsplit("/", 1)[1]]


@pytest.mark.django_db
def test_a_declaration_a_crash_left_unmade_is_made_by_the_recovery_job(
    django_capture_on_commit_callbacks,
):
    """Killed after the submission committed, before the worker made the PDF
    (the on-commit task never ran): the dossier is committed without it."""
    dossier = DossierFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        filled = keep_answers(dossier, FormAnswers(sample(BIRTH), BIRTH_ANSWERS))
    assert callbacks, "the declaration is queued for after the commit"
    filled.refresh_from_db()
    assert filled.declaration is None
    # Too young: its task may still be on its way.
    assert recover_files(grace=timedelta(minutes=10))["declarations_made"] == 0
    assert recover_files(grace=timedelta(0))["declarations_made"] == 1
    filled.refresh_from_db()
    document = filled.declaration
    assert document.file.storage.exists(document.file.name)
    assert document in dossier.documents.all()
    # The late task, and the next run, find it made.
    declaration_task.call(filled.pk)
    assert recover_files(grace=timedelta(0))["declarations_made"] == 0
    assert dossier.documents.count() == 1


@pytest.mark.django_db
def test_answers_kept_with_a_snapshot_survive_editing_and_deleting_the_form(
    django_capture_on_commit_callbacks,
):
    form = EFormFactory(definition=sample(BIRTH))
    dossier = DossierFactory()
    with django_capture_on_commit_callbacks(execute=True):
        filled = keep_answers(
            dossier, FormAnswers(form.definition, BIRTH_ANSWERS, form.pk)
        )
    # The PDF was made after commit.
    filled.refresh_from_db()
    assert filled.declaration is not None
    before = declaration_bytes(filled)
    form.title = "Tờ khai mới"
    form.sections = []
    form.save()
    form.delete()
    filled = FilledForm.objects.get(pk=filled.pk)
    assert filled.form is None
    assert filled.definition == BIRTH and filled.answers == BIRTH_ANSWERS
    assert pdf_text(declaration_bytes(filled)) == pdf_text(before)
    assert not EForm.objects.exists()
