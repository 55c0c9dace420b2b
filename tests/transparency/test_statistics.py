"""Statistics: hand-checked figures, the API against direct counts, bad
parameters, CSV, and a page whose query count does not grow with the data."""

import csv
import io
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Avg, Count, Q
from django.urls import reverse

from portal.backoffice.models import Outcome
from portal.backoffice.workflow import perform
from portal.dossiers.models import Dossier
from portal.dossiers.models import DossierStatus as S
from portal.transparency.models import DossierRating
from portal.transparency.statistics import Period, compute, parse_period
from tests.factories.backoffice import local

pytestmark = pytest.mark.django_db

MARCH = Period(date(2026, 3, 1), date(2026, 3, 1))
TODAY = date(2026, 3, 31)


@pytest.fixture
def march(make_dossier, users, agencies):
    """Four dossiers of the official's agency received in March 2026 (5 working days):

    A: received Mon 2 Mar 09:00 (due Mon 9 Mar), approved Fri 6 Mar → on time, 4 days
    B: received Mon 2 Mar 09:00 (due Mon 9 Mar), refused Wed 11 Mar → late, 7 days
    C: received Tue 3 Mar 17:00 (after the 16:30 cut-off: counts from Wed 4 Mar,
       due Wed 11 Mar), approved Wed 11 Mar → on time, 5 days
    D: received Mon 2 Mar, still in processing on 31 Mar → in progress, overdue
    plus one dossier of the other agency, approved on time in 3 days.
    Ratings: A 5 and C 4 (own agency), other 3.
    """
    official = users["official"]
    a = make_dossier(code="A")
    b = make_dossier(code="B")
    c = make_dossier(
        code="C",
        received_at=local(2026, 3, 3, 17),
        counting_from=date(2026, 3, 5),
        first_appointment_date=date(2026, 3, 11),
        appointment_date=date(2026, 3, 11),
    )
    d = make_dossier(code="D")
    other = make_dossier(code="E", agency=agencies[1])
    for dossier in (a, b, c, d):
        perform(
            dossier,
            "start",
            official,
            now=local(2026, 3, 2, 10) if dossier != c else local(2026, 3, 4, 8),
        )
    perform(a, "approve", official, now=local(2026, 3, 6, 15))
    perform(
        b, "refuse", official, note="Không đủ điều kiện", now=local(2026, 3, 11, 15)
    )
    perform(c, "approve", official, now=local(2026, 3, 11, 16))
    perform(other, "start", users["other_official"], now=local(2026, 3, 2, 10))
    perform(other, "approve", users["other_official"], now=local(2026, 3, 5, 10))
    for dossier in (a, c, other):
        perform(dossier, "return_result", users["centre"], now=local(2026, 3, 12, 9))
    DossierRating.objects.create(
        dossier=a,
        overall=5,
        clarity=5,
        punctuality=5,
        attitude=5,
        created_at=local(2026, 3, 13),
    )
    DossierRating.objects.create(
        dossier=c,
        overall=4,
        clarity=3,
        punctuality=4,
        attitude=5,
        created_at=local(2026, 3, 13),
    )
    DossierRating.objects.create(
        dossier=other,
        overall=3,
        clarity=3,
        punctuality=3,
        attitude=3,
        created_at=local(2026, 3, 13),
    )
    return {"a": a, "b": b, "c": c, "d": d, "other": other}


