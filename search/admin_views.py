"""Admin: Search -> Search quality, and its one-click fixes.

The report (`quality.py`) lists top queries, queries that found nothing,
queries whose results nobody opened, and the weekly trend. Each failing query
has two actions:

- "Add synonym": the query becomes a synonym group with the official words
  the editor gives (or, in one click, with the name of a procedure offered);
  it applies from the next search (`synonyms.py`);
- "Promote a procedure": one click on a procedure offered (the ones people
  opened after that query, or what its words find) adds a Wagtail promoted
  result for the query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSet
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from cms_pages.models import ProcedurePage
from search import quality
from search.models import ProcedureSearchText, SearchSynonym

PERIODS = (7, 28, 90)


class SynonymForm(forms.Form):
    """The query and the words that should find the same procedures."""

    query = forms.CharField(widget=forms.HiddenInput, max_length=200)
    terms = forms.CharField(
        label=_("Official words for it"),
        max_length=500,
        help_text=_(
            "e.g. “giấy chứng nhận quyền sử dụng đất”; several: separate with commas."
        ),
    )


class PromoteForm(forms.Form):
    """The query and the code of the procedure to put first."""

    query = forms.CharField(widget=forms.HiddenInput, max_length=200)
    code = forms.CharField(label=_("Procedure code"), max_length=32)

    def clean_code(self) -> ProcedurePage:
        default = Locale.get_default()
        page = (
            ProcedurePage.objects.live()
            .filter(code__iexact=self.cleaned_data["code"].strip(), locale=default)
            .first()
        )
        if page is None:
            raise forms.ValidationError(_("No published procedure has this code."))
        return page


def _allowed(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _names(rows: list[dict[str, Any]], locale: str) -> list[dict[str, Any]]:
    """Fill in the procedure names of candidate rows."""
    missing = [r["code"] for r in rows if "name" not in r]
    names = dict(
        ProcedureSearchText.objects.filter(
            code__in=missing, locale__language_code=locale
        ).values_list("code", "name")
    )
    return [
        {**r, "name": r.get("name") or names.get(r["code"], r["code"])} for r in rows
    ]


def report(request: HttpRequest) -> HttpResponse:
    """The search-quality report for a period (?days=7|28|90, ?locale=vi|en)."""
    _allowed(request, "portal_search.view_searchquerylog")
    days = (
        int(request.GET.get("days", "28"))
        if request.GET.get("days", "28").isdigit()
        else 28
    )
    period = quality.Period(
        days=days if days in PERIODS else 28,
        locale=request.GET.get("locale", "")
        if request.GET.get("locale") in ("vi", "en")
        else "",
    )
    context = {
        "period": period,
        "periods": PERIODS,
        "top": quality.top_queries(period),
        "nothing": quality.found_nothing(period),
        "unopened": quality.nobody_opened(period),
        "weekly": quality.weekly(period),
        "header_title": _("Search quality"),
    }
    return TemplateResponse(request, "search/admin/quality.html", context)


def _fix_view(
    request: HttpRequest,
    form_class: type[forms.Form],
    template: str,
    title: str,
    apply: Callable[[dict[str, Any]], str],
) -> HttpResponse:
    """A one-click fix for a failing query: the form, the candidates offered,
    and on a valid POST `apply(cleaned_data)`, whose message is shown."""
    query = (request.POST or request.GET).get("query", "")[:200]
    locale = request.GET.get("locale", "vi")
    form = form_class(request.POST or None, initial={"query": query})
    if request.method == "POST" and form.is_valid():
        messages.success(request, apply(form.cleaned_data))
        return redirect("search_quality:index")
    offered = quality.candidates(query, locale) if query else []
    context = {
        "form": form,
        "query": query,
        "candidates": _names(offered, locale),
        "header_title": title,
    }
    return TemplateResponse(request, template, context)


def _synonym(data: dict[str, Any]) -> str:
    terms = f"{data['query']}, {data['terms']}"
    SearchSynonym.objects.create(
        terms=terms, note=str(_("from the search-quality report"))
    )
    return _("“%(query)s” now also finds %(terms)s.") % data


def _promotion(data: dict[str, Any]) -> str:
    page, promoted = data["code"], Query.get(data["query"])
    order = SearchPromotion.objects.filter(query=promoted).count()
    SearchPromotion.objects.get_or_create(
        query=promoted, page=page, defaults={"sort_order": order}
    )
    return _("“%(title)s” is now shown first for “%(query)s”.") % {
        "title": page.title,
        "query": data["query"],
    }


def add_synonym(request: HttpRequest) -> HttpResponse:
    """Make a failing query a synonym of official words (or of a procedure's name)."""
    _allowed(request, "portal_search.add_searchsynonym")
    return _fix_view(
        request,
        SynonymForm,
        "search/admin/add_synonym.html",
        _("Add synonym"),
        _synonym,
    )


def promote(request: HttpRequest) -> HttpResponse:
    """Put a procedure first for a query (a Wagtail promoted result)."""
    _allowed(request, "wagtailsearchpromotions.add_searchpromotion")
    return _fix_view(
        request,
        PromoteForm,
        "search/admin/promote.html",
        _("Promote a procedure"),
        _promotion,
    )


class SearchQualityViewSet(ViewSet):
    """Search -> Search quality in the admin menu."""

    name = "search_quality"
    icon = "view"
    menu_label = _("Search quality")

    def get_urlpatterns(self):
        return [
            path("", report, name="index"),
            path("synonym/", add_synonym, name="add_synonym"),
            path("promote/", promote, name="promote"),
        ]

    @property
    def menu_url(self) -> str:
        return reverse(self.get_url_name("index"))
