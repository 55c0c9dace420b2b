"""The public's side: rating from the tracking page, page feedback, figures on
procedure and home pages."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from portal.backoffice.workflow import perform
from portal.dossiers.models import DossierStatus as S
from portal.transparency.models import DossierRating, PageFeedback

pytestmark = pytest.mark.django_db


def query(dossier, verify=None):
    return {"code": dossier.code, "verify": verify or dossier.verification_code}


@pytest.fixture
def returned(make_dossier, users):
    dossier = make_dossier(status=S.APPROVED)
    perform(dossier, "return_result", users["centre"], notify=False)
    return dossier


RATING = {
    "overall": "5",
    "clarity": "4",
    "punctuality": "5",
    "attitude": "3",
    "comment": "Tốt",
}


def test_rating_once_per_dossier(client, returned):
    html = client.get(
        "/vi/tra-cuu-ho-so/", query(returned), follow=True
    ).content.decode()
    assert "/vi/tra-cuu-ho-so/danh-gia/?" in html
    response = client.post("/vi/tra-cuu-ho-so/danh-gia/", query(returned) | RATING)
    assert response.status_code == 302
    rating = DossierRating.objects.get(dossier=returned)
    assert (rating.overall, rating.clarity, rating.punctuality, rating.attitude) == (
        5,
        4,
        5,
        3,
    )
    again = client.post(
        "/vi/tra-cuu-ho-so/danh-gia/", query(returned) | RATING | {"overall": "1"}
    )
    assert again.status_code == 302
    assert DossierRating.objects.filter(dossier=returned).count() == 1
    assert DossierRating.objects.get(dossier=returned).overall == 5
    html = client.get(
        "/vi/tra-cuu-ho-so/", query(returned), follow=True
    ).content.decode()
    assert "/vi/tra-cuu-ho-so/danh-gia/?" not in html


def test_the_database_refuses_a_second_rating(returned):
    DossierRating.objects.create(
        dossier=returned, overall=4, clarity=4, punctuality=4, attitude=4
    )
    with pytest.raises(IntegrityError):
        DossierRating.objects.create(
            dossier=returned, overall=1, clarity=1, punctuality=1, attitude=1
        )


def test_rating_only_after_the_result_is_returned(client, make_dossier):
    dossier = make_dossier(status=S.IN_PROCESSING)
    response = client.post("/vi/tra-cuu-ho-so/danh-gia/", query(dossier) | RATING)
    assert response.status_code == 302
    assert not DossierRating.objects.exists()


@pytest.mark.parametrize("bad", [{"overall": "6"}, {"overall": "0"}, {"clarity": ""}])
def test_rating_scores_are_checked(client, returned, bad):
    response = client.post(
        "/vi/tra-cuu-ho-so/danh-gia/", query(returned) | RATING | bad
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not DossierRating.objects.exists()


@pytest.fixture
def procedure(db):
    from tests.factories.catalogue import ProcedurePageFactory, build_site

    _home, catalogue = build_site()
    return ProcedurePageFactory(parent=catalogue)


def test_page_feedback_is_stored_and_exported(client, procedure, users):
    html = client.get(procedure.url).content.decode()
    assert 'id="page-feedback"' in html
    response = client.post(
        "/vi/y-kien-trang/",
        {"page": procedure.pk, "helpful": "no", "comment": "Thiếu mẫu đơn"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?feedback=thanks#page-feedback")
    feedback = PageFeedback.objects.get()
    assert (feedback.page_id, feedback.helpful, feedback.comment) == (
        procedure.pk,
        False,
        "Thiếu mẫu đơn",
    )
    client.force_login(users["editor"])
    listing = client.get(reverse("transparency_page_feedback:index"))
    assert listing.status_code == 200
    export = client.get(reverse("transparency_page_feedback:index") + "?export=csv")
    assert export.status_code == 200
    assert "Thiếu mẫu đơn" in b"".join(export.streaming_content).decode("utf-8-sig")


def test_page_feedback_without_an_answer_is_a_400(client, procedure):
    response = client.post("/vi/y-kien-trang/", {"page": procedure.pk})
    assert response.status_code == 400
    assert not PageFeedback.objects.exists()


def test_procedure_page_shows_on_time_rate_and_satisfaction(
    client, procedure, make_dossier, users
):
    html = client.get(procedure.url).content.decode()
    assert "procedure-figures" not in html
    from django.utils import timezone

    dossier = make_dossier(procedure_code=procedure.code, received_at=timezone.now())

    perform(dossier, "start", users["official"], notify=False)
    perform(dossier, "approve", users["official"], notify=False, now=timezone.now())
    DossierRating.objects.create(
        dossier=dossier, overall=4, clarity=4, punctuality=4, attitude=4
    )
    from portal.transparency.statistics import invalidate_procedure_summaries

    invalidate_procedure_summaries()
    html = client.get(procedure.url).content.decode()
    assert "procedure-figures" in html
    assert "4,0/5" in html  # one decimal everywhere (satisfaction_shown)


def test_home_figures_only_with_data(make_dossier, rf):
    from portal.transparency.wagtail_hooks import home_figures

    assert home_figures(rf.get("/vi/")) == []
    from django.utils import timezone

    make_dossier(received_at=timezone.now())
    figures = home_figures(rf.get("/vi/"))
    assert figures[0]["value"] == "1"
