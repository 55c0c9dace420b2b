"""localize_sources.update_sources leaves exactly wagtail-localize's own rows.

Each test registers objects with `update_sources`, takes a snapshot of every
row wagtail-localize keeps for them, removes those rows, registers the same
objects with `TranslationSource.update_or_create_from_instance` and compares.
A wagtail-localize upgrade that changes its hashes, field paths or segments
fails here.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import COMMENTS_RELATION_NAME
from wagtail_localize.models import (
    RelatedObjectSegment,
    StringSegment,
    TemplateSegment,
    TranslationContext,
    TranslationSource,
)

from cms_pages.models import ProcedurePage
from cms_pages.services.catalogue_export import with_rows
from cms_pages.services.localize_sources import update_sources
from tests.factories.catalogue import ProcedurePageFactory, SectorFactory


def snapshot(instance) -> dict:
    """Every wagtail-localize row of `instance`'s source, without ids."""
    source = TranslationSource.objects.get(
        object_id=instance.translation_key, locale_id=instance.locale_id
    )
    strings = [
        (
            s.order,
            s.context.path,
            str(s.context.path_id),
            s.context.field_path,
            s.string.data,
            str(s.string.data_hash),
            s.string.locale_id,
            s.attrs,
        )
        for s in StringSegment.objects.filter(source=source)
        .select_related("context", "string")
        .order_by("order")
    ]
    related = [
        (
            s.order,
            s.context.path,
            str(s.context.path_id),
            s.context.field_path,
            str(s.object.translation_key),
            s.object.content_type_id,
        )
        for s in RelatedObjectSegment.objects.filter(source=source)
        .select_related("context", "object")
        .order_by("order")
    ]
    return {
        "source": (
            source.object.content_type_id,
            source.specific_content_type_id,
            source.locale_id,
            source.object_repr,
            source.content_json,
            source.schema_version,
        ),
        "strings": strings,
        "related": related,
        "templates": TemplateSegment.objects.filter(source=source).count(),
    }


def forget(instance) -> None:
    """Remove the source (with its segments) and the object's contexts."""
    TranslationSource.objects.filter(object_id=instance.translation_key).delete()
    TranslationContext.objects.filter(object_id=instance.translation_key).delete()


def library_snapshot(instance) -> dict:
    forget(instance)
    TranslationSource.update_or_create_from_instance(instance)
    return snapshot(instance)


def test_page_and_snippet_rows_match_wagtail_localize(site_tree):
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue, documents=3, steps=4)
    sector = page.sector
    update_sources([page, sector])
    ours = snapshot(page), snapshot(sector)
    assert len(ours[0]["strings"]) >= 3 + 4 + 2 and len(ours[0]["related"]) == 2
    assert ours == (library_snapshot(page), library_snapshot(sector))


def test_a_changed_page_keeps_and_drops_segments_as_wagtail_localize(site_tree):
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue, steps=3)
    update_sources([page])
    page = ProcedurePage.objects.get(pk=page.pk)
    steps = list(page.steps.all())
    steps[0].text = "Bước mới: nộp hồ sơ trực tuyến"
    page.steps = steps[:2]
    page.result = "Quyết định"
    page.save_revision().publish()
    page = ProcedurePage.objects.get(pk=page.pk)
    update_sources([page])
    ours = snapshot(page)
    assert [s[4] for s in ours["strings"]].count("Bước mới: nộp hồ sơ trực tuyến") == 1
    assert ours == library_snapshot(page)


def test_an_unchanged_object_is_left_alone(site_tree):
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue)
    [first] = update_sources([page])
    with CaptureQueriesContext(connection) as queries:
        [again] = update_sources([page])
    assert again.pk == first.pk and again.last_updated_at == first.last_updated_at
    writes = [q["sql"] for q in queries if not q["sql"].startswith("SELECT")]
    assert writes == []


def test_rich_text_goes_through_wagtail_localize_itself(site_tree):
    _, catalogue = site_tree
    page = ProcedurePageFactory(parent=catalogue)
    page.body = [("paragraph", "<p>Xem <b>hướng dẫn</b> chi tiết.</p>")]
    page.save_revision().publish()
    page = ProcedurePage.objects.get(pk=page.pk)
    other = SectorFactory()
    update_sources([page, other])
    ours = snapshot(page)
    assert ours["templates"] == 1
    assert ours == library_snapshot(page)
    assert snapshot(other) == library_snapshot(other)


def test_many_objects_take_a_fixed_number_of_queries(site_tree):
    _, catalogue = site_tree
    pks = [ProcedurePageFactory(parent=catalogue).pk for _ in range(8)]
    # As the importer passes them: sector, agency, rows and comments loaded.
    few, many = (
        list(
            with_rows(ProcedurePage.objects.filter(pk__in=chunk)).prefetch_related(
                COMMENTS_RELATION_NAME
            )
        )
        for chunk in (pks[:2], pks[2:])
    )
    with CaptureQueriesContext(connection) as two:
        update_sources(few)
    with CaptureQueriesContext(connection) as six:
        update_sources(many)
    assert len(six) == len(two) <= 20
