"""Public URLs of the transparency features. `public_urlpatterns` go inside
i18n_patterns (before Wagtail's catch-all); `api_urlpatterns` stay outside the
language prefix. The names are not namespaced (as before the move)."""

from django.urls import path

from . import views

public_urlpatterns = [
    path("thong-ke/", views.statistics_page, name="statistics"),
    path("tra-cuu-ho-so/danh-gia/", views.rate, name="rate"),
    path("y-kien-trang/", views.page_feedback, name="page_feedback"),
]

api_urlpatterns = [
    path("api/statistics/", views.statistics_api, name="statistics_api"),
]
