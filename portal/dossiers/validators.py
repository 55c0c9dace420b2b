"""Validation of what citizens type and upload: citizen ID (CCCD), tax code (MST),
Vietnamese mobile numbers, and uploaded files parsed in full (PDFs opened with
pypdf, images decoded with Pillow), never just sniffed.

Every function raises `ValidationError` with a message in the user's language
and returns the normalised value.
"""

import hashlib
import logging
import re
import warnings
from dataclasses import dataclass
from datetime import date
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader

# Province/city codes that start a CCCD number (Decree 137/2015 and Circular
# 07/2016/TT-BCA, the 63 provinces before the 2025 mergers: numbers already
# issued keep them).
CCCD_PROVINCE_CODES = frozenset(
    f"{code:03d}"
    for code in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31,
        33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60,
        62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91,
        92, 93, 94, 95, 96,
    )
)  # fmt: skip
# MST check digit weights for the first nine digits.
MST_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
# Mobile prefixes after the 2018 conversion to 10 digits (Viettel 03x/086/09x,
# Vinaphone 08x/091/094, MobiFone 07x/089/090/093, Vietnamobile 05x, Gmobile 059, ...).
MOBILE_RE = re.compile(r"^0(3[2-9]|5[25689]|7[06-9]|8[1-689]|9[0-46-9])\d{7}$")


def validate_cccd(value: str, birth_date: date | None = None) -> str:
    """A 12-digit citizen ID: province code, century-and-gender digit, birth year, serial.

    The 4th digit is 0/1 for men/women born in the 20th century, 2/3 in the
    21st, and so on; digits 5–6 are the last two digits of the birth year.
    When `birth_date` is given, its year must match.
    """
    number = re.sub(r"[\s.-]", "", value or "")
    if not re.fullmatch(r"\d{12}", number):
        raise ValidationError(
            _("Enter the 12 digits of your citizen ID (CCCD), e.g. 001203004567."),
            code="cccd_format",
        )
    if number[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _(
                "The first 3 digits of a citizen ID are a province code; %(code)s is not one."
            )
            % {"code": number[:3]},
            code="cccd_province",
        )
    century_digit = int(number[3])
    year = 1900 + (century_digit // 2) * 100 + int(number[4:6])
    if year > date.today().year:
        raise ValidationError(
            _("The citizen ID does not match a valid year of birth."), code="cccd_year"
        )
    if birth_date is not None and birth_date.year != year:
        raise ValidationError(
            _(
                "The citizen ID says you were born in %(id_year)s, but the date of birth is in %(year)s."
            )
            % {"id_year": year, "year": birth_date.year},
            code="cccd_birth_year",
        )
    return number


def mst_check_digit(first_nine: str) -> int | None:
    """The 10th digit of a tax code, or None when no valid code starts with these digits."""
    total = sum(
        int(digit) * weight
        for digit, weight in zip(first_nine, MST_WEIGHTS, strict=True)
    )
    check = 10 - (total % 11)
    return None if check == 10 else check


def validate_mst(value: str) -> str:
    """A tax code (mã số thuế): 10 digits with a check digit, or 10-3 for a branch."""
    number = re.sub(r"\s", "", value or "")
    match = re.fullmatch(r"(\d{10})(?:-?(\d{3}))?", number)
    if not match:
        raise ValidationError(
            _(
                "Enter a tax code of 10 digits, or 10 digits, a hyphen and 3 digits for a branch."
            ),
            code="mst_format",
        )
    main, branch = match.groups()
    if mst_check_digit(main[:9]) != int(main[9]):
        raise ValidationError(
            _("This tax code is not valid: check the digits again."),
            code="mst_check_digit",
        )
    if branch is not None:
        if branch == "000":
            raise ValidationError(
                _("A branch number runs from 001 to 999."), code="mst_branch"
            )
        return f"{main}-{branch}"
    return main


def validate_mobile(value: str) -> str:
    """A Vietnamese mobile number; +84/84 and spaces, dots or dashes are accepted.

    Returns the national 10-digit form, e.g. 0912345678.
    """
    number = re.sub(r"[\s().-]", "", value or "")
    if number.startswith("+84"):
        number = "0" + number[3:]
    elif number.startswith("84") and len(number) == 11:
        number = "0" + number[2:]
    if not MOBILE_RE.fullmatch(number):
        raise ValidationError(
            _("Enter a Vietnamese mobile number of 10 digits, e.g. 0912 345 678."),
            code="phone",
        )
    return number


# Magic bytes → (content type, extension). Checked on the content, never the name.
FILE_SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


def max_file_size() -> int:
    return int(getattr(settings, "DOSSIER_MAX_FILE_SIZE", 10 * 1024 * 1024))


def max_dossier_size() -> int:
    return int(getattr(settings, "DOSSIER_MAX_TOTAL_SIZE", 30 * 1024 * 1024))


@dataclass(frozen=True)
class CheckedFile:
    """What we learnt about an accepted upload."""

    content_type: str
    extension: str
    size: int
    sha256: str


def sniff_content_type(head: bytes) -> tuple[str, str] | None:
    for signature, content_type, extension in FILE_SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


# Pages of a PDF whose objects are resolved: enough to find a damaged file,
# bounded so a 5,000-page file cannot hold a worker.
PDF_PAGES_CHECKED = 200


def _unreadable(name: str, kind: str) -> ValidationError:
    if kind == "pdf":
        message = _(
            "The file %(name)s is damaged or incomplete: it cannot be opened as a "
            "PDF. Save or scan it again and upload the new file."
        )
    else:
        message = _(
            "The file %(name)s is damaged or incomplete: the image cannot be read. "
            "Save or scan it again and upload the new file."
        )
    return ValidationError(message % {"name": name}, code="unreadable")


def validate_pdf(stream: IO[bytes], name: str) -> int:
    """Open a PDF with pypdf and read its page tree; return the page count.

    Refuses files that are truncated (no end-of-file marker or cross-reference
    table), encrypted, without pages, or whose objects do not parse.
    """
    stream.seek(0)
    # pypdf logs every repair it attempts; a refused file needs no log line.
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _(
                    "The file %(name)s is protected by a password. Save a copy "
                    "without a password and upload that."
                )
                % {"name": name},
                code="encrypted",
            )
        count = len(reader.pages)
        for page in list(reader.pages)[:PDF_PAGES_CHECKED]:
            page.mediabox  # noqa: B018  (resolves the page's objects)
            page.get_contents()
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001  (pypdf raises many kinds on bad input)
        raise _unreadable(name, "pdf") from error
    finally:
        pypdf_logger.setLevel(level)
        stream.seek(0)
    if count < 1:
        raise _unreadable(name, "pdf")
    return count


