"""URL patterns of the search API (mounted at /api/procedures/ outside i18n)."""

from django.urls import path, re_path

from search import api

app_name = "search_api"

urlpatterns = [
    path("search/", api.search, name="search"),
    path("suggest/", api.suggest, name="suggest"),
    path("click/", api.click, name="click"),
    re_path(
        r"^(?P<code>[0-9A-Za-z][0-9A-Za-z.\-]{0,31})/$", api.procedure, name="procedure"
    ),
]