@pytest.mark.smoke
def test_hand_checked_figures_per_agency(march, agencies):
    outcomes = {o.dossier.code: o for o in Outcome.objects.select_related("dossier")}
    assert (outcomes["A"].on_time, outcomes["A"].working_days) == (True, 4)
    assert (outcomes["B"].on_time, outcomes["B"].working_days) == (False, 7)
    assert (outcomes["C"].on_time, outcomes["C"].working_days) == (True, 5)
    assert (outcomes["E"].on_time, outcomes["E"].working_days) == (True, 3)

    rows, total = compute("agency", MARCH, today=TODAY)
    own = next(row for row in rows if row.key == str(agencies[0].pk))
    assert own.label == "Sở Tư pháp"
    assert (own.received, own.resolved, own.resolved_on_time, own.resolved_late) == (
        4,
        3,
        2,
        1,
    )
    assert own.on_time_rate == 66.7
    assert (own.in_progress, own.overdue) == (1, 1)
    assert own.average_working_days == round((4 + 7 + 5) / 3, 1) == 5.3
    assert (own.ratings, own.satisfaction) == (2, 4.5)

    assert (total.received, total.resolved, total.resolved_on_time) == (5, 4, 3)
    assert total.on_time_rate == 75.0
    assert total.average_working_days == round((4 + 7 + 5 + 3) / 4, 1) == 4.8
    assert (total.ratings, total.satisfaction) == (3, 4.0)


def test_by_month_counts_each_figure_in_its_own_month(march):
    period = Period(date(2026, 2, 1), date(2026, 4, 1))
    rows, total = compute("month", period, today=TODAY)
    assert [row.key for row in rows] == ["2026-02", "2026-03", "2026-04"]
    feb, mar, apr = rows
    assert (feb.received, mar.received, apr.received) == (0, 5, 0)
    assert mar.resolved == 4
    assert total.received == 5


def test_overdue_waits_for_the_applicant_not_counted(make_dossier, users):
    dossier = make_dossier(status=S.IN_PROCESSING)
    _rows, total = compute("agency", MARCH, today=TODAY)
    assert total.overdue == 1
    perform(
        dossier,
        "request_supplement",
        users["official"],
        missing=[
            __import__("portal.backoffice.workflow", fromlist=["Missing"]).Missing(
                "Bản sao"
            )
        ],
        now=local(2026, 3, 20, 9),
    )
    _rows, total = compute("agency", MARCH, today=TODAY)
    assert (total.in_progress, total.overdue) == (1, 0)


@pytest.fixture
def random_dossiers(make_dossier, agencies, sector):
    """60 dossiers of both agencies spread over 2026, in random states (seeded)."""
    rng = random.Random(7)
    for index in range(60):
        received = local(2026, 1, 5) + timedelta(days=rng.randrange(300))
        agency = agencies[index % 2]
        status = rng.choice(
            [S.RECEIVED, S.IN_PROCESSING, S.APPROVED, S.RESULT_RETURNED, S.REFUSED]
        )
        dossier = make_dossier(
            agency=agency,
            received_at=received,
            status=status,
            appointment_date=received.date() + timedelta(days=7),
            procedure_code=rng.choice(["1.1", "2.2", "3.3"]),
        )
        if status in (S.APPROVED, S.RESULT_RETURNED, S.REFUSED):
            decided = received + timedelta(days=rng.randrange(1, 12))
            Outcome.objects.create(
                dossier=dossier,
                decided_at=decided,
                due_date=dossier.appointment_date,
                on_time=decided.date() <= dossier.appointment_date,
                working_days=Decimal(rng.randrange(1, 10)),
            )
            if status == S.RESULT_RETURNED and rng.random() < 0.6:
                DossierRating.objects.create(
                    dossier=dossier,
                    overall=rng.randint(1, 5),
                    clarity=3,
                    punctuality=3,
                    attitude=3,
                    created_at=decided + timedelta(days=1),
                )


