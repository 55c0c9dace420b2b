"""Import of a procedure catalogue file (see `demo/procedures.schema.json`).

The flow: validate the whole file (schema and business rules) → compare every
record's canonical form with what the database holds → in one transaction,
create or update the Vietnamese procedure pages that differ, then their
translations through wagtail-localize (TranslationSource → StringTranslation →
create_or_update_translation), so editors can keep translating and syncing them
in the admin. Records that would change nothing are not touched: no revision,
no publish, no index update.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

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

TOOL_NAME = "import_procedures"


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
            with transaction.atomic():
                self._write(plans)
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
        self.sectors = self._snippets(Sector, {p.record["sector"] for p in plans})
        self.agencies = self._snippets(Agency, {p.record["agency"] for p in plans})
        self.sibling_slugs = set(
            Page.objects.child_of(self.catalogue).values_list("slug", flat=True)
        )
        written: list[tuple[_Plan, ProcedurePage]] = []
        for plan in plans:
            try:
                written.append((plan, self._write_page(plan)))
            except ValidationError as error:
                raise CatalogueInvalid(
                    [Problem(plan.index, plan.record["code"], _validation_text(error))]
                ) from error
        for lang in self.languages:
            locale, _ = Locale.objects.get_or_create(language_code=lang)
            translated = [
                (plan, page)
                for plan, page in written
                if lang in (plan.canonical.get("translations") or {})
            ]
            if not translated:
                continue
            self._translate_snippets(
                Sector,
                self.sectors,
                {p.record["sector"] for p, _ in translated},
                self.names[lang].sectors,
                locale,
            )
            self._translate_snippets(
                Agency,
                self.agencies,
                {p.record["agency"] for p, _ in translated},
                self.names[lang].agencies,
                locale,
            )
            for plan, page in translated:
                try:
                    self._translate_page(plan, page, lang, locale)
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

    def _snippets(
        self, model: type[Sector] | type[Agency], names: Iterable[str]
    ) -> dict:
        """Source-language sectors or agencies by name, created when missing."""
        found = {
            obj.name: obj
            for obj in model.objects.filter(locale=self.vi, name__in=list(names))
        }
        slugs = set(model.objects.filter(locale=self.vi).values_list("slug", flat=True))
        for name in sorted(set(names) - set(found)):
            slug = _unique(ascii_slug(name, 100) or "x", slugs, 100)
            found[name] = model.objects.create(name=name, slug=slug, locale=self.vi)
        return found

    def _write_page(self, plan: _Plan) -> ProcedurePage:
        record = plan.canonical
        page = plan.page
        if page is None:
            slug = _unique(
                slug_for(record["code"], record["name"]), self.sibling_slugs, 80
            )
            page = ProcedurePage(locale=self.vi, slug=slug)
        _apply_fields(
            page,
            record,
            self.sectors[record["sector"]],
            self.agencies[record["agency"]],
        )
        if page.pk is None:
            self.catalogue.add_child(instance=page)
        page.save_revision(clean=True).publish()
        return page

    def _translate_snippets(
        self,
        model: type[Sector] | type[Agency],
        source_objects: Mapping[str, Any],
        used: Iterable[str],
        names: Mapping[str, str],
        locale: Locale,
    ) -> None:
        """Make sure each used snippet has a translation named as the file says."""
        used = sorted(used)
        keys = {source_objects[name].translation_key: name for name in used}
        current = {
            obj.translation_key: obj.name
            for obj in model.objects.filter(
                locale=locale, translation_key__in=list(keys)
            )
        }
        for key, source_name in keys.items():
            wanted = names.get(source_name) or source_name
            if current.get(key) == wanted:
                continue
            source_obj = source_objects[source_name]
            self._localize(source_obj, locale, {"name": wanted})

    def _translate_page(
        self, plan: _Plan, page: ProcedurePage, lang: str, locale: Locale
    ) -> None:
        values = translated_values(
            plan.canonical, plan.canonical["translations"][lang], self.names[lang]
        )
        name = values["name"]
        # Fresh from the database: the rows as published, with their keys.
        page = ProcedurePage.objects.prefetch_related("steps", "documents").get(
            pk=page.pk
        )
        wanted: dict[str, str] = {
            "title": title_for(name),
            "slug": slug_for(page.code, name),
            "result": values["result"],
            "requirements": values["requirements"],
        }
        for step, text in zip(page.steps.all(), values["steps"], strict=False):
            wanted[f"steps.{step.translation_key}.text"] = text
        for doc, text in zip(page.documents.all(), values["documents"], strict=False):
            wanted[f"documents.{doc.translation_key}.name"] = text
        translated = self._localize(page, locale, wanted)
        full_name = name if len(name) > TITLE_MAX_LENGTH else ""
        if translated.full_name != full_name:
            # The source may have no full name to translate (or one the
            # translation does not need): set it on the translation itself.
            translated.full_name = full_name
            translated.save_revision(clean=False)
        translated.get_latest_revision().publish()

    def _localize(
        self, instance: Any, locale: Locale, wanted: Mapping[str, str]
    ) -> Any:
        """Translate `instance` into `locale` the way wagtail-localize does.

        The source is (re)extracted, the given segment paths get imported
        translations (or lose stale ones when the value equals the source),
        and the translation is (re)built with fallbacks for everything else.
        """
        source, _ = TranslationSource.update_or_create_from_instance(instance)
        Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        for segment in StringSegment.objects.filter(source=source).select_related(
            "context", "string"
        ):
            path = segment.context.path
            if path not in wanted:
                continue
            text = wanted[path]
            source_text = StringValue(segment.string.data).render_text()
            existing = StringTranslation.objects.filter(
                translation_of=segment.string, locale=locale, context=segment.context
            )
            if not text or text == source_text:
                existing.delete()
                continue
            data = StringValue.from_plaintext(text).data
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": TOOL_NAME,
                    "has_error": False,
                    "field_error": "",
                },
            )
        # Pages: publish=False, because wagtail-localize would publish on
        # commit; the caller publishes inside the import's transaction.
        # Snippets have no drafts and must be "published".
        translated, _ = source.create_or_update_translation(
            locale,
            publish=not isinstance(instance, Page),
            fallback=True,
            copy_parent_pages=True,
        )
        return translated


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
