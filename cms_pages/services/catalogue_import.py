"""Import of a procedure catalogue file (see `demo/procedures.schema.json`).

The flow: validate the whole file (schema and business rules) → compare every
record's canonical form with what the database holds → in one transaction,
create or update the Vietnamese procedure pages that differ, then their
translations (same translation_key, other locale: Wagtail's translation model,
which wagtail-localize lists and edits; see docs/architecture.md for why the
importer writes them directly). Records that would change nothing are not
touched: no revision, no publish, no index update.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch import signal_handlers as search_signals
from modelsearch.backends import get_search_backends
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from cms_pages.models import (
    ProcedureDocument,
    ProcedureFee,
    ProcedureIndexPage,
    ProcedureLegalBasis,
    ProcedurePage,
    ProcedureStep,
)
from cms_pages.snippets import Agency, Sector
from portal.text import ascii_slug

from .catalogue_export import source_locale, stored_records
from .catalogue_format import (
    TITLE_MAX_LENGTH,
    Record,
    SnippetNames,
    canonical_record,
    keywords_to_text,
    slug_for,
    title_for,
    to_decimal_days,
    translated_values,
)
from .catalogue_validation import Problem, content_languages, validate


class CatalogueInvalid(Exception):
    """The file breaks the schema or a business rule; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        return (
            f"created {len(self.created)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}"
        )


@dataclass
class _Plan:
    index: int
    record: Record
    canonical: Record
    page: ProcedurePage | None


def _compare_view(stored: Record, wanted: Record) -> Record:
    """The stored record limited to the languages the file speaks about.

    Translations the file does not mention are left alone by the importer, so
    they do not make a record look changed.
    """
    view = dict(stored)
    stored_tr = stored.get("translations") or {}
    wanted_tr = wanted.get("translations") or {}
    kept = {lang: stored_tr[lang] for lang in wanted_tr if lang in stored_tr}
    view.pop("translations", None)
    if kept:
        view["translations"] = kept
    return view


