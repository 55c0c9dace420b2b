"""The search page (/<lang>/tim-kiem/): parse input, call the query, render."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page

from cms_pages.models import HomePage, ProcedureIndexPage, ProcedurePage
from portal.questions.queries import best_matches
from search.forms import FACETS, SearchParamsForm
from search.query_log import log_search
from search.results import SearchResults
from search.service import search_procedures
from search.text import folded

PAGE_SIZE = 20


class _ResultPage:
    """Enough of a Django Page object for components/pagination.html."""

    def __init__(self, results: SearchResults):
        self.paginator = Paginator(range(results.count), results.page_size)
        self.number = results.page

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def promotions(q: str, language: str) -> list[dict[str, Any]]:
    """Editors' promoted results for this query, in the visitor's language.

    Matched on folded text, so "giay phep" shows what "giấy phép" promotes.
    Editors write the description in Vietnamese; on another language's site a
    page promotion shows that page's own search description instead (nothing
    when it has none), never the Vietnamese text.
    """
    key = folded(q).strip()
    if not key:
        return []
    query_ids = [
        pk
        for pk, text in Query.objects.filter(editors_picks__isnull=False)
        .distinct()
        .values_list("pk", "query_string")
        if folded(text).strip() == key
    ]
    if not query_ids:
        return []
    picks = (
        SearchPromotion.objects.select_related("page")
        .filter(query_id__in=query_ids)
        .order_by("sort_order")
    )
    locale = Locale.objects.filter(language_code=language).first()
    source_language = Locale.get_default().language_code[:2]
    items = []
    for pick in picks:
        in_source = language == source_language
        if pick.page_id:
            page = pick.page
            if locale is not None:
                page = page.get_translation_or_none(locale) or page
            if not page.live:
                continue
            description = pick.description if in_source else page.search_description
            items.append(
                {"title": page.title, "url": page.url, "description": description}
            )
        elif pick.external_link_url:
            items.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description if in_source else "",
                }
            )
    return items


def other_pages(q: str, language: str, limit: int = 5) -> list[Page]:
    """Guides, news and other pages (Wagtail's own search), shown after procedures."""
    if not q:
        return []
    try:
        return list(
            Page.objects.live()
            .public()
            .filter(locale__language_code=language, depth__gt=2)
            .not_type(ProcedurePage, HomePage, ProcedureIndexPage)
            .search(q)[:limit]
        )
    except Exception:  # the site-wide part must never break procedure search
        return []


def search_page(request: HttpRequest) -> HttpResponse:
    """Procedure search with facets, "did you mean" and an empty state."""
    language = (get_language() or "vi")[:2]
    form = SearchParamsForm(
        request.GET, default_locale=language, default_page_size=PAGE_SIZE
    )
    errors = []
    if form.is_valid():
        params = form.params()
    else:
        errors = [form.first_error()]
        # Keep what the visitor typed; drop only the invalid parameters.
        fallback_form = SearchParamsForm(_only_q(request), default_locale=language)
        fallback_form.is_valid()
        params = fallback_form.params()
    params.locale = language
    params.page_size = PAGE_SIZE
    results = search_procedures(params)
    if params.q and params.page == 1:
        log_search(params.q, language, results.count)

    pages = {
        page.pk: page
        for page in ProcedurePage.objects.filter(
            pk__in=[hit.page_id for hit in results.results]
        ).select_related("agency", "sector")
    }
    vietnamese_only = _("Vietnamese only")
    cards = [
        (
            pages[hit.page_id],
            hit,
            vietnamese_only if hit.language not in ("", language) else "",
        )
        for hit in results.results
        if hit.page_id in pages
    ]
    # A published question that matches, shown under its procedure's card.
    for page_id, question in best_matches(pages.values(), params.q).items():
        pages[page_id].matching_question = question
    querystring = request.GET.copy()
    querystring.pop("page", None)
    selected = {facet: params.selected(facet) for facet in FACETS}
    context = {
        "search_query": params.q,
        "params": params,
        "results": results,
        "cards": cards,
        "page_obj": _ResultPage(results),
        "querystring": querystring.urlencode(),
        "facets": [
            (
                facet,
                [
                    dict(entry, selected=entry["value"] in selected[facet])
                    for entry in results.facets[facet]
                ],
            )
            for facet in FACETS
        ],
        "any_filter": params.any_filter,
        "has_facets": any(results.facets.get(facet) for facet in FACETS),
        "result_codes": [hit.code for hit in results.results if hit.page_id in pages],
        "selected_count": sum(len(values) for values in selected.values()),
        "errors": errors,
        "promotions": promotions(params.q, language),
        "other_pages": other_pages(params.q, language),
        "catalogue": ProcedureIndexPage.objects.live()
        .filter(locale__language_code=language)
        .first(),
    }
    return render(request, "search/search_page.html", context)


def _only_q(request: HttpRequest) -> QueryDict:
    data = QueryDict(mutable=True)
    data["q"] = request.GET.get("q", "")[:200]
    return data
