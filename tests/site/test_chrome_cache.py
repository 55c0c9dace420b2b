"""Menus and banners are cached per process, and an editor's save shows at once."""

from tests.factories.site import AlertBannerFactory


def test_saved_banner_shows_on_the_next_request(
    site_tree, client, django_capture_on_commit_callbacks
):
    home, _ = site_tree
    assert "Lịch nghỉ lễ 2/9" not in client.get("/vi/").content.decode()
    # The chrome cache is cleared when the edit commits.
    with django_capture_on_commit_callbacks(execute=True):
        banner = AlertBannerFactory(title="Lịch nghỉ lễ 2/9")
    assert "Lịch nghỉ lễ 2/9" in client.get("/vi/").content.decode()
    banner.active = False
    with django_capture_on_commit_callbacks(execute=True):
        banner.save()
    assert "Lịch nghỉ lễ 2/9" not in client.get("/vi/").content.decode()


def test_favicon_is_linked_and_served(site_tree, client):
    html = client.get("/vi/").content.decode()
    assert 'rel="icon"' in html and "favicon" in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