def max_image_pixels() -> int:
    return int(getattr(settings, "UPLOAD_MAX_IMAGE_PIXELS", 60_000_000))


def validate_image(
    stream: IO[bytes], name: str, expected_format: str
) -> tuple[int, int]:
    """Decode a JPEG or PNG in full with Pillow; return (width, height).

    The size is read from the header and checked against
    UPLOAD_MAX_IMAGE_PIXELS before any pixel is decoded (a decompression bomb
    never gets decoded); then every pixel is, so a truncated file is refused.
    """
    stream.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stream) as image:
                width, height = image.size
                if image.format != expected_format:
                    raise _unreadable(name, "image")
                if width * height > max_image_pixels():
                    raise ValidationError(
                        _(
                            "The image %(name)s is too large (%(width)s × %(height)s "
                            "pixels). Scan it again at 300 dpi or less."
                        )
                        % {"name": name, "width": width, "height": height},
                        code="too_many_pixels",
                    )
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        # Pillow's own guard (Image.MAX_IMAGE_PIXELS) fired before ours could.
        raise ValidationError(
            _(
                "The image %(name)s is too large to be read safely. Scan it again "
                "at 300 dpi or less."
            )
            % {"name": name},
            code="too_many_pixels",
        ) from error
    except Exception as error:  # noqa: BLE001  (Pillow raises many kinds on bad input)
        raise _unreadable(name, "image") from error
    finally:
        stream.seek(0)
    return width, height


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Accept a PDF, JPEG or PNG by its size and parsed content; compute its SHA-256.

    Nothing is written anywhere: the caller stores the file only after this
    returns, so nothing of a refused file stays on disk.
    """
    size = upload.size or 0
    if size == 0:
        raise ValidationError(
            _("The file %(name)s is empty.") % {"name": upload.name}, code="empty"
        )
    limit = max_file_size()
    if size > limit:
        raise ValidationError(
            _("The file %(name)s is %(size)s; a file may be at most %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(size),
                "limit": filesizeformat(limit),
            },
            code="too_large",
        )
    upload.seek(0)
    kind = sniff_content_type(upload.read(16))
    if kind is None:
        raise ValidationError(
            _(
                "The file %(name)s is not a PDF, JPEG or PNG file. Scan or save it as one of these."
            )
            % {"name": upload.name},
            code="file_type",
        )
    if kind[1] == "pdf":
        validate_pdf(upload, upload.name)
    else:
        validate_image(upload, upload.name, "JPEG" if kind[1] == "jpg" else "PNG")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        content_type=kind[0], extension=kind[1], size=size, sha256=digest.hexdigest()
    )
