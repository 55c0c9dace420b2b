"""Keep the site chrome cache (menus, banners, centre details, languages) in
step with edits: per process without CACHE_URL, shared by every process with
it (see portal.settings.base.cache_settings); and Wagtail's search index with
bulk-written pages (`bulk_writes`)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms_pages import bulk_writes
from cms_pages.chrome import AlertBanner, NavigationMenu
from cms_pages.models import CentreSettings
from cms_pages.templatetags.site_tags import chrome_cache


def clear_chrome(**kwargs) -> None:
    """Every page renders its chrome from fresh data once the change commits
    (clearing earlier would let a request cache the old data again)."""
    transaction.on_commit(chrome_cache().clear)


def connect() -> None:
    bulk_writes.connect_search_handlers()
    for model in (AlertBanner, NavigationMenu, CentreSettings, Locale):
        post_save.connect(
            clear_chrome, sender=model, dispatch_uid=f"chrome-save-{model.__name__}"
        )
        post_delete.connect(
            clear_chrome, sender=model, dispatch_uid=f"chrome-del-{model.__name__}"
        )
    # Menu links show the titles and URLs of the pages they point at.
    page_published.connect(clear_chrome, dispatch_uid="chrome-published")
    page_unpublished.connect(clear_chrome, dispatch_uid="chrome-unpublished")
    post_page_move.connect(clear_chrome, dispatch_uid="chrome-moved")
