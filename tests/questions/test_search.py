"""Questions in site search, on the real search node and on the database
fallback: a published answer's words find its procedure, the question is
shown under the procedure (never instead of it), and publishing or
unpublishing re-indexes the procedure at once. Hidden questions' words find
nothing."""

import pytest
from django.test import override_settings

from portal.questions.workflow import perform
from search import backends, documents, indexing
from search.forms import SearchParams
from search.service import search_procedures
from tests.factories.questions import answered
from tests.search.conftest import (  # noqa: F401 - fixtures
    _fresh_search_state,
    _unlimited_searches,
    cluster,
    search_prefix,
)

pytestmark = [pytest.mark.django_db, pytest.mark.search]

WORDS = "bảo hiểm y tế cho trẻ sơ sinh"
HIDDEN_WORDS = "hộ chiếu công vụ ngoại giao"


@pytest.fixture
def to_publish(procedure, agencies):
    """An answered question about the procedure, waiting for moderation."""
    return answered(
        procedure=procedure,
        procedure_code=procedure.code,
        agency=agencies[0],
        subject="Thẻ bảo hiểm y tế của con",
        body=f"Khi đăng ký khai sinh có làm luôn thẻ {WORDS} không?",
        answer="<p>Có: đăng ký khai sinh liên thông cấp thẻ bảo hiểm y tế.</p>",
    )


@pytest.fixture
def private_one(procedure, agencies):
    return answered(
        procedure=procedure,
        procedure_code=procedure.code,
        agency=agencies[0],
        subject=HIDDEN_WORDS,
        body=HIDDEN_WORDS,
        public_subject=HIDDEN_WORDS,
        public_body=HIDDEN_WORDS,
        publication="private",
    )


def moderate(question, user, publish: bool, capture) -> None:
    with capture(execute=True):
        perform(
            question,
            "moderate",
            user,
            public_subject=question.subject,
            public_body=question.body,
            publish=publish,
        )


def codes(q: str) -> list[str]:
    return [hit.code for hit in search_procedures(SearchParams(q=q)).results]


def refresh(engine) -> None:
    for language in documents.LANGUAGES:
        engine.refresh(documents.alias_name(language))


def check_publishing_cycle(client, question, user, capture, after_change) -> None:
    """Found only while published; shown under the procedure's card."""
    assert codes(WORDS) == []
    moderate(question, user, True, capture)
    after_change()
    assert codes(WORDS) == ["1.001193"]
    html = client.get("/vi/tim-kiem/", {"q": WORDS}).content.decode()
    card = html[html.index("procedure-card") :]
    assert card.index("Đăng ký khai sinh") < card.index("Thẻ bảo hiểm y tế của con")
    assert f"/vi/hoi-dap/{question.pk}/" in card
    moderate(question, user, False, capture)
    after_change()
    assert codes(WORDS) == []


def test_on_the_search_node(
    client,
    cluster,  # noqa: F811 - the fixture imported above
    to_publish,
    private_one,
    users,
    django_capture_on_commit_callbacks,
):
    backends.reset()
    indexing.rebuild(cluster)
    assert codes(HIDDEN_WORDS) == []
    check_publishing_cycle(
        client,
        to_publish,
        users["centre"],
        django_capture_on_commit_callbacks,
        lambda: refresh(cluster),
    )
    assert search_procedures(SearchParams(q="khai sinh")).backend != "database"


def test_on_the_database_fallback(
    client,
    procedure,
    to_publish,
    private_one,
    users,
    django_capture_on_commit_callbacks,
):
    with override_settings(ELASTICSEARCH_URL=""):
        backends.reset()
        indexing.write_search_text(list(indexing.procedure_documents()))
        assert codes(HIDDEN_WORDS) == []
        check_publishing_cycle(
            client,
            to_publish,
            users["centre"],
            django_capture_on_commit_callbacks,
            lambda: None,
        )
        assert search_procedures(SearchParams(q="khai sinh")).backend == "database"


def test_the_procedure_document_carries_only_public_text(
    procedure, to_publish, private_one
):
    docs = [
        doc
        for _key, _lang, doc in indexing.procedure_documents(
            [procedure.translation_key]
        )
    ]
    assert all(doc["questions"] == "" for doc in docs)
    to_publish.publication = "published"
    to_publish.public_subject, to_publish.public_body = "Tiêu đề", "Nội dung công khai"
    to_publish.save()
    docs = [
        doc
        for _key, _lang, doc in indexing.procedure_documents(
            [procedure.translation_key]
        )
    ]
    assert all("Nội dung công khai" in doc["questions"] for doc in docs)
    assert all(HIDDEN_WORDS not in doc["questions"] for doc in docs)
    assert all(to_publish.asker_name not in doc["questions"] for doc in docs)
