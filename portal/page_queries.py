"""Page lookups every public page makes, at a fixed number of queries.

- :func:`public` is Wagtail's `.live().public()` without the extra query that
  `.public()` makes each time it is called (it loads every view restriction
  to build the filter); here the restriction check is a subquery.
- :func:`live_versions` is the page's live, public versions by language, one
  query per page and request, shared by the language switcher, hreflang
  links and anything else that needs them; kept in the chrome cache between
  requests (cleared on every publish, unpublish, move and view restriction
  change, cms_pages.signals).
- :func:`specific_child` is Wagtail's child lookup while routing, in one
  query instead of two once the process knows the child's page type.
- :func:`chosen_in_language` swaps objects an editor chose (menu links,
  home-page tiles) for their versions in the visitor's language, chosen and
  translated objects read together in one query.
- :func:`public_page_url` is the absolute URL of a page for use outside the site
  (hreflang, canonical, JSON-LD, sitemap, API), always on PUBLIC_BASE_URL.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    Model,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction

from portal.http import public_url

# As long as the chrome (cms_pages.templatetags.site_tags.CHROME_SECONDS):
# cleared with it on every change, so only another process without a shared
# cache keeps an old answer, for at most this long.
VERSIONS_SECONDS = 60


def restricted() -> Exists:
    """True for a page with a view restriction on it or on an ancestor (an
    expression for page querysets)."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def public(pages: QuerySet) -> QuerySet:
    """Live pages with no view restriction on them or on an ancestor."""
    return pages.live().filter(~restricted())


def with_view_check(pages: QuerySet) -> QuerySet:
    """`pages` annotated with what Wagtail's view-restriction check needs to
    know when it would find nothing: no restriction on the page's path and no
    alias on it (an alias takes its source's restrictions). Routing annotates
    the pages it reads, so serving them skips that check's query
    (cms_pages.models.base.BasePage.get_view_restrictions)."""
    aliased = Page.objects.filter(
        alias_of__isnull=False, path=Substr(OuterRef("path"), 1, Length("path"))
    )
    return pages.annotate(path_restricted=restricted(), path_aliased=Exists(aliased))


def live_versions(page: Page, request: HttpRequest | None = None) -> dict[str, Page]:
    """The live, public versions of `page` (itself included) by language code.

    Remembered on the request, so a page's switcher and alternates cost one
    query together, and in the chrome cache ("local"), so most requests cost
    none.
    """
    memo = getattr(request, "_page_versions", None) if request is not None else None
    if memo is not None and page.translation_key in memo:
        return memo[page.translation_key]
    key = f"page-versions:{page.translation_key}"
    versions = caches["local"].get(key)
    if versions is None:
        versions = {
            version.locale.language_code: version
            for version in public(
                Page.objects.filter(translation_key=page.translation_key)
            )
            .select_related("locale")
            .order_by("-locale__language_code")  # vi before en
        }
        caches["local"].set(key, versions, VERSIONS_SECONDS)
    if request is not None:
        if memo is None:
            memo = request._page_versions = {}
        memo[page.translation_key] = versions
    return versions


def public_page_url(page: Page, request: HttpRequest | None = None) -> str | None:
    """`page`'s address on PUBLIC_BASE_URL, or None when it has no route."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    return public_url(parts[2])


def chosen_in_language(
    queryset: QuerySet,
    ids: Iterable[int | None],
    locale_id: int | None,
    usable: Q | None = None,
) -> dict[int, Model]:
    """Each chosen object of `ids` by id, swapped for its translation in the
    locale `locale_id`
    when one exists and matches `usable` (e.g. `Q(live=True)`): the chosen
    objects and their translations in one query, whatever their number.

    A chosen object without such a translation stays itself, so a link or
    tile is never lost. `ids` are the raw ids a StreamField stores
    (`stream.raw_data`), so the chosen objects are not read a second time.
    """
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    model = queryset.model
    wanted = Q(pk__in=ids)
    if locale_id is not None:
        keys = model.objects.filter(pk__in=ids).values("translation_key")
        wanted |= Q(locale_id=locale_id, translation_key__in=keys) & (usable or Q())
    rows = list(
        queryset.filter(wanted).annotate(
            usable_translation=ExpressionWrapper(
                usable or Q(pk__isnull=False), output_field=BooleanField()
            )
        )
    )
    translations = {
        row.translation_key: row
        for row in rows
        if locale_id is not None
        and row.locale_id == locale_id
        and row.usable_translation
    }
    return {
        row.pk: translations.get(row.translation_key, row)
        for row in rows
        if row.pk in ids
    }


# The page type of each child page this process has routed to, by parent and
# slug: a hint, not data. A page never changes type, and a hint that no longer
# holds (the slug now names a page of another type) only costs the two
# queries Wagtail always makes; it never changes what is served. Bounded, as
# any cache: past CHILD_TYPE_HINTS entries new ones are not kept.
_child_types: dict[tuple[int, str], type[Page]] = {}
CHILD_TYPE_HINTS = 10_000


def specific_child(parent: Page, slug: str) -> Page | None:
    """`parent`'s child with this slug as its specific page type, or None,
    annotated for the view-restriction check (`with_view_check`).

    One query on the child's specific table when this process has routed to
    that child before; otherwise Wagtail's two (the page, then its specific
    row). A join of every page type the child may have would also make one
    query, but costs more CPU than the two.
    """
    hint = _child_types.get((parent.pk, slug))
    if hint is not None:
        try:
            return with_view_check(hint.objects.child_of(parent)).get(slug=slug)
        except hint.DoesNotExist:
            pass
    try:
        page = with_view_check(Page.objects.child_of(parent)).get(slug=slug)
    except Page.DoesNotExist:
        return None
    child = page.specific
    # Django leaves annotations on the row's own instance.
    child.path_restricted, child.path_aliased = page.path_restricted, page.path_aliased
    if len(_child_types) < CHILD_TYPE_HINTS:
        _child_types[(parent.pk, slug)] = type(child)
    return child


def specific_children(parent: Page, models: Iterable[type[Page]]) -> list[Page]:
    """`parent`'s live children of these page types (each extending Page
    directly) as their specific pages, in tree order: one query."""
    links = {
        model: model._meta.parents[Page].remote_field.get_accessor_name()
        for model in models
    }
    of_types = Q()
    for link in links.values():
        of_types |= Q(**{f"{link}__isnull": False})
    rows = Page.objects.live().child_of(parent).filter(of_types)
    return [_specific(row, links) for row in rows.select_related(*links.values())]


def _specific(page: Page, links: dict[type[Page], str]) -> Page:
    """`page` as its specific type, read through its joined link when it has one."""
    link = links.get(page.specific_class)
    if link is not None:
        try:
            return getattr(page, link)
        except ObjectDoesNotExist:
            pass
    return page.specific
