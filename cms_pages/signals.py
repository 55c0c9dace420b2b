"""Keep the per-process site chrome cache (menus, banners) in step with edits,
and Wagtail's search index with bulk-written pages (`bulk_writes`)."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms_pages import bulk_writes
from cms_pages.chrome import AlertBanner, NavigationMenu
from cms_pages.templatetags.site_tags import chrome_cache


def clear_chrome(**kwargs) -> None:
    """Menus and banners render from fresh data on this process's next request."""
    chrome_cache().clear()


def connect() -> None:
    bulk_writes.connect_search_handlers()
    for model in (AlertBanner, NavigationMenu):
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
