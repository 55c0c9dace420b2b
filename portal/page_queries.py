"""Page lookups every public page makes, at a fixed number of queries.

- :func:`public` is Wagtail's `.live().public()` without the extra query that
  `.public()` makes each time it is called (it loads every view restriction
  to build the filter); here the restriction check is a subquery.
- :func:`live_versions` is the page's live, public versions by language, one
  query per page and request, shared by the language switcher, hreflang
  links and anything else that needs them; kept in the chrome cache between
  requests (cleared on every publish, unpublish, move and view restriction
  change, cms_pages.signals).
- :func:`public_page_url` is the absolute URL of a page for use outside the site
  (hreflang, canonical, JSON-LD, sitemap, API), always on PUBLIC_BASE_URL.
"""

from __future__ import annotations

from django.core.cache import caches
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction

from portal.http import public_url

# As long as the chrome (cms_pages.templatetags.site_tags.CHROME_SECONDS):
# cleared with it on every change, so only another process without a shared
# cache keeps an old answer, for at most this long.
VERSIONS_SECONDS = 60


def public(pages: QuerySet) -> QuerySet:
    """Live pages with no view restriction on them or on an ancestor."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.live().filter(~Exists(restricted))


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
