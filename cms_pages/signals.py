"""Keep the site chrome cache (menus, banners, centre details, languages) and
the rendered page fragments (cms_pages.fragments) in step with edits: per
process without CACHE_URL, shared by every process with it (see
portal.settings.base.cache_settings)."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms_pages.chrome import AlertBanner, NavigationMenu
from cms_pages.models import Agency, CentreSettings, Sector
from cms_pages.templatetags.site_tags import chrome_cache


def clear_chrome(**kwargs) -> None:
    """Every page renders its chrome from fresh data once the change commits.

    Cleared at once (so the rest of this transaction, e.g. a preview or a
    test, sees the change) and again on commit (a request in between could
    have cached the old data again).
    """
    chrome_cache().clear()
    transaction.on_commit(chrome_cache().clear)


def clear_on_page_save(sender, instance, **kwargs) -> None:
    """A page saved outside publishing (a script, a fixture) clears it too.

    Connected for every sender: page types are many, and an isinstance check
    costs nothing next to the save itself.
    """
    if isinstance(instance, Page):
        clear_chrome()


# What fragments show besides the page's own fields: the chrome, the sector
# and agency names, document and image links, and whether a page is public.
CHROME_MODELS = (
    AlertBanner,
    NavigationMenu,
    CentreSettings,
    Locale,
    Sector,
    Agency,
    PageViewRestriction,
)


def connect() -> None:
    # The procedure page's "Book a visit" button depends on the counters that
    # take bookings (portal.appointments, an app this one does not import).
    counter = apps.get_model("appointments", "Counter")
    models = (*CHROME_MODELS, counter, get_document_model(), get_image_model())
    for model in models:
        post_save.connect(
            clear_chrome, sender=model, dispatch_uid=f"chrome-save-{model.__name__}"
        )
        post_delete.connect(
            clear_chrome, sender=model, dispatch_uid=f"chrome-del-{model.__name__}"
        )
    post_save.connect(clear_on_page_save, dispatch_uid="chrome-page-save")
    # Menu links, listings and related procedures show the titles and URLs of
    # other pages; Wagtail sends page_unpublished before deleting a live page.
    page_published.connect(clear_chrome, dispatch_uid="chrome-published")
    page_unpublished.connect(clear_chrome, dispatch_uid="chrome-unpublished")
    post_page_move.connect(clear_chrome, dispatch_uid="chrome-moved")
