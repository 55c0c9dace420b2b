"""Every validation rule: CCCD, MST, phone, files."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from portal.dossiers.validators import (
    check_upload,
    mst_check_digit,
    validate_cccd,
    validate_mobile,
    validate_mst,
)

from .conftest import EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, valid_mst

pytestmark = pytest.mark.smoke


@pytest.mark.parametrize(
    "value,birth,expected",
    [
        ("001090004567", date(1990, 3, 27), "001090004567"),  # Hà Nội, man, 1990
        ("079 301 012345", date(2001, 1, 5), "079301012345"),  # HCMC, woman, 2001
        ("048203000001", None, "048203000001"),  # Đà Nẵng, man, 2003
    ],
)
def test_cccd_valid(value, birth, expected):
    assert validate_cccd(value, birth) == expected


@pytest.mark.parametrize(
    "value,birth,code",
    [
        ("00109000456", None, "cccd_format"),  # 11 digits
        ("0010900045678", None, "cccd_format"),  # 13 digits
        ("00109000456A", None, "cccd_format"),
        ("003090004567", None, "cccd_province"),  # 003 is no province
        ("097090004567", None, "cccd_province"),
        ("001990004567", None, "cccd_year"),  # century digit 9 → 2490s
        ("001090004567", date(1991, 1, 1), "cccd_birth_year"),  # says 1990
        ("001203004567", date(1990, 1, 1), "cccd_birth_year"),  # digit 2 = born 2003
    ],
)
def test_cccd_invalid(value, birth, code):
    with pytest.raises(ValidationError) as error:
        validate_cccd(value, birth)
    assert error.value.code == code


def test_mst_check_digit_and_branch():
    number = valid_mst("010010910")
    assert validate_mst(number) == number
    assert validate_mst(f"{number}-001") == f"{number}-001"
    assert validate_mst(f"{number}001") == f"{number}-001"
    wrong = number[:9] + str((int(number[9]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        validate_mst(wrong)
    assert error.value.code == "mst_check_digit"
    with pytest.raises(ValidationError) as error:
        validate_mst(f"{number}-000")
    assert error.value.code == "mst_branch"
    for bad in ["123", "01001091061", "0100109106-01", "abcdefghij"]:
        with pytest.raises(ValidationError):
            validate_mst(bad)


def test_mst_check_digit_formula():
    # 31·0+29·1+23·0+19·0+17·1+13·0+7·9+5·1+3·0 = 114; 114 mod 11 = 4; 10 − 4 = 6
    assert mst_check_digit("010010910") == 6
    # A sum divisible by 11 gives 10, which no tax code uses.
    assert mst_check_digit("000000000") is None


@pytest.mark.parametrize(
    "value,expected",
    [
        ("0912345678", "0912345678"),
        ("091 234 5678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0387.654.321", "0387654321"),
        ("0862-111-222", "0862111222"),
        ("0591234567", "0591234567"),
    ],
)
def test_mobile_valid(value, expected):
    assert validate_mobile(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "02438251234",
        "0123456789",
        "091234567",
        "09123456789",
        "0312345678",
        "hello",
        "",
    ],
)
def test_mobile_invalid(value):
    with pytest.raises(ValidationError):
        validate_mobile(value)


@pytest.mark.parametrize(
    "content,content_type",
    [
        (PDF_BYTES, "application/pdf"),
        (PNG_BYTES, "image/png"),
        (JPEG_BYTES, "image/jpeg"),
    ],
)
def test_files_accepted_by_content(content, content_type):
    # The name says nothing: a PNG called .pdf is still a PNG.
    checked = check_upload(SimpleUploadedFile("whatever.pdf", content))
    assert checked.content_type == content_type
    assert checked.size == len(content) and len(checked.sha256) == 64


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("virus.pdf", EXE_BYTES, "file_type"),  # renamed executable
        ("script.png", b"#!/bin/sh\nrm -rf /\n", "file_type"),
        ("doc.docx", b"PK\x03\x04" + b"\x00" * 20, "file_type"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_files_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content))
    assert error.value.code == code


@override_settings(DOSSIER_MAX_FILE_SIZE=1000)
def test_oversize_file_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 1000))
    assert error.value.code == "too_large"
