"""URL configuration.

Public pages sit under a language prefix (/vi/, /en/); the admin, the JSON API
and machine files (sitemap, robots) do not.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap as sitemap_view
from wagtail.documents import urls as wagtaildocs_urls

from cms_pages.views import MultilingualSitemap, favicon_redirect, robots_txt
from portal.api import schema as api_schema
from portal.appointments import urls as appointment_urls
from portal.dossiers import urls as dossier_urls
from portal.eforms import urls as eform_urls
from portal.questions import urls as question_urls
from portal.questions.sitemap import QuestionSitemap
from portal.transparency import urls as transparency_urls
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", api_schema.schema_view, name="api_schema"),
    path("api/procedures/", include("search.urls")),
    path(
        "",
        include((dossier_urls.api_urlpatterns, "dossiers"), namespace="dossiers_api"),
    ),
    path("", include(transparency_urls.api_urlpatterns)),
    path("", include(question_urls.api_urlpatterns)),
    path("", include((eform_urls.api_urlpatterns, "eforms"), namespace="eforms")),
    path(
        "",
        include(
            (appointment_urls.api_urlpatterns, "appointments"),
            namespace="appointments_api",
        ),
    ),
    path(
        "sitemap.xml",
        sitemap_view,
        {"sitemaps": {"pages": MultilingualSitemap, "questions": QuestionSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", favicon_redirect, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("tim-kiem/", search_views.search_page, name="search"),
    path(
        "", include((dossier_urls.public_urlpatterns, "dossiers"), namespace="dossiers")
    ),
    path("", include(transparency_urls.public_urlpatterns)),
    path(
        "",
        include(
            (appointment_urls.public_urlpatterns, "appointments"),
            namespace="appointments",
        ),
    ),
    path(
        "",
        include((question_urls.public_urlpatterns, "questions"), namespace="questions"),
    ),
    # Wagtail's page serving must stay last: it matches every remaining path.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "portal.api.errors.not_found"
