"""What the procedure page shows besides its own fields: its rows (fees,
documents, steps, legal bases) marked with what is not translated yet, the
fee summary, the source-language notice and the related procedures.

Each is read on first use only. The template renders them inside fragments
cached on the page's live revision (templates/pages/procedure_page.html), so
a render from warm fragments reads none of them, and every edit that could
change one clears those fragments (cms_pages.signals).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from cms_pages.fees import FeeSummary, summarise_fees
from cms_pages.models.catalogue import ProcedureDocument, ProcedurePage
from cms_pages.translation_gaps import TranslationGaps, procedure_gaps, source_page

ROW_NAMES = ("fees", "steps", "legal_bases", "documents")


def prefetch_rows(page: ProcedurePage) -> ProcedurePage:
    """Read the page's rows in one query each, whatever their number, with
    those of the page it translates (the gaps compare them); a second call
    reads nothing (the template, the gaps and the JSON-LD share the same row
    objects)."""
    if "fees" not in getattr(page, "_prefetched_objects_cache", {}):
        source, _language = source_page(page)
        prefetch_related_objects(
            [page] if source is None else [page, source],
            "fees",
            "steps",
            "legal_bases",
            Prefetch(
                "documents",
                queryset=ProcedureDocument.objects.select_related("template_file"),
            ),
        )
    return page


class ProcedureSections:
    """The procedure page's computed sections, each read on first use."""

    def __init__(self, page: ProcedurePage):
        self.page = page

    @cached_property
    def gaps(self) -> TranslationGaps:
        """The untranslated texts; marks each row with an `untranslated` set,
        so every row the template reads comes through here first (`rows`)."""
        return procedure_gaps(prefetch_rows(self.page))

    def rows(self, name: str) -> list[Any]:
        """The page's `name` rows (see ROW_NAMES), marked by `gaps`."""
        self.gaps  # noqa: B018 (marks the rows)
        return list(getattr(self.page, name).all())

    @cached_property
    def fee_summary(self) -> FeeSummary:
        return summarise_fees(self.rows("fees"))

    @cached_property
    def source_language_notice(self) -> bool:
        """On a translation, until every string is translated some details
        are in Vietnamese only."""
        from portal.editorial.translations import fully_translated

        if get_language() == settings.LANGUAGE_CODE:
            return False
        return not fully_translated(self.page)

    @cached_property
    def related_procedures(self) -> list[ProcedurePage]:
        from cms_pages.queries import related_procedures

        return related_procedures(self.page)

    def context(self) -> dict[str, Any]:
        """The template's names for these, each a lazy object."""
        context: dict[str, Any] = {
            name: SimpleLazyObject(lambda name=name: self.rows(name))
            for name in ROW_NAMES
        }
        for name in (
            "gaps",
            "fee_summary",
            "source_language_notice",
            "related_procedures",
        ):
            context[name] = SimpleLazyObject(lambda name=name: getattr(self, name))
        return context
