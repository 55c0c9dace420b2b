"""Import of a procedure catalogue file (see `demo/procedures.schema.json`).

The flow, one module per concern:

1. `catalogue_validation`: the whole file against the schema and the business
   rules; any error stops here and nothing is written.
2. `catalogue_names`: the name every sector and agency carries per language
   (a second English name for the same one is a warning, not an error).
3. Planning (here): every record's canonical form (`catalogue_format`) is
   compared with what the database holds (`catalogue_export.stored_records`);
   records that would change nothing are left alone: no revision, no publish,
   no re-index.
4. Writing, in one transaction: sectors and agencies (`catalogue_snippets`),
   the Vietnamese pages (`catalogue_pages` fills them, `catalogue_publish`
   publishes them with Wagtail's own API), then per language the translated
   pages the same way, registered with wagtail-localize
   (`catalogue_localize`) so editors can sync them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import COMMENTS_RELATION_NAME, Locale, Page

from cms_pages.bulk_writes import bulk_write
from cms_pages.models import ProcedureIndexPage, ProcedurePage
from cms_pages.procedure_codes import vouch_for_codes
from cms_pages.snippets import Agency, Sector

from .catalogue_export import source_locale, stored_records, with_rows
from .catalogue_format import Record, canonical_record, slug_for, translated_values
from .catalogue_forms import write_form_translation, write_forms
from .catalogue_localize import Translated, register
from .catalogue_names import resolve_names
from .catalogue_pages import apply_record, apply_translation, translated_texts
from .catalogue_publish import Rows, add, insert_rows, publish
from .catalogue_snippets import source_snippets, translated_snippets, unique_slug
from .catalogue_validation import Problem, content_languages, validate

SLUG_MAX_LENGTH = 80


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
    """One record to write: where it is in the file, and its page if it exists."""

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
    # A translated e-form the file does not give is left alone too.
    kept = {
        lang: {
            k: v for k, v in values.items() if k != "form" or "form" in wanted_tr[lang]
        }
        for lang, values in kept.items()
    }
    view.pop("translations", None)
    if kept:
        view["translations"] = kept
    return view


def _without_foreign_languages(record: Record, languages: set[str]) -> Record:
    """The record without translations into languages the site does not have."""
    translations = record.get("translations")
    if not translations:
        return record
    kept = {lang: value for lang, value in translations.items() if lang in languages}
    record = dict(record)
    if kept:
        record["translations"] = kept
    else:
        record.pop("translations")
    return record


def _catalogue(locale: Locale) -> ProcedureIndexPage:
    catalogue = (
        ProcedureIndexPage.objects.filter(locale=locale).order_by("path").first()
    )
    if catalogue is None:
        raise CatalogueInvalid(
            [
                Problem(
                    None,
                    "",
                    "the site has no procedure catalogue page in the source "
                    "language; run `python manage.py setup_site` first (it creates "
                    "the home and catalogue pages), then import again",
                )
            ]
        )
    return catalogue


def _invalid(plan: _Plan, error: ValidationError, where: str = "") -> CatalogueInvalid:
    if hasattr(error, "message_dict"):
        text = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    else:
        text = " ".join(error.messages)
    return CatalogueInvalid(
        [Problem(plan.index, plan.record["code"], f"{where}{text}")]
    )


class CatalogueImporter:
    """Imports one parsed catalogue file into the site's procedure catalogue."""

    def __init__(self, data: Any, *, dry_run: bool = False):
        self.data = data
        self.report = ImportReport(dry_run=dry_run)

    def run(self) -> ImportReport:
        errors, warnings = validate(self.data)
        if errors:
            raise CatalogueInvalid(errors)
        self.vi = source_locale()
        self.catalogue = _catalogue(self.vi)
        site_languages = content_languages()
        records = [_without_foreign_languages(r, site_languages) for r in self.data]
        self.languages = sorted(
            {lang for r in records for lang in (r.get("translations") or {})}
        )
        self.names, name_warnings = resolve_names(records, self.languages, self.vi)
        self.report.warnings = sorted(
            warnings + name_warnings, key=lambda p: p.index or 0
        )
        plans = self._plan(records)
        if not self.report.dry_run and plans:
            with transaction.atomic(), bulk_write() as batch:
                _Writer(self, batch.touched).write(plans)
        return self.report

    def _plan(self, records: list[Record]) -> list[_Plan]:
        """The records that create or change something; fills the report."""
        pages = list(
            with_rows(
                ProcedurePage.objects.filter(
                    locale=self.vi, code__in=[r["code"] for r in records]
                )
            )
        )
        existing = {page.code: page for page in pages}
        stored = stored_records(pages, self.languages)
        plans = []
        for index, record in enumerate(records):
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
        return plans


