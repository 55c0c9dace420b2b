"""One rounding of the mean satisfaction for every page that shows it."""

import pytest
from django.utils import timezone
from django.utils.translation import override

from portal.transparency.models import DossierRating
from portal.transparency.statistics import compute, default_period
from portal.transparency.wagtail_hooks import home_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(make_dossier):
    # 20 ratings summing 87: the mean is exactly 4.35.
    scores = [5] * 7 + [4] * 13
    assert sum(scores) == 87
    now = timezone.now()
    for index, score in enumerate(scores):
        dossier = make_dossier(code=f"RATE-{index:03d}", received_at=now)
        DossierRating.objects.create(
            dossier=dossier,
            overall=score,
            clarity=score,
            punctuality=score,
            attitude=score,
            created_at=now,
        )


def test_home_and_statistics_page_show_the_same_figure(client, rated):
    _rows, total = compute("month", default_period())
    assert total.ratings == 20
    assert total.satisfaction_shown == 4.4  # half up, rounded once
    with override("vi"):
        figures = {str(f["label"]): f["value"] for f in home_figures(None)}
    assert figures["Mức độ hài lòng"] == "4,4/5"
    html = client.get("/vi/thong-ke/").content.decode()
    assert "4,4/5" in html
    assert "4,3/5" not in html and "4,35" not in html
