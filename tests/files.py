"""Real files for upload tests: uploads are parsed, so test files must parse.

`pdf_bytes(size)` pads a real one-page PDF to an exact size with a metadata
string; `png_bytes` and `jpeg_bytes` are real images drawn by Pillow.
"""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter


def _pdf(padding: int) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)  # A4 in points
    if padding:
        writer.add_metadata({"/Padding": "0" * padding})
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def pdf_bytes(size: int | None = None) -> bytes:
    """A valid one-page PDF, exactly `size` bytes long when given."""
    data = _pdf(0)
    if size is None or size == len(data):
        return data
    padding = max(1, size - len(data))
    for _attempt in range(5):
        # Offsets in the cross-reference table grow by a digit now and then,
        # so converge on the size instead of computing it once.
        data = _pdf(padding)
        if len(data) == size:
            return data
        padding = max(1, padding + size - len(data))
    raise AssertionError(f"cannot pad a PDF to {size} bytes (got {len(data)})")


def truncated_pdf(keep: int = 40) -> bytes:
    """The first `keep` bytes of a valid PDF (a download cut short)."""
    return pdf_bytes()[:keep]


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(stream, "PNG")
    return stream.getvalue()


def jpeg_bytes(width: int = 40, height: int = 30) -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (width, height), (30, 30, 200)).save(stream, "JPEG")
    return stream.getvalue()
