"""A procedure's code is unique within its language, in any letter case.

`ProcedurePage.clean()` asks `code_taken_by()` on every full validation (each
publish). The catalogue import publishes thousands of pages in one bulk write:
`vouch_for_codes()` answers the same question for all of them in one query
per language and vouches for the pages that pass (`cms_pages.bulk_writes`),
so their `clean()` need not ask again. A page whose code is taken is not
vouched for: its own check refuses it with the usual message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

from django.db.models.functions import Upper

from cms_pages.bulk_writes import vouch, vouched

if TYPE_CHECKING:
    from cms_pages.models import ProcedurePage


def _check(page: ProcedurePage) -> Hashable:
    """What the answer for `page` depends on."""
    return ("procedure-code", page.locale_id, page.code.upper(), page.translation_key)


def code_taken_by(page: ProcedurePage) -> str | None:
    """The title of another procedure of the page's language with its code
    (in any letter case), or None. Translations of the page do not count."""
    if vouched(_check(page)):
        return None
    # Only the title: reading whole pages here cost a multi-table row per
    # publish. The `Upper(code)` index answers it.
    return (
        type(page)
        .objects.filter(code__iexact=page.code, locale_id=page.locale_id)
        .exclude(pk=page.pk)
        .exclude(translation_key=page.translation_key)
        .values_list("title", flat=True)
        .first()
    )


def vouch_for_codes(pages: Sequence[ProcedurePage]) -> None:
    """Inside a bulk write: check the codes of `pages` in one query per
    language, and vouch for each page no other procedure's code clashes with.

    Codes outside ASCII are left to `code_taken_by` (Python's and PostgreSQL's
    letter cases agree on ASCII, which is all the catalogue format allows).
    """
    by_locale: dict[Any, list[ProcedurePage]] = defaultdict(list)
    for page in pages:
        if page.code and page.code.isascii():
            by_locale[page.locale_id].append(page)
    for locale_id, group in by_locale.items():
        taken: dict[str, set[Any]] = defaultdict(set)
        found = (
            type(group[0])
            .objects.filter(locale_id=locale_id)
            .annotate(code_upper=Upper("code"))
            .filter(code_upper__in={page.code.upper() for page in group})
            .values_list("code_upper", "translation_key")
        )
        for code, key in found:
            taken[code].add(key)
        for page in group:
            if taken[page.code.upper()] <= {page.translation_key}:
                vouch(_check(page))
