"""Purging the front cache (Varnish) when content changes.

`wagtail.contrib.frontend_cache` does the sending: its purge task runs on the
worker, after the change is committed (portal.tasks), and calls the backend
below once per batch. This module decides *what* a change affects:

- a page published, unpublished (also before a delete) or moved: the page and
  its descendants in every language (each translation's own URL), its
  ancestors (listings: home, catalogue), the pages that link to it (Wagtail's
  reference index), the search page, the sitemap and the public JSON API;
- a snippet or setting that shows on many pages (menus, banners, sectors,
  agencies, centre details): the whole site, with one ban;
- an e-form (shown by the procedure API, not by pages): the public JSON API;
- inside a bulk write (`cms_pages.bulk_writes`: the catalogue import), a
  page published or unpublished or a site-wide snippet saved: the whole site,
  once, when the batch ends (an e-form: the API, once).

Wagtail's own app (`wagtail.contrib.frontend_cache`) is not installed: its
one handler purged a published page's own URL, which the purge here covers.

Each purge is a BAN of a regular expression over the cached URLs, so every
query-string variant of a listing (`?sector=…&page=2`) goes too; see
deploy/varnish/portal.vcl.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from cms_pages import bulk_writes
from portal.tasks import enqueue_on_commit

logger = logging.getLogger(__name__)

# Everything but static files (their names change with their content).
SITE_WIDE_PATTERN = r"^/(?!static/)"
# Snippets and settings shown on many pages: an edit bans the whole site.
SITE_WIDE_MODELS = (
    "cms_pages.NavigationMenu",
    "cms_pages.AlertBanner",
    "cms_pages.Sector",
    "cms_pages.Agency",
    "cms_pages.CentreSettings",
    # Which procedures show "Book a visit" (and the booking finder lists).
    "appointments.Counter",
)

# Snippets only the public JSON API shows (the procedure record's `form`):
# an edit bans the API, not the pages.
API_MODELS = ("eforms.EForm",)


class VarnishBackend(HTTPBackend):
    """Wagtail front-cache backend for deploy/varnish/portal.vcl: one BAN per
    batch, covering each URL with any query string."""

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls: Iterable[str]) -> None:
        paths = sorted(
            {quote(urlsplit(url).path or "/", safe="/%:@!$&'()*+,;=~") for url in urls}
        )
        if paths:
            self.ban("^(" + "|".join(re.escape(path) for path in paths) + r")(\?.*)?$")

    def ban(self, pattern: str) -> None:
        """Drop every cached URL (path and query) that matches `pattern`."""
        location = urlunsplit((self.cache_scheme, self.cache_netloc, "/", "", ""))
        request = Request(  # noqa: S310 - the configured cache URL
            location, method="BAN", headers={"X-Ban-Url": pattern}
        )
        try:
            with urlopen(request, timeout=5) as response:  # noqa: S310 - configured URL
                response.read()
        except OSError as error:
            # The task fails and its result records why; the TTL bounds the damage.
            logger.error("Could not ban %r on %s: %s", pattern, location, error)
            raise


@task()
def ban_site_task() -> None:
    """Drop every cached page and API answer (static files stay)."""
    for backend in get_backends().values():
        if isinstance(backend, VarnishBackend):
            backend.ban(SITE_WIDE_PATTERN)


def front_cache_enabled() -> bool:
    """True when FRONTEND_CACHE_URL names at least one cache to purge."""
    return bool(get_backends())


# Answers built from many pages (search results, procedure records): every
# URL under these goes when any page changes.
SERVICE_PREFIXES = ("/api/",)


def _service_paths() -> list[str]:
    """Pages built from many pages at once, in every language."""
    paths = ["/sitemap.xml"]
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("search"))
    return paths


def page_urls(page: Page) -> set[str]:
    """Every URL whose content shows `page`: see the module docstring."""
    batch = PurgeBatch()
    related: list[Page] = [page]
    for translation_page in page.get_translations(inclusive=True):
        related.append(translation_page)
        related.extend(translation_page.get_ancestors().filter(depth__gt=1))
    for reference in ReferenceIndex.get_references_to(page).group_by_source_object():
        source = reference[0]
        if isinstance(source, Page):
            related.append(source)
    batch.add_pages(related)
    urls = set(batch.urls)
    site = page.get_site()
    site_root = site.root_url if site is not None else ""
    urls.update(site_root + path for path in _service_paths())
    return urls


def subtree_urls(page: Page) -> set[str]:
    """The URL prefixes of `page` and everything under it, in every language."""
    return {
        url
        for translation_page in page.get_translations(inclusive=True)
        if (url := translation_page.get_full_url()) is not None
    }


def purge_urls(urls: Iterable[str], subtree: Iterable[str] = ()) -> None:
    """Queue a purge of `urls` (exactly) and of everything under `subtree`."""
    urls = set(urls)
    backends = get_backends()
    if not backends or not (urls or subtree):
        return
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    if urls:
        enqueue_on_commit(purge_urls_from_cache_task, sorted(urls))
    prefixes = sorted({urlsplit(url).path for url in subtree} | set(SERVICE_PREFIXES))
    enqueue_on_commit(ban_prefixes_task, prefixes)


@task()
def ban_prefixes_task(prefixes: list[str]) -> None:
    """Drop every cached URL under each path prefix (a moved or deleted subtree)."""
    pattern = (
        "^("
        + "|".join(re.escape(quote(prefix, safe="/%")) for prefix in prefixes)
        + ")"
    )
    for backend in get_backends().values():
        if isinstance(backend, VarnishBackend):
            backend.ban(pattern)


# --- signal handlers -------------------------------------------------------------

_moves = threading.local()


def queue_site_ban() -> None:
    """Ban every cached page and API answer once the change commits."""
    enqueue_on_commit(ban_site_task)


def on_page_changed(sender, instance: Page, **kwargs) -> None:
    """Published or unpublished (Wagtail unpublishes a live page before deleting it).

    Inside a bulk write (the catalogue import publishes thousands of pages)
    the URLs of each page are not worked out: the batch bans the whole site
    once when it ends, one BAN instead of two purges per page.
    """
    if not front_cache_enabled() or bulk_writes.defer(queue_site_ban):
        return
    purge_urls(page_urls(instance), subtree=subtree_urls(instance))


def on_page_moving(sender, instance: Page, **kwargs) -> None:
    """Note the URLs the page has before it moves; purged once it has moved."""
    if front_cache_enabled():
        pending = getattr(_moves, "pending", {})
        pending[instance.pk] = (page_urls(instance), subtree_urls(instance))
        _moves.pending = pending


def on_page_moved(sender, instance: Page, **kwargs) -> None:
    if not front_cache_enabled():
        return
    before_urls, before_subtree = getattr(_moves, "pending", {}).pop(
        instance.pk, (set(), set())
    )
    purge_urls(
        before_urls | page_urls(instance),
        subtree=before_subtree | subtree_urls(instance),
    )


def on_slug_changed(sender, instance: Page, instance_before: Page, **kwargs) -> None:
    """The old URL (and everything under it) now answers 404 or a redirect."""
    if front_cache_enabled() and (old_url := instance_before.get_full_url()):
        purge_urls(page_urls(instance), subtree={old_url})


def on_site_wide_change(sender, **kwargs) -> None:
    """A menu, banner, sector, agency or the centre's details changed (one ban
    per bulk write, not one per saved object)."""
    if front_cache_enabled() and not bulk_writes.defer(queue_site_ban):
        queue_site_ban()


def queue_api_ban() -> None:
    """Ban every cached answer of the public JSON API once the change commits."""
    enqueue_on_commit(ban_prefixes_task, list(SERVICE_PREFIXES))


def on_api_change(sender, **kwargs) -> None:
    """An e-form changed: the procedure records that carry it are stale (one
    ban per bulk write, not one per saved form)."""
    if front_cache_enabled() and not bulk_writes.defer(queue_api_ban):
        queue_api_ban()


def on_counter_links_changed(sender, action: str, **kwargs) -> None:
    """A counter given (or relieved of) an agency or sector: which procedures
    show "Book a visit" changed, though the counter itself was not saved."""
    if action.startswith("post_"):
        on_site_wide_change(sender)


def connect() -> None:
    """Hook the purges to Wagtail's page signals and the models they follow."""
    page_published.connect(on_page_changed, dispatch_uid="front-cache-published")
    page_unpublished.connect(on_page_changed, dispatch_uid="front-cache-unpublished")
    pre_page_move.connect(on_page_moving, dispatch_uid="front-cache-moving")
    post_page_move.connect(on_page_moved, dispatch_uid="front-cache-moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="front-cache-slug")
    for labels, handler in (
        (SITE_WIDE_MODELS, on_site_wide_change),
        (API_MODELS, on_api_change),
    ):
        for label in labels:
            model = apps.get_model(label)
            for signal, kind in ((post_save, "save"), (post_delete, "del")):
                signal.connect(
                    handler, sender=model, dispatch_uid=f"front-cache-{kind}-{label}"
                )
    counter = apps.get_model("appointments", "Counter")
    for through in (counter.agencies.through, counter.sectors.through):
        m2m_changed.connect(
            on_counter_links_changed,
            sender=through,
            dispatch_uid=f"front-cache-m2m-{through.__name__}",
        )
