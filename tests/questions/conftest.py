"""Fixtures for the Q&A tests: a site with two procedures of two agencies,
the back office's people (tests/conftest.py: `agencies`, `users`), a real
image to attach, and a client that asks a question through the form."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.questions.models import Question
from tests.factories.catalogue import ProcedurePageFactory, build_site


@pytest.fixture(autouse=True)
def _groups(backoffice_groups):
    """Officials and centre staff exist in every Q&A test."""


@pytest.fixture
def site_tree(db):
    """(home, catalogue) in Vietnamese, with the English locale."""
    return build_site()


@pytest.fixture
def procedure(site_tree, agencies, sector):
    """Đăng ký khai sinh, handled by the official's agency (agencies[0])."""
    return ProcedurePageFactory(
        parent=site_tree[1],
        code="1.001193",
        title="Đăng ký khai sinh",
        agency=agencies[0],
        sector=sector,
    )


@pytest.fixture
def other_procedure(site_tree, agencies, sector):
    """A procedure of the other agency (agencies[1])."""
    return ProcedurePageFactory(
        parent=site_tree[1],
        code="1.009995",
        title="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        agency=agencies[1],
        sector=sector,
    )


def png(name: str = "anh-chup.png") -> SimpleUploadedFile:
    """A real (tiny) PNG image, as uploads are checked by their content."""
    stream = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 30, 30)).save(stream, "PNG")
    return SimpleUploadedFile(name, stream.getvalue(), content_type="image/png")


def form_data(**overrides) -> dict:
    """A valid ask form about procedure 1.001193 (field names as posted)."""
    data = {
        "kind": "question",
        "topic": "procedure",
        "procedure": "1.001193",
        "sector": "",
        "agency": "",
        "subject": "Giấy tờ cần mang khi đăng ký khai sinh",
        "body": "Tôi cần mang theo những giấy tờ gì khi đi đăng ký khai sinh cho con?",
        "asker_name": "Lê Văn Tám",
        "asker_email": "le.van.tam@example.vn",
        "asker_phone": "0912 345 678",
        "allow_publication": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Post the ask form (in `language`); returns (response, new question or None)."""

    def post(language: str = "vi", files: dict | None = None, **overrides):
        before = set(Question.objects.values_list("pk", flat=True))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/{language}/hoi-dap/dat-cau-hoi/",
                {**form_data(**overrides), **(files or {})},
            )
        new = Question.objects.exclude(pk__in=before).first()
        return response, new

    return post
