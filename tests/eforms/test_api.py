"""JSON: the procedure API carries the e-form (other channels render the same
form), and the administrative units behind the address question."""

import pytest
from wagtail.models import Locale

from tests.factories.catalogue import ProcedurePageFactory, build_site
from tests.factories.eforms import EFormFactory
from tests.front_cache import front_cache  # noqa: F401 - a fixture

from .samples import BIRTH, sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    _home, catalogue = build_site()
    return catalogue


def test_procedure_api_carries_its_form_in_the_language_asked(client, catalogue):
    form = EFormFactory(definition=sample(BIRTH))
    english = form.copy_for_translation(
        Locale.objects.get_or_create(language_code="en")[0]
    )
    english.title = "Birth registration form"
    english.save()
    ProcedurePageFactory(parent=catalogue, code="1.001193", eform=form)
    data = client.get("/api/procedures/1.001193/", {"locale": "vi"}).json()
    assert data["form"] == BIRTH
    data = client.get("/api/procedures/1.001193/", {"locale": "en"}).json()
    assert data["form"]["title"] == "Birth registration form"
    assert data["form"]["sections"] == BIRTH["sections"]


def test_procedure_without_a_published_form_has_form_null(client, catalogue):
    ProcedurePageFactory(parent=catalogue, code="1.000001")
    assert client.get("/api/procedures/1.000001/").json()["form"] is None
    draft = EFormFactory(definition=sample(BIRTH), live=False)
    ProcedurePageFactory(parent=catalogue, code="1.000002", eform=draft)
    assert client.get("/api/procedures/1.000002/").json()["form"] is None


def test_administrative_units(client):
    data = client.get("/api/administrative-units/").json()
    assert len(data["provinces"]) == 34
    assert {"code": 1, "name": "Thành phố Hà Nội"} in data["provinces"]
    response = client.get("/api/administrative-units/", {"province": "1"})
    assert "max-age=86400" in response["Cache-Control"]
    communes = response.json()["communes"]
    assert {"code": 4, "name": "Phường Ba Đình"} in communes and len(communes) == 126
    assert (
        client.get("/api/administrative-units/", {"province": "99"}).status_code == 404
    )
    bad = client.get("/api/administrative-units/", {"province": "x"})
    assert bad.status_code == 400 and "error" in bad.json()


def test_an_edited_form_is_purged_from_the_cached_api(
    front_cache,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    """The procedure API carries the form: publishing or deleting a form bans
    the cached API answers (pages do not show forms and stay cached)."""
    with django_capture_on_commit_callbacks(execute=True):
        form = EFormFactory(definition=sample(BIRTH))
    assert front_cache.bans == ["^(/api/)"]
    with django_capture_on_commit_callbacks(execute=True):
        form.delete()
    assert front_cache.bans == ["^(/api/)", "^(/api/)"]
