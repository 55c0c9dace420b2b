"""Where the key pages of the demo site are, in each language.

The URLs are looked up in the database (the demo content is already loaded
by the `demo_site` fixture), so editors' slugs can change without breaking
the browser tests.
"""

from wagtail.models import Locale, Page

LANGUAGES = ("vi", "en")


def page_url(page: Page) -> str:
    """The page's path on the live server, with its language prefix."""
    url = page.specific.get_url()
    if url is None:
        raise AssertionError(f"{page} has no URL: is it routable under the site root?")
    return url


def first_live(model: type[Page], language: str, **filters) -> Page:
    """The first live page of `model` in `language` (by tree position)."""
    locale = Locale.objects.get(language_code=language)
    page = (
        model.objects.live()
        .public()
        .filter(locale=locale, **filters)
        .order_by("path")
        .first()
    )
    if page is None:
        raise AssertionError(
            f"the demo content has no live {model.__name__} in {language}"
        )
    return page


def home_url(language: str) -> str:
    """The home page of a language."""
    return f"/{language}/"


def catalogue_url(language: str) -> str:
    """The procedure catalogue."""
    from cms_pages.models import ProcedureIndexPage

    return page_url(first_live(ProcedureIndexPage, language))


def bilingual_procedure(language: str) -> Page:
    """A procedure translated into both languages, preferring full online service.

    The same procedure in each language, so tests can switch between them.
    """
    from cms_pages.models import ProcedurePage

    english = Locale.objects.get(language_code="en")
    candidates = (
        ProcedurePage.objects.live()
        .public()
        .filter(locale__language_code="vi")
        .order_by("path")
    )
    chosen = None
    for procedure in sorted(candidates, key=lambda p: p.online_service != "full"):
        translation = procedure.get_translation_or_none(english)
        if translation is not None and translation.live:
            chosen = procedure
            break
    if chosen is None:
        raise AssertionError(
            "the demo content has no procedure translated into English"
        )
    return chosen if language == "vi" else chosen.get_translation(english)


def procedure_url(language: str) -> str:
    """A procedure page that exists in both languages."""
    return page_url(bilingual_procedure(language))


def search_url(language: str, query: str = "") -> str:
    """The search results page, optionally for a query."""
    return f"/{language}/tim-kiem/" + (f"?q={query}" if query else "")


def online_procedure(language: str) -> Page:
    """A procedure individuals can file online (the dossier wizard's entry)."""
    from cms_pages.models import ProcedurePage
    from cms_pages.models.catalogue import OnlineService

    return first_live(
        ProcedurePage,
        language,
        online_service__in=[OnlineService.FULL, OnlineService.PARTIAL],
        for_individuals=True,
    ).specific


def wizard_start_url(language: str) -> str:
    """The page that starts online filing for a procedure."""
    return f"/{language}/nop-ho-so/{online_procedure(language).code}/"


def tracking_url(language: str) -> str:
    """The dossier tracking form."""
    return f"/{language}/tra-cuu-ho-so/"


def investment_guide_url(language: str) -> str:
    """The first investment guide (the investor roadmap in the demo)."""
    from cms_pages.models.investment import InvestmentGuidePage

    return page_url(first_live(InvestmentGuidePage, language))


def form_page_url(language: str) -> str:
    """An editor-built form (Wagtail form builder)."""
    from cms_pages.models.forms import FormPage

    return page_url(first_live(FormPage, language))