class CatalogueImporter:
    """Imports one parsed catalogue file into the site's procedure catalogue."""

    def __init__(self, data: Any, *, dry_run: bool = False):
        self.data = data
        self.dry_run = dry_run
        self.report = ImportReport(dry_run=dry_run)

    # -- planning ---------------------------------------------------------
    def run(self) -> ImportReport:
        errors, warnings = validate(self.data)
        if errors:
            raise CatalogueInvalid(errors)
        self.report.warnings = warnings
        self.vi = source_locale()
        self.catalogue = (
            ProcedureIndexPage.objects.filter(locale=self.vi).order_by("path").first()
        )
        if self.catalogue is None:
            raise CatalogueInvalid(
                [
                    Problem(
                        None,
                        "",
                        "the site has no procedure catalogue page in the source language; "
                        "create one in the admin (or run load_demo) first",
                    )
                ]
            )
        languages = content_languages()
        self.records: list[Record] = [
            self._without_foreign_languages(record, languages) for record in self.data
        ]
        self.languages = sorted(
            {lang for r in self.records for lang in (r.get("translations") or {})}
        )
        existing = {
            page.code: page
            for page in ProcedurePage.objects.filter(locale=self.vi).select_related(
                "sector", "agency"
            )
        }
        wanted_codes = {r["code"] for r in self.records}
        stored = stored_records(
            ProcedurePage.objects.filter(locale=self.vi, code__in=wanted_codes),
            self.languages,
        )
        self.names = self._translated_names()
        plans = []
        for index, record in enumerate(self.records):
            canonical = canonical_record(record, self.names)
            page = existing.get(record["code"])
            if page is None:
                self.report.created.append(record["code"])
            elif page.live and _compare_view(stored[page.code], canonical) == canonical:
                self.report.unchanged.append(record["code"])
                continue
            else:
                self.report.updated.append(record["code"])
            plans.append(_Plan(index, record, canonical, page))
        if not self.dry_run and plans:
            with transaction.atomic(), _deferred_indexing() as touched:
                self._write(plans)
                touched.extend(self.touched)
        return self.report

    @staticmethod
    def _without_foreign_languages(record: Record, languages: set[str]) -> Record:
        translations = record.get("translations")
        if not translations:
            return record
        kept = {
            lang: value for lang, value in translations.items() if lang in languages
        }
        record = dict(record)
        if kept:
            record["translations"] = kept
        else:
            record.pop("translations")
        return record

    def _translated_names(self) -> dict[str, SnippetNames]:
        """Per language, the name each sector and agency will carry there.

        The database's existing translations first, then what the file says.
        """
        names: dict[str, SnippetNames] = {}
        for lang in self.languages:
            current = SnippetNames()
            for model, target in (
                (Sector, current.sectors),
                (Agency, current.agencies),
            ):
                source_names = dict(
                    model.objects.filter(locale=self.vi).values_list(
                        "translation_key", "name"
                    )
                )
                for key, name in model.objects.filter(
                    locale__language_code=lang, translation_key__in=list(source_names)
                ).values_list("translation_key", "name"):
                    target[source_names[key]] = name
            for record in self.records:
                translation = (record.get("translations") or {}).get(lang)
                if translation is None:
                    continue
                if translation.get("sector"):
                    current.sectors[record["sector"]] = translation["sector"]
                if translation.get("agency"):
                    current.agencies[record["agency"]] = translation["agency"]
            names[lang] = current
        return names

    # -- writing ----------------------------------------------------------
    def _write(self, plans: list[_Plan]) -> None:
        self.touched: list[Any] = []
        self.sectors = self._snippets(Sector, {p.record["sector"] for p in plans})
        self.agencies = self._snippets(Agency, {p.record["agency"] for p in plans})
        appender = _ChildAppender(self.catalogue)
        written: list[tuple[_Plan, ProcedurePage]] = []
        for plan in plans:
            try:
                page = self._write_page(plan, appender)
            except ValidationError as error:
                raise CatalogueInvalid(
                    [Problem(plan.index, plan.record["code"], _validation_text(error))]
                ) from error
            written.append((plan, page))
            self.touched.append(page)
        appender.finish()
        for lang in self.languages:
            translated = [
                (plan, page)
                for plan, page in written
                if lang in (plan.canonical.get("translations") or {})
            ]
            if translated:
                self._write_translations(lang, translated)

    def _write_translations(
        self, lang: str, translated: list[tuple[_Plan, ProcedurePage]]
    ) -> None:
        locale, _ = Locale.objects.get_or_create(language_code=lang)
        names = self.names[lang]
        sectors = self._translate_snippets(
            self.sectors,
            {p.record["sector"] for p, _ in translated},
            names.sectors,
            locale,
        )
        agencies = self._translate_snippets(
            self.agencies,
            {p.record["agency"] for p, _ in translated},
            names.agencies,
            locale,
        )
        catalogue = self._translated_catalogue(locale)
        existing = {
            page.translation_key: page
            for page in ProcedurePage.objects.filter(
                locale=locale,
                translation_key__in=[page.translation_key for _, page in translated],
            ).prefetch_related("fees", "documents", "steps", "legal_bases")
        }
        appender = _ChildAppender(catalogue)
        for plan, source in translated:
            values = translated_values(
                plan.canonical, plan.canonical["translations"][lang], names
            )
            page = existing.get(source.translation_key)
            try:
                page = self._write_translated_page(
                    source,
                    page,
                    values,
                    sectors[plan.record["sector"]],
                    agencies[plan.record["agency"]],
                    locale,
                    appender,
                )
            except ValidationError as error:
                raise CatalogueInvalid(
                    [
                        Problem(
                            plan.index,
                            plan.record["code"],
                            f"translations.{lang}: {_validation_text(error)}",
                        )
                    ]
                ) from error
            self.touched.append(page)
        appender.finish()

    def _snippets(
        self, model: type[Sector] | type[Agency], names: Iterable[str]
    ) -> dict[str, Any]:
        """Source-language sectors or agencies by name, created when missing."""
        names = set(names)
        found = {
            obj.name: obj
            for obj in model.objects.filter(locale=self.vi, name__in=list(names))
        }
        slugs = set(model.objects.filter(locale=self.vi).values_list("slug", flat=True))
        for name in sorted(names - set(found)):
            slug = _unique(ascii_slug(name, 100) or "x", slugs, 100)
            found[name] = model.objects.create(name=name, slug=slug, locale=self.vi)
            self.touched.append(found[name])
        return found

    def _translate_snippets(
        self,
        source_objects: Mapping[str, Any],
        used: Iterable[str],
        names: Mapping[str, str],
        locale: Locale,
    ) -> dict[str, Any]:
        """Translations of the used snippets, named as the file (or the site) says.

        They are translations in Wagtail's sense: same translation_key, other
        locale, so each language's catalogue filters on its own names.
        """
        used = sorted(used)
        if not used:
            return {}
        model = type(source_objects[used[0]])
        by_key = {
            obj.translation_key: obj
            for obj in model.objects.filter(
                locale=locale,
                translation_key__in=[
                    source_objects[name].translation_key for name in used
                ],
            )
        }
        result = {}
        for source_name in used:
            source_obj = source_objects[source_name]
            wanted = names.get(source_name) or source_name
            obj = by_key.get(source_obj.translation_key)
            if obj is None:
                obj = source_obj.copy_for_translation(locale)
            elif obj.name == wanted:
                result[source_name] = obj
                continue
            obj.name = wanted
            obj.save()
            self.touched.append(obj)
            result[source_name] = obj
        return result

    def _translated_catalogue(self, locale: Locale) -> ProcedureIndexPage:
        """The catalogue page in `locale`, created (with its parents) if missing."""
        catalogue = self.catalogue.get_translation_or_none(locale)
        if catalogue is None:
            catalogue = self.catalogue.copy_for_translation(locale, copy_parents=True)
            catalogue.save_revision().publish()
        return catalogue.specific

    def _write_page(self, plan: _Plan, appender: _ChildAppender) -> ProcedurePage:
        record = plan.canonical
        page = plan.page
        sector, agency = self.sectors[record["sector"]], self.agencies[record["agency"]]
        if page is None:
            page = ProcedurePage(
                locale=self.vi,
                slug=_unique(
                    slug_for(record["code"], record["name"]), appender.slugs, 80
                ),
            )
            _apply_fields(page, record, sector, agency)
            appender.add_live(page)
        else:
            _apply_fields(page, record, sector, agency)
            _publish_in_place(page)
        return page

    def _write_translated_page(
        self,
        source: ProcedurePage,
        page: ProcedurePage | None,
        values: Record,
        sector: Sector,
        agency: Agency,
        locale: Locale,
        appender: _ChildAppender,
    ) -> ProcedurePage:
        """Create or update the translation of a procedure page.

        Everything but the translated text is copied from the source; rows keep
        the translation_key of the source row they translate.
        """
        name = values["name"]
        new = page is None
        if new:
            page = ProcedurePage(
                locale=locale,
                translation_key=source.translation_key,
                slug=_unique(slug_for(source.code, name), appender.slugs, 80),
            )
        for name_ in COPIED_FIELDS:
            setattr(page, name_, getattr(source, name_))
        page.title = title_for(name)
        page.full_name = name if len(name) > TITLE_MAX_LENGTH else ""
        page.sector = sector
        page.agency = agency
        page.result = values["result"]
        page.requirements = values["requirements"]
        texts = {
            "steps": values["steps"],
            "documents": values["documents"],
        }
        for relation, fields in CHILD_FIELDS.items():
            _translate_rows(page, source, relation, fields, texts.get(relation))
        if new:
            appender.add_live(page)
        else:
            _publish_in_place(page)
        return page


