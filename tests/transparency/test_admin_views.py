"""The admin listings of ratings and page feedback: who may read them."""

import pytest
from django.urls import reverse

from portal.dossiers.models import DossierStatus as S
from portal.transparency.models import DossierRating
from tests.backoffice.test_admin_views import denied

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("superuser", True), ("centre", True), ("official", False), ("editor", False)],
)
def test_ratings_listing(role, allowed, client, users, make_dossier):
    dossier = make_dossier(status=S.RESULT_RETURNED)
    DossierRating.objects.create(
        dossier=dossier,
        overall=2,
        clarity=3,
        punctuality=2,
        attitude=4,
        comment="Chờ lâu",
    )
    client.force_login(users[role])
    response = client.get(reverse("transparency_ratings:index"))
    if allowed:
        assert response.status_code == 200
        assert "Chờ lâu" in response.content.decode()
    else:
        assert denied(response)
