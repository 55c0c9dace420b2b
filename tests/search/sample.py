"""Load the sample catalogue for search tests.

Uses the project's importer (`import_procedures`) when it exists, so the
tests search exactly what an import produces; until then, a small loader that
creates the same pages (Vietnamese, plus English translations).
"""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands

SAMPLE = Path(settings.BASE_DIR) / "demo" / "sample-procedures.json"
QUERIES = Path(settings.BASE_DIR) / "demo" / "sample-queries.json"


def load_sample_catalogue(limit: int | None = None) -> None:
    """The demo site tree and the 45 sample procedures (published)."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from demo.site import load_site

    load_site(_Null())
    if "import_procedures" in get_commands() and limit is None:
        call_command("import_procedures", str(SAMPLE), stdout=_Null())
        return
    # Wagtail's reference index (used for "usage" in the admin) is irrelevant
    # here and triples the loading time.
    with disable_reference_index_auto_update():
        records = json.loads(SAMPLE.read_text(encoding="utf-8"))
        for record in records[:limit]:
            create_procedure(record)


def create_procedure(record: dict):
    from wagtail.models import Locale

    from cms_pages.models import (
        Agency,
        ProcedureDocument,
        ProcedureIndexPage,
        ProcedureLegalBasis,
        ProcedurePage,
        ProcedureStep,
        Sector,
    )
    from portal.text import ascii_slug

    vi = Locale.objects.get(language_code="vi")
    catalogue = ProcedureIndexPage.objects.get(locale=vi)
    sector, _ = Sector.objects.get_or_create(name=record["sector"], locale=vi)
    agency, _ = Agency.objects.get_or_create(name=record["agency"], locale=vi)
    page = ProcedurePage(
        title=record["name"][:255],
        full_name=record["name"] if len(record["name"]) > 255 else "",
        slug=ascii_slug(f"{record['code']} {record['name']}", 80),
        code=record["code"],
        sector=sector,
        agency=agency,
        level=record["level"],
        online_service=record["online_service"],
        processing_time_days=Decimal(str(record["processing_time_days"])),
        processing_time_note=record.get("processing_time_note", ""),
        requirements=record.get("requirements", ""),
        result=record["result"],
        keywords="\n".join(record.get("keywords", [])),
        locale=vi,
    )
    for i, doc in enumerate(record["documents"]):
        page.documents.add(
            ProcedureDocument(
                name=doc["name"],
                originals=doc.get("originals"),
                copies=doc.get("copies"),
                required=doc.get("required", True),
                note=doc.get("note", ""),
                template_name=doc.get("template", "")[:300],
                sort_order=i,
                locale=vi,
            )
        )
    for i, text in enumerate(record["steps"]):
        page.steps.add(ProcedureStep(text=text, sort_order=i, locale=vi))
    for i, text in enumerate(record.get("legal_basis", [])):
        page.legal_bases.add(ProcedureLegalBasis(text=text, sort_order=i, locale=vi))
    catalogue.add_child(instance=page)
    page.save_revision().publish()
    for language, fields in (record.get("translations") or {}).items():
        locale = Locale.objects.get(language_code=language)
        translated = page.copy_for_translation(locale, copy_parents=True)
        translated.title = fields.get("name", page.title)[:255]
        translated.result = fields.get("result", page.result)
        if "sector" in fields:
            translated.sector, _ = Sector.objects.get_or_create(
                name=fields["sector"],
                locale=locale,
                defaults={"translation_key": sector.translation_key},
            )
        if "agency" in fields:
            translated.agency, _ = Agency.objects.get_or_create(
                name=fields["agency"],
                locale=locale,
                defaults={"translation_key": agency.translation_key},
            )
        translated.save()
        for step, text in zip(
            translated.steps.all(), fields.get("steps", []), strict=False
        ):
            step.text = text
            step.save()
        for doc, name in zip(
            translated.documents.all(), fields.get("documents", []), strict=False
        ):
            doc.name = name
            doc.save()
        translated.save_revision().publish()
    return page


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
