"""Transparency figures on questions: received, answered, answered on time
and the median days to answer, per agency, on the statistics page and in
/api/statistics/, with their definitions."""

from decimal import Decimal

import pytest

from portal.transparency import question_figures
from portal.transparency.statistics import parse_period
from tests.factories.backoffice import local
from tests.factories.questions import QuestionFactory, answered, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(agencies):
    own, other = agencies
    # Own agency: 4 received in March 2026, 3 answered (2 on time: 2, 4 and 9 days).
    QuestionFactory(agency=own)
    answered(agency=own, answer_working_days=Decimal(2), answered_on_time=True)
    published(agency=own, answer_working_days=Decimal(4), answered_on_time=True)
    answered(
        agency=own,
        answer_working_days=Decimal(9),
        answered_on_time=False,
        answered_at=local(2026, 3, 16),
    )
    # Other agency: one answered, one duplicate (answered by a published one).
    answered(agency=other, answer_working_days=Decimal(1), answered_on_time=True)
    answered(
        agency=other,
        status="duplicate",
        answer_working_days=Decimal(3),
        answered_on_time=True,
    )
    # The centre itself; and one received in another month.
    QuestionFactory(agency=None, topic="centre")
    QuestionFactory(agency=own, received_at=local(2026, 5, 4))


def test_figures_per_agency(questions, agencies):
    rows, total = question_figures.compute(parse_period("2026-03", "2026-03"), "vi")
    by_label = {row.label: row for row in rows}
    own = by_label["Sở Tư pháp"]
    assert (own.received, own.answered, own.answered_on_time) == (4, 3, 2)
    assert own.median_working_days == 4.0
    assert own.on_time_rate == pytest.approx(66.7)
    other = by_label["Sở Xây dựng"]
    assert (other.received, other.answered, other.median_working_days) == (2, 2, 2.0)
    assert total.received == 7 and total.answered == 5 and total.answered_on_time == 4
    assert total.median_working_days == 3.0  # 1, 2, 3, 4, 9


def test_statistics_page_and_api_show_them_with_definitions(client, questions):
    html = client.get("/vi/thong-ke/?from=2026-03&to=2026-03").content.decode()
    assert "Hỏi đáp theo cơ quan" in html
    assert "Sở Tư pháp" in html
    assert str(question_figures.DEFINITIONS["median_working_days"])[:20] in html or (
        "trung vị" in html
    )
    data = client.get("/api/statistics/?from=2026-03&to=2026-03").json()
    figures = data["questions"]
    assert set(figures["definitions"]) == {
        "received",
        "answered",
        "answered_on_time",
        "median_working_days",
    }
    assert figures["total"]["received"] == 7
    row = next(r for r in figures["results"] if r["label"] == "Sở Tư pháp")
    assert row["answered_on_time"] == 2 and row["median_working_days"] == 4.0