#: Fields a translated procedure takes over from its source unchanged.
COPIED_FIELDS = (
    "code",
    "level",
    "online_service",
    "for_individuals",
    "for_organizations",
    "channel_in_person",
    "channel_online",
    "channel_postal",
    "processing_time_days",
    "processing_time_note",
    "keywords",
)
#: Per child relation: the fields copied from the source row.
CHILD_FIELDS = {
    "fees": ("label", "amount_vnd", "note"),
    "documents": (
        "name",
        "originals",
        "copies",
        "required",
        "note",
        "template_name",
        "template_file_id",
    ),
    "steps": ("text",),
    "legal_bases": ("text",),
}
#: Per child relation with translated text in the file: the field it goes to.
TRANSLATED_ROW_FIELD = {"steps": "text", "documents": "name"}


def _translate_rows(
    page: ProcedurePage,
    source: ProcedurePage,
    relation: str,
    fields: tuple[str, ...],
    texts: list[str] | None,
) -> None:
    """Mirror the source's rows on the translation, matched by translation_key."""
    existing = (
        {row.translation_key: row for row in getattr(page, relation).all()}
        if page.pk
        else {}
    )
    rows = []
    for position, source_row in enumerate(getattr(source, relation).all()):
        row = existing.get(source_row.translation_key)
        if row is None:
            row = type(source_row)(
                locale=page.locale, translation_key=source_row.translation_key
            )
        for name in fields:
            setattr(row, name, getattr(source_row, name))
        if texts is not None and relation in TRANSLATED_ROW_FIELD:
            setattr(row, TRANSLATED_ROW_FIELD[relation], texts[position])
        row.sort_order = position
        rows.append(row)
    setattr(page, relation, rows)


