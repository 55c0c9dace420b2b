"""Editors see which translations are older than their Vietnamese source."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from portal.editorial.freshness import stale_translations, staleness_of
from portal.editorial.roles import EDITORS
from tests.factories.backoffice import UserFactory
from tests.factories.site import AlertBannerFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

REPORT = "editorial_translations_out_of_date"


def synced(instance, locale):
    """Translate `instance` with wagtail-localize; return the translation."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.create(source=source, target_locale=locale)
    translation.save_target(publish=True)
    return translation.get_target_instance()


@pytest.fixture
def guide(site_tree, home_en):
    home, _catalogue = site_tree
    return StandardPageFactory(parent=home, title="Giới thiệu Trung tâm")


def test_a_synced_page_is_stale_once_its_source_is_published_again(guide, en):
    english = synced(guide, en)
    assert staleness_of(english) is None
    guide.intro = "Giới thiệu mới."
    guide.save_revision().publish()
    item = staleness_of(english)
    assert item is not None and item.translation_source_id is not None
    assert [i.instance.pk for i in stale_translations()] == [english.pk]
    # Syncing (what "Sync translated pages" does) brings it up to date.
    TranslationSource.objects.get(object_id=guide.translation_key).update_from_db()
    assert staleness_of(english) is None


def test_a_synced_snippet_is_stale_when_its_source_changes(site_tree, en):
    banner = AlertBannerFactory(title="Nghỉ Tết")
    english = synced(banner, en)
    assert staleness_of(english) is None
    banner.title = "Nghỉ Tết Nguyên đán"
    banner.save()
    assert staleness_of(english).source.pk == banner.pk


def test_a_page_translated_by_hand_is_stale_when_the_source_is_newer(guide, en):
    english = guide.copy_for_translation(en)
    english.save_revision().publish()
    assert staleness_of(english) is None
    guide.save_revision().publish()
    item = staleness_of(english)
    assert item is not None and item.translation_source_id is None


def test_report_and_notice_in_the_editor(client, guide, en):
    english = synced(guide, en)
    guide.save_revision().publish()
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    report = client.get(reverse(REPORT)).content.decode()
    assert "Bản dịch cũ" in report or "cũ hơn" in report
    assert english.title in report
    source = TranslationSource.objects.get(object_id=guide.translation_key)
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in report
    edit = client.get(
        reverse("wagtailadmin_pages:edit", args=[english.pk]), follow=True
    )
    assert "cũ hơn bản gốc" in edit.content.decode()


def test_the_report_is_for_people_who_translate(client, site_tree):
    client.force_login(UserFactory())
    assert client.get(reverse(REPORT)).status_code in (302, 403)
