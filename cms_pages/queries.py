"""Database queries for browsing pages (no search engine needed): the procedure
catalogue, the projects calling for investment, and related procedures.

Both faceted lists share `FacetedQuery`: one `filter_<facet>()` per facet,
composed by `filtered()`, and facet counts computed with the other facets
applied, so each count says what ticking that box would show.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, QuerySet, TextChoices
from django.http import QueryDict
from wagtail.models import Page

from cms_pages.models.catalogue import Level, OnlineService, ProcedurePage
from cms_pages.models.investment import (
    InvestmentProjectPage,
    ProjectSector,
    ProjectStatus,
)
from portal.page_queries import public
from portal.text import vietnamese_sort_key


@dataclass
class FacetOption:
    """One value of a facet, with how many results it would show."""

    value: str
    label: str
    count: int
    selected: bool


class FacetedQuery:
    """Pages under one list page, narrowed by the values the visitor ticked.

    Subclasses name their `facets`, give `base()` and one `filter_<facet>()`
    per facet (usually `self.narrow(qs, facet, lookup)`).
    """

    facets: tuple[str, ...] = ()

    def __init__(self, parent: Page, params: QueryDict):
        self.parent = parent
        self.selected: dict[str, list[str]] = {
            facet: [v for v in params.getlist(facet) if v] for facet in self.facets
        }

    def base(self) -> QuerySet:
        raise NotImplementedError

    def narrow(self, qs: QuerySet, facet: str, lookup: str) -> QuerySet:
        """Keep the rows whose `lookup` is one of the ticked values of `facet`."""
        values = self.selected[facet]
        return qs.filter(**{f"{lookup}__in": values}) if values else qs

    def filtered(self, skip: str | None = None) -> QuerySet:
        """Every facet's filter applied, except `skip` (for that facet's counts)."""
        qs = self.base()
        for facet in self.facets:
            if facet != skip:
                qs = getattr(self, f"filter_{facet}")(qs)
        return qs

    def counts(self, facet: str) -> dict[Any, int]:
        """Results per value of `facet`, with the other facets applied."""
        return dict(
            self.filtered(skip=facet)
            .values_list(facet)
            .annotate(n=Count("id"))
            .order_by()
        )

    def choice_options(
        self, facet: str, choices: type[TextChoices]
    ) -> list[FacetOption]:
        """The options of a facet over fixed choices, in their declared order."""
        counts = self.counts(facet)
        return [
            FacetOption(value, str(label), counts[value], value in self.selected[facet])
            for value, label in choices.choices
            if counts.get(value)
        ]

    @property
    def any_filter(self) -> bool:
        return any(self.selected.values())


_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,3}\Z")
_SLUG = re.compile(r"[-a-z0-9_]{1,100}\Z")
MAX_CACHED_VALUES = 20
CHOICE_FACETS: dict[str, type[TextChoices]] = {
    "level": Level,
    "online_service": OnlineService,
}


class CatalogueQuery(FacetedQuery):
    """Procedures under one catalogue page, filtered by the visitor's choices.

    The listing and the facet counts are worked out from one query's rows
    (`rows`); `filtered()` states the same rules as a queryset.
    """

    facets = ("sector", "agency", "level", "online_service")

    def __init__(self, catalogue: Page, params: QueryDict):
        super().__init__(catalogue, params)
        self.page_number = params.get("page", "1")

    # What each facet reads of a procedure, and the columns of `rows`.
    LOOKUPS = {
        "sector": "sector__slug",
        "agency": "agency__slug",
        "level": "level",
        "online_service": "online_service",
    }
    COLUMNS = ("id", "title", *LOOKUPS.values(), "sector__name", "agency__name")

    def base(self) -> QuerySet[ProcedurePage]:
        return public(ProcedurePage.objects.child_of(self.parent))

    def filter_sector(self, qs: QuerySet) -> QuerySet:
        return self.narrow(qs, "sector", self.LOOKUPS["sector"])

    def filter_agency(self, qs: QuerySet) -> QuerySet:
        return self.narrow(qs, "agency", self.LOOKUPS["agency"])

    def filter_level(self, qs: QuerySet) -> QuerySet:
        return self.narrow(qs, "level", self.LOOKUPS["level"])

    def filter_online_service(self, qs: QuerySet) -> QuerySet:
        return self.narrow(qs, "online_service", self.LOOKUPS["online_service"])

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        """Every public procedure of the catalogue with what the facets read,
        in one query (a few hundred kB at most for a provincial catalogue):
        the listing and every facet's counts are worked out from these, where
        the database would take one query each."""
        return list(self.base().values(*self.COLUMNS))

    @cached_property
    def tally(self) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
        """The rows every ticked facet keeps, and per facet the rows the other
        facets keep (what its counts are over), in one pass."""
        ticked = {
            facet: set(values) for facet, values in self.selected.items() if values
        }
        kept: list[dict[str, Any]] = []
        by_facet: dict[str, list[dict[str, Any]]] = {facet: [] for facet in self.facets}
        for row in self.rows:
            missed = [
                f for f, values in ticked.items() if row[self.LOOKUPS[f]] not in values
            ]
            if not missed:
                kept.append(row)
                for facet_rows in by_facet.values():
                    facet_rows.append(row)
            elif len(missed) == 1:
                by_facet[missed[0]].append(row)
        return kept, by_facet

    def counts(self, facet: str) -> dict[Any, int]:
        """Results per value of `facet`, with the other facets applied."""
        return Counter(row[self.LOOKUPS[facet]] for row in self.tally[1][facet])

    def ordered_ids(self) -> list[int]:
        """Filtered procedures in Vietnamese dictionary order of their names.

        Sorted here rather than by the database, whose collation (byte order on
        SQLite, often C on PostgreSQL) puts "Cho" before "Chấp".
        """
        kept = sorted(
            self.tally[0],
            key=lambda row: (vietnamese_sort_key(row["title"]), row["id"]),
        )
        return [row["id"] for row in kept]

    def results(self, ids: list[int]) -> list[ProcedurePage]:
        """The procedures with these ids, in that order, ready for cards."""
        by_id = ProcedurePage.objects.select_related("sector", "agency").in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    def facet_options(self) -> dict[str, list[FacetOption]]:
        options: dict[str, list[FacetOption]] = {}
        for facet in ("sector", "agency"):
            slug, name = f"{facet}__slug", f"{facet}__name"
            counts = Counter((row[slug], row[name]) for row in self.tally[1][facet])
            options[facet] = [
                FacetOption(value, label, n, value in self.selected[facet])
                for (value, label), n in sorted(
                    counts.items(), key=lambda item: vietnamese_sort_key(item[0][1])
                )
            ]
        options["level"] = self.choice_options("level", Level)
        options["online_service"] = self.choice_options("online_service", OnlineService)
        return options

    def cache_key(self) -> str:
        """What the listing depends on besides the catalogue page: the ticked
        values and the page number (other query parameters change nothing)."""
        return f"{self.filter_querystring()}&page={self.page_number}"

    @property
    def cacheable(self) -> bool:
        """Only listings a visitor's clicks can ask for are kept in the
        fragment cache: a page number of up to four digits and at most
        MAX_CACHED_VALUES ticked values, each a slug or one of the facet's
        choices. Made-up query strings are rendered, never cached, so they
        cannot fill the cache with one copy per invented value."""
        if not _PAGE_NUMBER.match(self.page_number):
            return False
        values = [(f, v) for f in self.facets for v in self.selected[f]]
        if len(values) > MAX_CACHED_VALUES:
            return False
        return all(
            value in CHOICE_FACETS[facet].values
            if facet in CHOICE_FACETS
            else bool(_SLUG.match(value))
            for facet, value in values
        )

    def filter_querystring(self) -> str:
        """The ticked values as a query string, for the pagination links."""
        return urlencode(
            [(facet, value) for facet in self.facets for value in self.selected[facet]]
        )

    @cached_property
    def data(self) -> dict[str, Any]:
        """The listing's template context, computed on first use (so not at
        all when the rendered listing comes from the fragment cache)."""
        per_page = getattr(self.parent, "per_page", 20) or 20
        paginator = Paginator(self.ordered_ids(), per_page)
        try:
            page = paginator.page(self.page_number)
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        page.object_list = self.results(list(page.object_list))
        return {
            "procedures": page,
            "paginator": paginator,
            "facets": self.facet_options(),
            "selected_filters": self.selected,
            "selected_count": sum(len(values) for values in self.selected.values()),
            "any_filter": self.any_filter,
            "filter_querystring": self.filter_querystring(),
        }


class InvestmentProjectQuery(FacetedQuery):
    """Projects calling for investment under one list page, filtered by the visitor."""

    facets = ("sector", "location", "status")

    def base(self) -> QuerySet[InvestmentProjectPage]:
        return public(InvestmentProjectPage.objects.child_of(self.parent))

    def filter_sector(self, qs: QuerySet) -> QuerySet:
        return self.narrow(qs, "sector", "sector")

    def filter_location(self, qs: QuerySet) -> QuerySet:
        return self.narrow(qs, "location", "location")

    def filter_status(self, qs: QuerySet) -> QuerySet:
        return self.narrow(qs, "status", "status")

    def results(self) -> QuerySet[InvestmentProjectPage]:
        return self.filtered().order_by("-first_published_at", "title")

    def facet_options(self) -> dict[str, list[FacetOption]]:
        locations = self.counts("location")
        # In this order on the page: sector, status, location.
        return {
            "sector": self.choice_options("sector", ProjectSector),
            "status": self.choice_options("status", ProjectStatus),
            "location": [
                FacetOption(value, value, n, value in self.selected["location"])
                for value, n in sorted(locations.items())
                if value
            ],
        }


def related_procedures(procedure: ProcedurePage, limit: int = 5) -> list[ProcedurePage]:
    """Other live procedures of the same sector in the same language, by name."""
    return list(
        public(ProcedurePage.objects.all())
        .filter(sector_id=procedure.sector_id, locale_id=procedure.locale_id)
        .exclude(pk=procedure.pk)
        .order_by("title")
        .only(
            "id", "title", "code", "url_path", "processing_time_days", "online_service"
        )[:limit]
    )
