"""Translations made by hand become synced wagtail-localize translations."""

import io
import json

import pytest
from django.core.management import call_command
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cms_pages.chrome import AlertBanner
from cms_pages.models import StandardPage
from portal.editorial.translations import adopt
from tests.factories.catalogue import ProcedurePageFactory
from tests.factories.site import AlertBannerFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def body(*paragraphs: str) -> str:
    return json.dumps(
        [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]
    )


@pytest.fixture
def pages(site_tree, home_en, en):
    home, _catalogue = site_tree
    source = StandardPageFactory(
        parent=home,
        title="Giới thiệu",
        intro="Trung tâm phục vụ hành chính công.",
        body=body("Giờ làm việc.", "Địa chỉ."),
    )
    english = source.copy_for_translation(en)
    english.title = "About the centre"
    english.intro = "The public administration centre."
    english.body = body("Opening hours.", "Address.")
    english.save_revision().publish()
    return source, StandardPage.objects.get(pk=english.pk)


def test_an_adopted_page_keeps_its_english_after_a_sync(pages, en):
    source, english = pages
    result = adopt(source, english)
    assert result.skipped_fields == [] and result.strings == 4
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=en
    )
    assert translation.enabled
    # A change to the Vietnamese page, then "Sync translated pages".
    source.intro = "Trung tâm phục vụ hành chính công tỉnh."
    source.save_revision().publish()
    translation.source.update_from_db()
    translation.save_target(publish=True)
    english.refresh_from_db()
    assert english.title == "About the centre"
    assert [block.value.source for block in english.body] == [
        "<p>Opening hours.</p>",
        "<p>Address.</p>",
    ]
    # The changed sentence has no translation yet: it shows the source text.
    assert english.intro == "Trung tâm phục vụ hành chính công tỉnh."


def test_a_snippet_is_adopted_and_adopting_twice_changes_nothing(site_tree, en):
    banner = AlertBannerFactory(title="Nghỉ Tết")
    english = banner.copy_for_translation(en)
    english.title = "Tet holiday"
    english.save()
    adopt(banner, english)
    adopt(banner, english)
    source = TranslationSource.objects.get(object_id=banner.translation_key)
    assert Translation.objects.filter(source=source).count() == 1
    Translation.objects.get(source=source).save_target()
    assert AlertBanner.objects.get(pk=english.pk).title == "Tet holiday"


def test_the_command_adopts_everything_translated_by_hand(pages, en):
    source, english = pages
    call_command("adopt_translations", "--locale", "en", stdout=io.StringIO())
    assert Translation.objects.filter(
        source__object_id=source.translation_key, target_locale=en
    ).exists()


@pytest.fixture
def procedure_translation(site_tree, home_en, en, django_capture_on_commit_callbacks):
    """A procedure and its wagtail-localize translation into English with
    every string translated, published."""
    _home, catalogue = site_tree
    procedure = ProcedurePageFactory(parent=catalogue, title="Đăng ký khai sinh")
    adopt(procedure, procedure.copy_for_translation(en, copy_parents=True))
    translation = Translation.objects.get(
        source__object_id=procedure.translation_key, target_locale=en
    )
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=en,
            context=segment.context,
            defaults={"data": f"EN {segment.string.data}"},
        )
    # wagtail-localize publishes once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    return translation


def english_page_html(client, translation) -> str:
    page = translation.get_target_instance()
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


def test_a_fully_translated_procedure_drops_the_vietnamese_only_notice(
    client, procedure_translation
):
    assert procedure_translation.get_progress()[0] > 3
    assert "Vietnamese only" not in english_page_html(client, procedure_translation)


def test_a_procedure_with_an_untranslated_string_keeps_the_notice(
    client, procedure_translation, django_capture_on_commit_callbacks
):
    StringTranslation.objects.filter(locale=procedure_translation.target_locale)[
        :1
    ].get().delete()
    with django_capture_on_commit_callbacks(execute=True):
        procedure_translation.save_target(publish=True)
    assert "Vietnamese only" in english_page_html(client, procedure_translation)
