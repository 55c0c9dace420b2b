"""Officials see a dossier's e-form answers by section, download the
declaration, and export one procedure's answers as CSV (their dossiers only);
the public tracking page shows the answers masked."""

import csv
import io

import pytest
from django.urls import reverse

from portal.eforms.services import attach_declaration
from tests.factories.backoffice import DossierFactory, UserFactory
from tests.factories.eforms import FilledFormFactory

from .samples import BIRTH, BIRTH_ANSWERS, sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled():
    dossier = DossierFactory(
        procedure_code="1.001193", procedure_name="Đăng ký khai sinh"
    )
    form = FilledFormFactory(
        dossier=dossier, source=sample(BIRTH), answers=BIRTH_ANSWERS
    )
    attach_declaration(form)
    return form


@pytest.fixture
def official(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


def test_dossier_page_shows_answers_by_section_and_the_declaration(official, filled):
    dossier = filled.dossier
    html = official.get(
        reverse("backoffice_dossiers:inspect", args=[dossier.pk])
    ).content.decode()
    assert "Tờ khai đăng ký khai sinh" in html
    assert "Người được khai sinh" in html and "Nguyễn Văn Bình" in html
    assert "43 Tràng Thi, Phường Ba Đình, Thành phố Hà Nội" in html
    declaration = reverse(
        "backoffice_dossiers:document", args=[dossier.pk, filled.declaration.pk]
    )
    assert declaration in html
    response = official.get(declaration)
    assert response.status_code == 200 and b"".join(
        response.streaming_content
    ).startswith(b"%PDF")


def test_csv_export_of_one_procedure(official, filled):
    url = reverse("backoffice_dossiers:answers_export")
    page = official.get(url).content.decode()
    assert "1.001193 – Đăng ký khai sinh" in page
    response = official.get(url, {"procedure": "1.001193"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0]["dossier_code"] == filled.dossier.code
    assert rows[0]["birth_place.commune"] == "Phường Ba Đình"


def test_officials_of_another_agency_get_nothing(client, filled):
    from portal.backoffice.models import OfficialProfile
    from tests.factories.catalogue import AgencyFactory

    other = UserFactory(groups=["Cán bộ xử lý hồ sơ"])
    OfficialProfile.objects.update_or_create(
        user=other, defaults={"agency": AgencyFactory()}
    )
    client.force_login(other)
    url = reverse("backoffice_dossiers:answers_export")
    page = client.get(url, {"procedure": "1.001193"})
    assert page["Content-Type"].startswith("text/html")
    assert filled.dossier.code not in page.content.decode()


def test_tracking_shows_the_answers_masked(client, filled):
    dossier = filled.dossier
    html = client.post(
        "/vi/tra-cuu-ho-so/",
        {"code": dossier.code, "verify": dossier.verification_code},
        follow=True,
    ).content.decode()
    assert "Tờ khai đăng ký khai sinh" in html and "N***** V** B***" in html
    assert "Nguyễn Văn Bình" not in html and "43 Tràng Thi" not in html
    # A row without a group lists no items (a dict's own `items` method once
    # gave an empty title per key of the row).
    assert "<dt></dt>" not in html
    data = client.get(
        f"/api/dossiers/{dossier.code}/status/", {"verify": dossier.verification_code}
    ).json()
    rows = data["form"]["sections"][0]["answers"]
    assert rows[0] == {
        "name": "child_name",
        "label": "Họ, chữ đệm, tên của trẻ",
        "value": "N***** V** B***",
    }
