"""Database queries for browsing the catalogue (no search engine needed)."""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, QueryDict

from cms_pages.models.catalogue import Level, OnlineService, ProcedurePage
from portal.text import vietnamese_sort_key


@dataclass
class FacetOption:
    """One value of a facet, with how many procedures it would show."""

    value: str
    label: str
    count: int
    selected: bool


class CatalogueQuery:
    """Procedures under one catalogue page, filtered by the visitor's choices.

    One `filter_<facet>()` per facet; `results()` composes them. Facet counts
    are computed with the other facets applied, so each count says what
    ticking that box would show.
    """

    facets = ("sector", "agency", "level", "online_service")

    def __init__(self, catalogue: ProcedurePage | Any, params: QueryDict):
        self.catalogue = catalogue
        self.selected = {
            facet: [v for v in params.getlist(facet) if v] for facet in self.facets
        }
        self.page_number = params.get("page", "1")

    def base(self) -> QuerySet[ProcedurePage]:
        return ProcedurePage.objects.live().public().child_of(self.catalogue)

    def filter_sector(self, qs: QuerySet) -> QuerySet:
        values = self.selected["sector"]
        return qs.filter(sector__slug__in=values) if values else qs

    def filter_agency(self, qs: QuerySet) -> QuerySet:
        values = self.selected["agency"]
        return qs.filter(agency__slug__in=values) if values else qs

    def filter_level(self, qs: QuerySet) -> QuerySet:
        values = self.selected["level"]
        return qs.filter(level__in=values) if values else qs

    def filter_online_service(self, qs: QuerySet) -> QuerySet:
        values = self.selected["online_service"]
        return qs.filter(online_service__in=values) if values else qs

    def filtered(self, skip: str | None = None) -> QuerySet[ProcedurePage]:
        qs = self.base()
        for facet in self.facets:
            if facet != skip:
                qs = getattr(self, f"filter_{facet}")(qs)
        return qs

    def ordered_ids(self) -> list[int]:
        """Filtered procedures in Vietnamese dictionary order of their names.

        Sorted here rather than by the database, whose collation (byte order on
        SQLite, often C on PostgreSQL) puts "Cho" before "Chấp". Only ids and
        titles are loaded, a few kB for a whole provincial catalogue.
        """
        rows = self.filtered().values_list("id", "title")
        ordered = sorted(rows, key=lambda row: (vietnamese_sort_key(row[1]), row[0]))
        return [pk for pk, _title in ordered]

    def results(self, ids: list[int]) -> list[ProcedurePage]:
        """The procedures with these ids, in that order, ready for cards."""
        by_id = ProcedurePage.objects.select_related("sector", "agency").in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    def facet_options(self) -> dict[str, list[FacetOption]]:
        options: dict[str, list[FacetOption]] = {}
        for facet in ("sector", "agency"):
            rows = sorted(
                self.filtered(skip=facet)
                .values(f"{facet}__slug", f"{facet}__name")
                .annotate(n=Count("id"))
                .order_by(),
                key=lambda r, name=f"{facet}__name": vietnamese_sort_key(r[name]),
            )
            options[facet] = [
                FacetOption(
                    r[f"{facet}__slug"],
                    r[f"{facet}__name"],
                    r["n"],
                    r[f"{facet}__slug"] in self.selected[facet],
                )
                for r in rows
            ]
        for facet, choices in (("level", Level), ("online_service", OnlineService)):
            counts = dict(
                self.filtered(skip=facet)
                .values_list(facet)
                .annotate(n=Count("id"))
                .order_by()
            )
            options[facet] = [
                FacetOption(value, label, counts[value], value in self.selected[facet])
                for value, label in choices.choices
                if counts.get(value)
            ]
        return options

    def context(self, request: HttpRequest) -> dict[str, Any]:
        per_page = getattr(self.catalogue, "per_page", 20) or 20
        paginator = Paginator(self.ordered_ids(), per_page)
        try:
            page = paginator.page(self.page_number)
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        page.object_list = self.results(list(page.object_list))
        params = request.GET.copy()
        params.pop("page", None)
        return {
            "procedures": page,
            "paginator": paginator,
            "facets": self.facet_options(),
            "selected_filters": self.selected,
            "any_filter": any(self.selected.values()),
            "filter_querystring": params.urlencode(),
        }


def related_procedures(procedure: ProcedurePage, limit: int = 5) -> list[ProcedurePage]:
    """Other live procedures of the same sector in the same language, by name."""
    return list(
        ProcedurePage.objects.live()
        .public()
        .filter(sector_id=procedure.sector_id, locale_id=procedure.locale_id)
        .exclude(pk=procedure.pk)
        .order_by("title")
        .only(
            "id", "title", "code", "url_path", "processing_time_days", "online_service"
        )[:limit]
    )