@pytest.mark.parametrize("group_by", ["agency", "sector", "procedure", "month"])
def test_api_numbers_equal_direct_counts(client, random_dossiers, group_by):
    response = client.get(
        reverse("statistics_api"),
        {"group_by": group_by, "from": "2026-01", "to": "2026-12"},
    )
    assert response.status_code == 200
    data = response.json()
    period = parse_period("2026-01", "2026-12")
    window = Q(received_at__gte=period.start, received_at__lt=period.end)
    decided = Q(decided_at__gte=period.start, decided_at__lt=period.end)
    assert data["total"]["received"] == Dossier.objects.filter(window).count() == 60
    assert data["total"]["resolved"] == Outcome.objects.filter(decided).count()
    assert (
        data["total"]["resolved_on_time"]
        == Outcome.objects.filter(decided, on_time=True).count()
    )
    assert data["total"]["ratings"] == DossierRating.objects.count()
    assert sum(row["received"] for row in data["results"]) == 60
    if group_by == "agency":
        for row in data["results"]:
            mine = Dossier.objects.filter(window, agency_id=int(row["key"]))
            assert row["received"] == mine.count()
            assert (
                row["in_progress"]
                == mine.filter(status__in=[S.RECEIVED, S.IN_PROCESSING]).count()
            )
            outcomes = Outcome.objects.filter(
                decided, dossier__agency_id=int(row["key"])
            )
            assert row["resolved"] == outcomes.count()
            expected_avg = outcomes.aggregate(v=Avg("working_days"))["v"]
            assert row["average_working_days"] == round(float(expected_avg), 1)
    if group_by == "procedure":
        counts = dict(
            Dossier.objects.filter(window)
            .values_list("procedure_code")
            .annotate(n=Count("pk"))
        )
        assert {row["key"]: row["received"] for row in data["results"]} == counts


@pytest.mark.parametrize(
    "params",
    [
        {"group_by": "nothing"},
        {"from": "2026-13"},
        {"from": "26-01"},
        {"to": "2026-1"},
        {"from": "2026-05", "to": "2026-01"},
        {"from": "2000-01", "to": "2026-01"},
        {"format": "xml"},
    ],
)
def test_api_bad_parameters_give_400_json(client, params):
    response = client.get(reverse("statistics_api"), params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_csv_export(client, march):
    response = client.get(
        reverse("statistics_api"),
        {"group_by": "agency", "from": "2026-03", "to": "2026-03", "format": "csv"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[-1]["key"] == "total"
    assert rows[-1]["received"] == "5"
    assert {row["label"] for row in rows[:-1]} == {"Sở Tư pháp", "Sở Xây dựng"}


def test_statistics_page_shows_definition_and_figures(client, march):
    response = client.get("/vi/thong-ke/", {"from": "2026-03", "to": "2026-03"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sở Tư pháp" in html
    assert "66,7%" in html
    assert "lá thư xin lỗi" in html or "thư xin lỗi" in html  # the on-time definition
    assert "<svg" in html


def test_statistics_page_bad_month_shows_an_error_not_a_500(client):
    response = client.get("/vi/thong-ke/", {"from": "2026-99"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def _many(make_dossier, users, n):
    for index in range(n):
        dossier = make_dossier(
            code=f"N{index}", received_at=local(2026, 3, 2) + timedelta(days=index % 20)
        )
        if index % 2:
            perform(
                dossier,
                "start",
                users["official"],
                notify=False,
                now=local(2026, 3, 23),
            )
            perform(
                dossier,
                "approve",
                users["official"],
                notify=False,
                now=local(2026, 3, 24),
            )


# The page runs a fixed set of queries: 3 per figure set (received, resolved,
# rated) for the chosen grouping and 3 for the monthly chart, plus what the
# site's base template needs. The bound is the same for 5 and 50 dossiers.
MAX_QUERIES = 16


@pytest.mark.parametrize("count", [5, 50])
def test_statistics_page_query_count_is_fixed(
    count, client, make_dossier, users, django_assert_max_num_queries
):
    _many(make_dossier, users, count)
    client.get("/vi/thong-ke/")  # warm caches (site, locale)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/vi/thong-ke/", {"from": "2026-01", "to": "2026-06"})
    assert response.status_code == 200
    assert f"<dd>{count}</dd>" in response.content.decode()


def test_statistics_page_query_count_does_not_grow(client, make_dossier, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        client.get("/vi/thong-ke/")
        with CaptureQueriesContext(connection) as context:
            client.get(
                "/vi/thong-ke/",
                {"from": "2026-01", "to": "2026-06", "group_by": "procedure"},
            )
        return len(context.captured_queries)

    _many(make_dossier, users, 5)
    few = queries()
    _many_more = [
        make_dossier(code=f"M{i}", procedure_code=f"7.{i}") for i in range(45)
    ]
    assert queries() == few