def _publish_all(
    filled: list[tuple[_Plan, ProcedurePage, Rows]], parent: Page, where: str = ""
) -> None:
    """Publish filled pages under `parent`: new ones are added first, and all
    their rows inserted together (`catalogue_publish`)."""
    vouch_for_codes([page for _plan, page, _rows in filled])
    new = [(plan, page, rows) for plan, page, rows in filled if page.pk is None]
    for plan, page, _rows in new:
        try:
            add(page, parent)
        except ValidationError as error:
            raise _invalid(plan, error, where) from error
    insert_rows((page, rows) for _plan, page, rows in new)
    for plan, page, rows in filled:
        try:
            publish(page, rows)
        except ValidationError as error:
            raise _invalid(plan, error, where) from error


class _Writer:
    """Writes planned records: snippets, Vietnamese pages, then each language."""

    def __init__(self, importer: CatalogueImporter, touched: list[Any]):
        self.vi = importer.vi
        self.catalogue = importer.catalogue
        self.languages = importer.languages
        self.names = importer.names
        self.touched = touched

    def write(self, plans: list[_Plan]) -> None:
        self.sectors = source_snippets(
            Sector, {p.record["sector"] for p in plans}, self.vi, self.touched
        )
        self.agencies = source_snippets(
            Agency, {p.record["agency"] for p in plans}, self.vi, self.touched
        )
        self.forms = write_forms([p.canonical for p in plans], self.vi)
        slugs = set(self.catalogue.get_children().values_list("slug", flat=True))
        filled = []
        for plan in plans:
            record = plan.canonical
            page = plan.page or ProcedurePage(
                locale=self.vi,
                slug=unique_slug(
                    slug_for(record["code"], record["name"]), slugs, SLUG_MAX_LENGTH
                ),
            )
            rows = apply_record(
                page,
                record,
                self.sectors[record["sector"]],
                self.agencies[record["agency"]],
                self.forms.get((record.get("form") or {}).get("key")),
            )
            filled.append((plan, page, rows))
        _publish_all(filled, self.catalogue)
        # Fresh from the database: what was published, rows with their ids.
        pages = {
            page.code: page
            for page in with_rows(
                ProcedurePage.objects.filter(
                    locale=self.vi, code__in=[p.record["code"] for p in plans]
                )
            ).prefetch_related(COMMENTS_RELATION_NAME)  # serialised for localize
        }
        self.touched.extend(pages.values())
        for language in self.languages:
            written = [
                (plan, pages[plan.record["code"]])
                for plan in plans
                if language in (plan.canonical.get("translations") or {})
            ]
            if written:
                self._write_language(language, written)

    def _translated_catalogue(self, locale: Locale) -> ProcedureIndexPage:
        """The catalogue page in `locale`, created (with its parents) if missing."""
        catalogue = self.catalogue.get_translation_or_none(locale)
        if catalogue is None:
            catalogue = self.catalogue.copy_for_translation(locale, copy_parents=True)
            publish(catalogue.specific)
        return catalogue.specific

    def _write_language(
        self, language: str, written: list[tuple[_Plan, ProcedurePage]]
    ) -> None:
        locale, _ = Locale.objects.get_or_create(language_code=language)
        names = self.names[language]
        sectors = translated_snippets(
            {p.record["sector"]: s.sector for p, s in written},
            names.sectors,
            locale,
            self.touched,
        )
        agencies = translated_snippets(
            {p.record["agency"]: s.agency for p, s in written},
            names.agencies,
            locale,
            self.touched,
        )
        catalogue = self._translated_catalogue(locale)
        existing = {
            page.translation_key: page
            for page in with_rows(
                ProcedurePage.objects.filter(
                    locale=locale,
                    translation_key__in=[page.translation_key for _, page in written],
                )
            )
        }
        slugs = set(catalogue.get_children().values_list("slug", flat=True))
        filled = []
        for plan, source in written:
            translated = plan.canonical["translations"][language]
            values = translated_values(plan.canonical, translated, names)
            if translated.get("form") and source.eform_id:
                write_form_translation(source.eform, translated["form"], locale)
            page = existing.get(source.translation_key) or ProcedurePage(
                locale=locale,
                translation_key=source.translation_key,
                slug=unique_slug(
                    slug_for(source.code, values["name"]), slugs, SLUG_MAX_LENGTH
                ),
            )
            rows = apply_translation(
                page,
                source,
                values,
                sectors[plan.record["sector"]][1],
                agencies[plan.record["agency"]][1],
            )
            filled.append((plan, page, rows))
        _publish_all(filled, catalogue, f"translations.{language}: ")
        items = [
            Translated(source, translated_texts(page))
            for (_plan, source), (_, page, _rows) in zip(written, filled, strict=True)
        ]
        items.extend(
            Translated(source, {"name": obj.name})
            for source, obj in [*sectors.values(), *agencies.values()]
        )
        register(items, locale)
        self.touched.extend(
            with_rows(
                ProcedurePage.objects.filter(
                    locale=locale,
                    translation_key__in=[page.translation_key for _, page in written],
                )
            )
        )


def import_catalogue(data: Any, *, dry_run: bool = False) -> ImportReport:
    """Validate and import a parsed catalogue file. Raises CatalogueInvalid."""
    return CatalogueImporter(data, dry_run=dry_run).run()
