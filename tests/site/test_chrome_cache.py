"""Menus and banners are cached per process, and an editor's save shows at once."""

from tests.factories.site import AlertBannerFactory


def test_saved_banner_shows_on_the_next_request(site_tree, client):
    home, _ = site_tree
    assert "Lịch nghỉ lễ 2/9" not in client.get("/vi/").content.decode()
    banner = AlertBannerFactory(title="Lịch nghỉ lễ 2/9")
    assert "Lịch nghỉ lễ 2/9" in client.get("/vi/").content.decode()
    banner.active = False
    banner.save()
    assert "Lịch nghỉ lễ 2/9" not in client.get("/vi/").content.decode()
