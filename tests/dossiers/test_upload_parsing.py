"""Uploads are parsed, not sniffed: damaged, encrypted or oversized files are
refused with a message naming the file, and nothing of them stays on disk."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from pypdf import PdfWriter

from portal.dossiers.models import DraftUpload
from portal.dossiers.validators import check_upload, validate_image, validate_pdf
from tests.files import jpeg_bytes, pdf_bytes, png_bytes, truncated_pdf

from .test_uploads import at_documents, files_in_private_storage  # noqa: F401


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("mat-khau")
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def pageless_pdf() -> bytes:
    stream = io.BytesIO()
    PdfWriter().write(stream)
    return stream.getvalue()


def bomb_png() -> bytes:
    """20,000 × 20,000 one-bit pixels: 400 megapixels in a few kilobytes."""
    stream = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(stream, "PNG", optimize=True)
    return stream.getvalue()


def refusal(content: bytes, name: str = "to-khai.pdf") -> ValidationError:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile(name, content))
    return caught.value


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (truncated_pdf(40), "damaged or incomplete"),
        (pdf_bytes()[:-12], "damaged or incomplete"),
        (encrypted_pdf(), "protected by a password"),
        (pageless_pdf(), "damaged or incomplete"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "damaged or incomplete"),
    ],
    ids=["cut after 40 bytes", "cut before the end", "encrypted", "no pages", "fake"],
)
def test_bad_pdfs_are_refused_naming_the_file(content, words):
    error = refusal(content, "giay-khai-sinh.pdf")
    assert words in error.messages[0]
    assert "giay-khai-sinh.pdf" in error.messages[0]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (png_bytes()[:60], "anh.png"),
        (jpeg_bytes()[:200], "anh.jpg"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "anh.png"),
    ],
    ids=["truncated png", "truncated jpeg", "png header only"],
)
def test_damaged_images_are_refused(content, name):
    error = refusal(content, name)
    assert "damaged or incomplete" in error.messages[0]
    assert name in error.messages[0]


def test_decompression_bomb_is_refused_before_decoding():
    content = bomb_png()
    assert len(content) < 200_000
    error = refusal(content, "bom.png")
    assert "too large" in error.messages[0] and "bom.png" in error.messages[0]


def test_pixel_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1000
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_image(io.BytesIO(png_bytes(40, 30)), "anh.png", "PNG")
    assert "(40 × 30 pixels)" in caught.value.messages[0]
    settings.UPLOAD_MAX_IMAGE_PIXELS = 2000
    assert validate_image(io.BytesIO(png_bytes(40, 30)), "anh.png", "PNG") == (40, 30)


def test_good_files_are_accepted():
    assert validate_pdf(io.BytesIO(pdf_bytes(5000)), "a.pdf") == 1
    for content, kind in (
        (pdf_bytes(), "application/pdf"),
        (png_bytes(), "image/png"),
        (jpeg_bytes(), "image/jpeg"),
    ):
        assert check_upload(SimpleUploadedFile("x", content)).content_type == kind


@pytest.mark.django_db
def test_wizard_refuses_a_truncated_pdf_and_keeps_nothing(at_documents, settings):  # noqa: F811
    before = files_in_private_storage(settings)
    first, second, _ = at_documents.document_fields()
    response = at_documents.post(
        "documents",
        files={
            first: SimpleUploadedFile("to-khai.pdf", truncated_pdf()),
            second: SimpleUploadedFile("chung-sinh.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "to-khai.pdf" in page and "bị hỏng hoặc không đầy đủ" in page
    # The good file is kept; the truncated one left nothing behind.
    assert list(DraftUpload.objects.values_list("original_name", flat=True)) == [
        "chung-sinh.pdf"
    ]
    assert len(files_in_private_storage(settings)) == len(before) + 1