def _publish_in_place(page: ProcedurePage) -> None:
    """Validate, save and publish an existing page with its rows, once.

    What `save_revision().publish()` does, without saving the page and its
    rows twice and rebuilding the page from the revision in between.
    """
    page.full_clean()
    now = timezone.now()
    page.live = True
    page.has_unpublished_changes = False
    page.last_published_at = now
    page.first_published_at = page.first_published_at or now
    page.draft_title = page.title
    page.save(clean=False, log_action=None)
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision,
        live_revision=revision,
        latest_revision_created_at=revision.created_at,
    )
    page.latest_revision = page.live_revision = revision
    PageLogEntry.objects.log_action(
        page, "wagtail.publish", revision=revision, content_changed=True
    )
    page_published.send(sender=type(page), instance=page, revision=revision)


class _ChildAppender:
    """Adds new, published child pages under one parent, quickly.

    `add_child()` + `save_revision()` + `publish()` costs a dozen saves per
    page (the page and every row saved two or three times, the revision
    deserialised again). A new page needs one save, one revision and the
    `page_published` signal; the parent's child count is updated once at the
    end (`finish()`).
    """

    def __init__(self, parent: Page):
        self.parent = Page.objects.get(pk=parent.pk)
        last = (
            Page.objects.filter(
                path__startswith=self.parent.path, depth=self.parent.depth + 1
            )
            .order_by("-path")
            .only("path")
            .first()
        )
        self.last_path = last.path if last else None
        self.added = 0
        self.log_entries: list[PageLogEntry] = []
        self.references: list[ReferenceIndex] = []
        self.page_content_type = ContentType.objects.get_for_model(Page)
        self.slugs = set(
            Page.objects.child_of(self.parent).values_list("slug", flat=True)
        )

    def _next_path(self) -> str:
        if self.last_path is None:
            path = Page._get_path(self.parent.path, self.parent.depth + 1, 1)
        else:
            path = Page(path=self.last_path)._inc_path()
        self.last_path = path
        return path

    def add_live(self, page: Page) -> None:
        """Save `page` as a new live child with its first (published) revision."""
        now = timezone.now()
        page.depth = self.parent.depth + 1
        page.path = self._next_path()
        page.numchild = 0
        page.url_path = f"{self.parent.url_path}{page.slug}/"
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.draft_title = page.title
        # treebeard's cached parent spares Page.save() a query for url_path.
        page._cached_parent_obj = self.parent
        # Rows go in with one INSERT per relation instead of one per row.
        rows = {
            relation: list(getattr(page, relation).all()) for relation in CHILD_FIELDS
        }
        for relation in rows:
            setattr(page, relation, [])
        # log_action=None: the create/publish entries are written in bulk.
        page.save(clean=False, log_action=None)
        for relation, objects in rows.items():
            for obj in objects:
                obj.page = page
            if objects:
                type(objects[0]).objects.bulk_create(objects)
            setattr(page, relation, objects)
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision,
            live_revision=revision,
            latest_revision_created_at=revision.created_at,
        )
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
        content_type = ContentType.objects.get_for_model(page)
        for action in ("wagtail.create", "wagtail.publish"):
            self.log_entries.append(
                PageLogEntry(
                    content_type=content_type,
                    label=page.title,
                    action=action,
                    timestamp=now,
                    page=page,
                    revision=revision if action == "wagtail.publish" else None,
                    content_changed=True,
                )
            )
        # New pages point only at their sector and agency (no body, images
        # or template files yet): write those references directly instead
        # of re-walking every field of the page.
        for field_name in ("sector", "agency"):
            target = getattr(page, field_name)
            self.references.append(
                ReferenceIndex(
                    content_type=content_type,
                    base_content_type=self.page_content_type,
                    object_id=str(page.pk),
                    to_content_type=ContentType.objects.get_for_model(target),
                    to_object_id=str(target.pk),
                    model_path=field_name,
                    content_path=field_name,
                    content_path_hash=ReferenceIndex._get_content_path_hash(field_name),
                )
            )
        page._references_written = True  # noqa: SLF001
        self.added += 1
        page_published.send(sender=type(page), instance=page, revision=revision)

    def finish(self) -> None:
        """Update the parent's child count; write the log entries and references."""
        PageLogEntry.objects.bulk_create(self.log_entries, batch_size=500)
        ReferenceIndex.objects.bulk_create(self.references, batch_size=500)
        self.log_entries, self.references = [], []
        if self.added:
            Page.objects.filter(pk=self.parent.pk).update(
                numchild=F("numchild") + self.added
            )
            self.added = 0


