"""Journeys through the catalogue: step-by-step guides such as the investor
roadmap, and the home page's life-event tiles.

Journeys (step-by-step blocks) link to procedure pages; everything a visitor
reads about a step (time, fee, agency) and the indicative total time are
computed here from those pages, so editors never copy figures by hand. Tiles
lead to a page, a filtered catalogue or a search, in the visitor's language.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import get_language
from wagtail.models import Page

from cms_pages.fees import FeeSummary, summarise_fees
from cms_pages.models.catalogue import ProcedureFee, ProcedureIndexPage, ProcedurePage
from portal.locales import active_locale
from portal.page_queries import chosen_in_language

# A month has about 22 working days (Vietnam: Monday to Friday).
WORKING_DAYS_PER_MONTH = Decimal(22)


@dataclass
class JourneyStep:
    """One step of a journey as the visitor sees it.

    `relation`, `condition`, `alternative_to` and `parallel_with` say how the
    step stands to the others (cms_pages/roadmap.py does the arithmetic).
    """

    number: int
    title: str
    text: Any
    procedure: ProcedurePage | None
    fees: list[ProcedureFee] = field(default_factory=list)
    relation: str = "required"
    condition: str = ""
    alternative_to: int | None = None
    parallel_with: int | None = None
    # Left out by the conditions the visitor ticked (JourneyValue.steps_for_visitor).
    skipped: bool = False

    @property
    def days(self) -> Decimal | None:
        return self.procedure.processing_time_days if self.procedure else None

    @property
    def fee_summary(self) -> FeeSummary:
        """The procedure's fees: what adds up, the alternatives, the occasional."""
        return summarise_fees(self.fees)


def localized_procedures(pages: Iterable[Page | None]) -> dict[str, ProcedurePage]:
    """Map each chosen page's translation key to its live version in the active language.

    Falls back to the chosen page itself when it has no live translation, so a
    journey never loses a step. One query for the pages, one for their fees.
    """
    chosen = [page for page in pages if page is not None]
    if not chosen:
        return {}
    keys = {page.translation_key for page in chosen}
    locale = active_locale()
    candidates = (
        ProcedurePage.objects.live()
        .filter(translation_key__in=keys)
        .select_related("agency", "sector")
        .prefetch_related("fees")
    )
    chosen_ids = {page.pk for page in chosen}
    result: dict[str, ProcedurePage] = {}
    for procedure in candidates:
        key = str(procedure.translation_key)
        in_locale = locale is not None and procedure.locale_id == locale.pk
        if in_locale or (key not in result and procedure.pk in chosen_ids):
            result[key] = procedure
    return result


def journey_steps(steps: Sequence[Any]) -> list[JourneyStep]:
    """Turn a journey block's step values into numbered steps with live procedures."""
    procedures = localized_procedures(step.get("procedure") for step in steps)
    result = []
    for number, step in enumerate(steps, start=1):
        chosen = step.get("procedure")
        procedure = procedures.get(str(chosen.translation_key)) if chosen else None
        result.append(
            JourneyStep(
                number=number,
                title=step.get("title") or "",
                text=step.get("text"),
                procedure=procedure,
                fees=list(procedure.fees.all()) if procedure else [],
                relation=step.get("relation") or "required",
                condition=step.get("condition") or "",
                alternative_to=step.get("alternative_to"),
                parallel_with=step.get("parallel_with"),
            )
        )
    return result


def working_days_to_months(days: Decimal) -> Decimal:
    """About how many calendar months `days` working days take, to one decimal."""
    return (Decimal(days) / WORKING_DAYS_PER_MONTH).quantize(Decimal("0.1"))


def catalogue_for_active_language() -> ProcedureIndexPage | None:
    """The live procedure catalogue in the visitor's language (or any, as fallback)."""
    locale = active_locale()
    catalogues = ProcedureIndexPage.objects.live()
    if locale is not None:
        local = catalogues.filter(locale=locale).first()
        if local is not None:
            return local
    return catalogues.first()


def entry_point_url(page: Page | None, sector: Any | None, search: str | None) -> str:
    """Where a home-page life event leads, in the visitor's language.

    A chosen page wins; otherwise the catalogue filtered by the sector; otherwise
    the search page for the given words; otherwise the catalogue.
    """
    from urllib.parse import urlencode

    language = (get_language() or "vi")[:2]
    if page is not None:
        return page.localized.url or "/"
    catalogue = catalogue_for_active_language()
    if sector is not None and catalogue is not None:
        return f"{catalogue.url}?{urlencode({'sector': sector.localized.slug})}"
    if search:
        return f"/{language}/tim-kiem/?{urlencode({'q': search})}"
    return catalogue.url if catalogue is not None else f"/{language}/"


@dataclass
class EntryLink:
    """A home-page life event, resolved: title, short text and where it leads."""

    title: str
    text: str
    href: str


def entry_point_links(
    values: Sequence[dict],
    request: Any = None,
    catalogue: ProcedureIndexPage | None = None,
) -> list[EntryLink]:
    """Resolve all home-page tiles at once (two queries, whatever their number).

    `values` are the tiles' raw values (`stream.raw_data`: page and sector
    ids), `catalogue` the active language's catalogue when the caller has it.
    Same rules as entry_point_url(): a page, else the catalogue filtered by a
    sector, else a search, else the catalogue.
    """
    from urllib.parse import urlencode

    from cms_pages.snippets import Sector

    language = (get_language() or "vi")[:2]
    locale = active_locale()
    locale_id = locale.pk if locale is not None else None
    pages = chosen_in_language(
        Page.objects.all(), (v.get("page") for v in values), locale_id, Q(live=True)
    )
    sectors = chosen_in_language(
        Sector.objects.all(), (v.get("sector") for v in values), locale_id
    )
    if catalogue is None and len(pages) < len(values):
        catalogue = catalogue_for_active_language()
    catalogue_url = (
        catalogue.get_url(request) if catalogue is not None else f"/{language}/"
    )
    links = []
    for value in values:
        page = pages.get(value.get("page"))
        sector = sectors.get(value.get("sector"))
        search = value.get("search")
        if page is not None:
            href = page.get_url(request) or "/"
        elif sector is not None and catalogue is not None:
            href = f"{catalogue_url}?{urlencode({'sector': sector.slug})}"
        elif search:
            href = f"/{language}/tim-kiem/?{urlencode({'q': search})}"
        else:
            href = catalogue_url
        links.append(EntryLink(value.get("title") or "", value.get("text") or "", href))
    return links
