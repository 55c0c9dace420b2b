"""Fixtures for the public-site tests: a bilingual site tree and roadmap procedures."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from demo.site import translate_page
from tests.factories.catalogue import ProcedurePageFactory, build_site

# (code, title, working days): the investor roadmap's procedures.
ROADMAP = [
    ("1.009645", "Chấp thuận chủ trương đầu tư", Decimal(35)),
    ("2.001987", "Cấp Giấy chứng nhận đăng ký đầu tư", Decimal(15)),
    ("1.012763", "Giao đất, cho thuê đất", Decimal(20)),
    ("1.010732", "Cấp giấy phép môi trường", Decimal(30)),
    ("1.009974", "Cấp giấy phép xây dựng", Decimal(20)),
    ("1.012418", "Thẩm định thiết kế phòng cháy và chữa cháy", Decimal(10)),
    ("2.001601", "Đăng ký thành lập công ty TNHH một thành viên", Decimal("0.5")),
]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """(home, catalogue) in Vietnamese, the default site's root; English locale exists."""
    return build_site()


@pytest.fixture
def en(site_tree) -> Locale:
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home_en(site_tree, en):
    home, _catalogue = site_tree
    return translate_page(home, en, title="Home", hero_title="Find and file procedures")


@pytest.fixture
def roadmap_procedures(site_tree):
    """The seven roadmap procedures, each with one 50.000 đ fee."""
    _home, catalogue = site_tree
    return [
        ProcedurePageFactory(
            parent=catalogue, code=code, title=title, processing_time_days=days
        )
        for code, title, days in ROADMAP
    ]
