"""Sectors and agencies the imported procedures point at, in every language.

Vietnamese ones are found by name or created; translated ones are Wagtail
translations of them (same translation_key, other locale, made with
`copy_for_translation`), named as `catalogue_names.resolve_names` decided.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from wagtail.models import Locale

from cms_pages.snippets import Agency, Sector
from portal.text import ascii_slug

Snippet = Sector | Agency
SLUG_MAX_LENGTH = 100


def unique_slug(slug: str, taken: set[str], max_length: int) -> str:
    """`slug`, or `slug-2`, `slug-3`… cut to `max_length`; remembered in `taken`."""
    candidate, n = slug, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = slug[: max_length - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def source_snippets(
    model: type[Snippet], names: Iterable[str], locale: Locale, touched: list
) -> dict[str, Snippet]:
    """Source-language sectors or agencies by name, created when missing."""
    names = set(names)
    found = {
        obj.name: obj for obj in model.objects.filter(locale=locale, name__in=names)
    }
    slugs = set(model.objects.filter(locale=locale).values_list("slug", flat=True))
    for name in sorted(names - set(found)):
        slug = unique_slug(ascii_slug(name, SLUG_MAX_LENGTH) or "x", slugs, 100)
        found[name] = model.objects.create(name=name, slug=slug, locale=locale)
        touched.append(found[name])
    return found


def translated_snippets(
    sources: Mapping[str, Snippet],
    names: Mapping[str, str],
    locale: Locale,
    touched: list,
) -> dict[str, tuple[Snippet, Snippet]]:
    """(source, translation) of each given source snippet, keyed by source name.

    The translation is created when missing and renamed when the chosen name
    (`names`, default: the source name) differs; `touched` gets what was saved.
    """
    if not sources:
        return {}
    model = type(next(iter(sources.values())))
    by_key = {
        obj.translation_key: obj
        for obj in model.objects.filter(
            locale=locale,
            translation_key__in=[obj.translation_key for obj in sources.values()],
        )
    }
    result = {}
    for source_name, source in sorted(sources.items()):
        wanted = names.get(source_name) or source_name
        obj = by_key.get(source.translation_key)
        if obj is None:
            obj = source.copy_for_translation(locale)
        if obj.pk is None or obj.name != wanted:
            obj.name = wanted
            obj.save()
            touched.append(obj)
        result[source_name] = (source, obj)
    return result
