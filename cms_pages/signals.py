"""Keep the site chrome cache (menus, banners, centre details, languages) and
the rendered page fragments (templates/pages/*.html, `{% cache %}`) in step
with edits: per process without CACHE_URL, shared by every process with it
(see portal.settings.base.cache_settings); and Wagtail's search index with
bulk-written pages (`bulk_writes`)."""

from django.apps import apps
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cms_pages import bulk_writes
from cms_pages.chrome import AlertBanner, NavigationMenu
from cms_pages.models import (
    Agency,
    CentreSettings,
    ProcedureDocument,
    ProcedureFee,
    ProcedureLegalBasis,
    ProcedureStep,
    Sector,
)
from cms_pages.templatetags.site_tags import chrome_cache


def clear_chrome(**kwargs) -> None:
    """Every page renders its chrome from fresh data once the change commits.

    Cleared at once (so the rest of this transaction, e.g. a preview or a
    test, sees the change) and again on commit (a request in between could
    have cached the old data again). Inside a bulk write (the catalogue
    import saves thousands of rows, each a FLUSHDB under Redis) both happen
    once, when the batch ends.
    """
    if bulk_writes.defer(_clear_now_and_on_commit):
        return
    _clear_now_and_on_commit()


def _clear_now_and_on_commit() -> None:
    chrome_cache().clear()
    transaction.on_commit(chrome_cache().clear)


def clear_on_page_save(sender, instance, **kwargs) -> None:
    """A page saved outside publishing (a script, a fixture) clears it too.

    Connected for every sender: page types are many, and an isinstance check
    costs nothing next to the save itself.
    """
    if isinstance(instance, Page):
        clear_chrome()


def clear_on_public_question(sender, instance, **kwargs) -> None:
    """A question shows on its procedure's page once answered and published.

    It can only become public, stop being public or have its public text
    edited while it is answered (portal.questions.workflow: moderation keeps
    the status), so saving or deleting an answered question clears the
    fragments, and the many saves before the answer do not.
    """
    if instance.status == "answered":
        clear_chrome()


# What fragments show besides the page's own fields: the chrome, the sector
# and agency names, the procedure's rows, document and image links, and
# whether a page is public.
CHROME_MODELS = (
    AlertBanner,
    NavigationMenu,
    CentreSettings,
    Locale,
    Sector,
    Agency,
    PageViewRestriction,
    ProcedureFee,
    ProcedureDocument,
    ProcedureStep,
    ProcedureLegalBasis,
)


def other_apps_models() -> tuple[type[Model], ...]:
    """Models of apps this one does not import whose rows the procedure page
    shows: the counters behind its "Book a visit" button (portal.appointments)
    and the e-form it links to (portal.eforms; publishing or unpublishing
    that snippet saves it)."""
    return (
        apps.get_model("appointments", "Counter"),
        apps.get_model("eforms", "EForm"),
    )


def translation_models() -> tuple[type[Model], ...]:
    """wagtail-localize's record of what is translated: the procedure page's
    source-language notice depends on it (portal.editorial.translations
    .fully_translated), and translating a string does not publish the page."""
    return (TranslationSource, Translation, StringSegment, StringTranslation)


def connect() -> None:
    bulk_writes.connect_search_handlers()
    models = (*CHROME_MODELS, *other_apps_models(), *translation_models())
    models += (get_document_model(), get_image_model())
    for model in models:
        post_save.connect(
            clear_chrome, sender=model, dispatch_uid=f"chrome-save-{model.__name__}"
        )
        post_delete.connect(
            clear_chrome, sender=model, dispatch_uid=f"chrome-del-{model.__name__}"
        )
    post_save.connect(clear_on_page_save, dispatch_uid="chrome-page-save")
    # A counter's agencies and sectors decide which procedures it books.
    counter = apps.get_model("appointments", "Counter")
    for through in (counter.agencies.through, counter.sectors.through):
        m2m_changed.connect(
            clear_chrome, sender=through, dispatch_uid=f"chrome-m2m-{through.__name__}"
        )
    question = apps.get_model("questions", "Question")
    post_save.connect(
        clear_on_public_question, sender=question, dispatch_uid="chrome-question-save"
    )
    post_delete.connect(
        clear_on_public_question, sender=question, dispatch_uid="chrome-question-del"
    )
    # Menu links, listings and related procedures show the titles and URLs of
    # other pages; Wagtail sends page_unpublished before deleting a live page.
    page_published.connect(clear_chrome, dispatch_uid="chrome-published")
    page_unpublished.connect(clear_chrome, dispatch_uid="chrome-unpublished")
    post_page_move.connect(clear_chrome, dispatch_uid="chrome-moved")
