"""Following a question: reference code + verification code by POST (never
in a URL), the asker's page with the answer, files, and the lookup limit."""

import pytest
from django.core.files.base import ContentFile

from portal.questions.limits import FOLLOW_SCOPE
from portal.questions.models import FileSource, QuestionFile
from portal.security.ratelimit import rate_for
from tests.factories.questions import QuestionFactory, answered, published

pytestmark = pytest.mark.django_db
FOLLOW = "/vi/hoi-dap/theo-doi/"


def attach(question, source) -> QuestionFile:
    stored = QuestionFile(
        question=question,
        source=source,
        original_name="tra-loi.png",
        size=8,
        content_type="image/png",
        sha256="0" * 64,
    )
    stored.file.save(
        "questions/test/t.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False
    )
    stored.save()
    return stored


def test_follow_by_post_then_a_page_that_names_only_the_reference(client, agencies):
    question = answered(agency=agencies[0])
    form = client.get(f"{FOLLOW}?reference={question.reference}")
    assert form["Referrer-Policy"] == "same-origin"
    assert f'value="{question.reference}"' in form.content.decode()
    response = client.post(
        FOLLOW,
        {"reference": question.reference.lower(), "verify": question.verification_code},
    )
    assert response.status_code == 303
    assert response["Location"] == f"{FOLLOW}{question.reference}/"
    assert question.verification_code not in response["Location"]
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"
    assert "no-store" in page["Cache-Control"]
    assert "Ông/bà chuẩn bị tờ khai" in html  # the answer, before any publication
    assert question.body in html


def test_wrong_code_or_unknown_reference_say_the_same(client, agencies):
    question = QuestionFactory(agency=agencies[0])
    for reference, verify in (
        (question.reference, "WRONG123"),
        ("HD-000000-0000", question.verification_code),
        ("HĐ-ỦY", "ĐĐĐĐ"),
    ):
        response = client.post(FOLLOW, {"reference": reference, "verify": verify})
        assert response.status_code == 200
        assert "Không tìm thấy câu hỏi" in response.content.decode()


def test_the_status_page_needs_the_second_factor(client, agencies):
    question = QuestionFactory(agency=agencies[0])
    response = client.get(f"{FOLLOW}{question.reference}/")
    assert response.status_code == 302
    assert response["Location"] == f"{FOLLOW}?reference={question.reference}"


def test_lookups_are_limited(client, agencies):
    question = QuestionFactory(agency=agencies[0])
    for _ in range(int(rate_for(FOLLOW_SCOPE).split("/")[0])):
        client.post(FOLLOW, {"reference": question.reference, "verify": "AAAAAAAA"})
    response = client.post(
        FOLLOW, {"reference": question.reference, "verify": question.verification_code}
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_files_for_the_asker_and_published_answer_files(client, agencies):
    question = published(agency=agencies[0])
    mine = attach(question, FileSource.ASKER)
    reply = attach(question, FileSource.ANSWER)
    own_url = f"{FOLLOW}{question.reference}/tep/{mine.pk}/"
    assert client.get(own_url).status_code == 404
    client.post(
        FOLLOW, {"reference": question.reference, "verify": question.verification_code}
    )
    assert client.get(own_url).status_code == 200
    public = f"/vi/hoi-dap/{question.pk}/tep/{reply.pk}/"
    stranger = client.__class__()
    assert stranger.get(public).status_code == 200
    # The asker's own file is never public.
    assert stranger.get(f"/vi/hoi-dap/{question.pk}/tep/{mine.pk}/").status_code == 404
    question.publication = "private"
    question.save()
    assert stranger.get(public).status_code == 404
