"""Machine-readable files for search engines: robots.txt and the sitemap."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from portal.http import on_public_base, public_url


class MultilingualSitemap(Sitemap):
    """Every live public page of the site in every language.

    Wagtail's own sitemap lists only the descendants of the site's root page,
    which is the Vietnamese home; the English tree hangs off its translation.
    """

    def items(self):
        site = self.get_wagtail_site()
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        pages = Page.objects.none()
        for root in roots:
            pages = pages | Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()

    def get_urls(self, page=1, site=None, protocol=None):
        """Locations on PUBLIC_BASE_URL, whatever host the Wagtail Site names."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["location"] = on_public_base(url["location"])
            for alternate in url.get("alternates", ()):
                alternate["location"] = on_public_base(alternate["location"])
        return urls


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Allow everything public (form templates under /documents/ included, people
    search for them); keep crawlers out of the admin and the JSON API."""
    sitemap_url = public_url(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Allow: /",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon_redirect(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Send /favicon.ico to the hashed, long-cached SVG icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
