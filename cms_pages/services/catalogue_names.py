"""The names sectors and agencies carry in each translated language.

A sector (or agency) is shared by many procedures, so its English name is
decided once for the whole file: the name the site already has wins, then the
first record that gives one. A record that gives another name is imported all
the same, with a warning that names both records (national exports do that:
"Provincial Police" in one record, "Provincial Police (Immigration Division)"
in the next).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wagtail.models import Locale

from cms_pages.snippets import Agency, Sector

from .catalogue_format import Record, SnippetNames
from .catalogue_validation import Problem

KINDS: dict[str, type[Sector] | type[Agency]] = {"sector": Sector, "agency": Agency}


@dataclass(frozen=True)
class _Origin:
    """Where a chosen name came from: a record of the file, or the site."""

    name: str
    index: int | None = None


def _site_names(
    model: type[Sector] | type[Agency], source: Locale, language: str
) -> dict[str, str]:
    """Existing translations: Vietnamese name → name in `language`."""
    source_names = dict(
        model.objects.filter(locale=source).values_list("translation_key", "name")
    )
    return {
        source_names[key]: name
        for key, name in model.objects.filter(
            locale__language_code=language, translation_key__in=list(source_names)
        ).values_list("translation_key", "name")
    }


def _conflict(
    index: int, record: Record, where: str, given: str, kept: _Origin, kind: str
) -> Problem:
    if kept.index is None:
        earlier = f"the name the site already has for the {kind}"
    else:
        earlier = f"given for the same {kind} in record #{kept.index}"
    return Problem(
        index,
        record["code"],
        f'{where}: "{given}" differs from "{kept.name}", {earlier} '
        f'"{record[kind]}"; "{kept.name}" is kept',
    )


def resolve_names(
    records: Sequence[Record], languages: Sequence[str], source: Locale
) -> tuple[dict[str, SnippetNames], list[Problem]]:
    """Per language, the name of every sector and agency; warnings for clashes.

    `records` are in file order (their position is the index in warnings).
    """
    names: dict[str, SnippetNames] = {}
    warnings: list[Problem] = []
    for language in languages:
        chosen = SnippetNames()
        for kind, model in KINDS.items():
            target = chosen.sectors if kind == "sector" else chosen.agencies
            origins = {
                vi: _Origin(name)
                for vi, name in _site_names(model, source, language).items()
            }
            for index, record in enumerate(records):
                given = ((record.get("translations") or {}).get(language) or {}).get(
                    kind
                )
                if not given:
                    continue
                kept = origins.setdefault(record[kind], _Origin(given, index))
                if kept.name != given:
                    where = f"translations.{language}.{kind}"
                    warnings.append(_conflict(index, record, where, given, kept, kind))
            target.update({vi: origin.name for vi, origin in origins.items()})
        names[language] = chosen
    return names, sorted(warnings, key=lambda p: p.index or 0)