@contextmanager
def _deferred_indexing() -> Iterator[list[Any]]:
    """Update the reference index and the search index once per object, at the end.

    A procedure is saved several times on its way in (page, child rows,
    revision, publish, translation); each save would re-extract references
    and re-index. The caller appends what it wrote to the yielded list.
    """
    touched: list[Any] = []
    models = [ProcedurePage, Sector, Agency]
    for model in models:
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield touched
    finally:
        for model in models:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
    by_model: dict[type, dict[Any, Any]] = {}
    for obj in touched:
        by_model.setdefault(type(obj), {})[obj.pk] = obj
    for model, objects in by_model.items():
        if model is ProcedurePage:
            # Sectors and agencies point nowhere; new pages had theirs
            # written by _ChildAppender.
            for obj in objects.values():
                if not getattr(obj, "_references_written", False):
                    ReferenceIndex.create_or_update_for_object(obj)
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, list(objects.values()))


def _unique(slug: str, taken: set[str], max_length: int) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = slug[: max_length - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def _validation_text(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def _sync_rows(
    page: ProcedurePage, relation: str, model: type, rows: list[dict[str, Any]]
) -> None:
    """Set a child relation to `rows`, reusing existing rows position by position.

    Reuse keeps each row's translation_key, so translations of unchanged rows
    (steps, documents) stay attached.
    """
    existing = list(getattr(page, relation).all()) if page.pk else []
    objects = []
    for position, values in enumerate(rows):
        obj = (
            existing[position]
            if position < len(existing)
            else model(locale=page.locale)
        )
        for name, value in values.items():
            setattr(obj, name, value)
        obj.sort_order = position
        objects.append(obj)
    setattr(page, relation, objects)


def _apply_fields(
    page: ProcedurePage, record: Record, sector: Sector, agency: Agency
) -> None:
    """Copy a canonical record onto a source-language page (not saved)."""
    name = record["name"]
    page.title = title_for(name)
    page.full_name = name if len(name) > TITLE_MAX_LENGTH else ""
    page.code = record["code"]
    page.sector = sector
    page.agency = agency
    page.level = record["level"]
    page.online_service = record["online_service"]
    page.for_individuals = "individual" in record["applicant_types"]
    page.for_organizations = "organization" in record["applicant_types"]
    page.channel_in_person = "in_person" in record["channels"]
    page.channel_online = "online" in record["channels"]
    page.channel_postal = "postal" in record["channels"]
    page.processing_time_days = to_decimal_days(record["processing_time_days"])
    page.processing_time_note = record.get("processing_time_note", "")
    page.requirements = record.get("requirements", "")
    page.result = record["result"]
    page.keywords = keywords_to_text(record.get("keywords", []))
    _sync_rows(
        page,
        "fees",
        ProcedureFee,
        [
            {
                "label": f["label"],
                "amount_vnd": f["amount_vnd"],
                "note": f.get("note", ""),
            }
            for f in record.get("fees", [])
        ],
    )
    _sync_rows(
        page,
        "documents",
        ProcedureDocument,
        [
            {
                "name": d["name"],
                "originals": d.get("originals"),
                "copies": d.get("copies"),
                "required": d.get("required", True),
                "note": d.get("note", ""),
                "template_name": d.get("template", ""),
            }
            for d in record["documents"]
        ],
    )
    _sync_rows(page, "steps", ProcedureStep, [{"text": s} for s in record["steps"]])
    _sync_rows(
        page,
        "legal_bases",
        ProcedureLegalBasis,
        [{"text": t} for t in record.get("legal_basis", [])],
    )


def import_catalogue(data: Any, *, dry_run: bool = False) -> ImportReport:
    """Validate and import a parsed catalogue file. Raises CatalogueInvalid."""
    return CatalogueImporter(data, dry_run=dry_run).run()
