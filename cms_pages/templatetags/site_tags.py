"""Template helpers for the public site: banners, menus, SEO tags, form fields."""

from dataclasses import dataclass

from django import template
from django.core.cache import caches
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from cms_pages import seo
from cms_pages.chrome import AlertBanner, Menu, menus_by_location
from cms_pages.procedure_sections import prefetch_rows
from portal.locales import active_locale

register = template.Library()


# Menus and banners appear on every page but change rarely: each app process
# keeps them for CHROME_SECONDS in its local memory (the default cache may be
# the database, where a read costs as much as the queries it saves). Saving a
# menu or banner, or publishing a page, clears this process's copy at once
# (cms_pages.signals); other processes follow within CHROME_SECONDS.
CHROME_SECONDS = 60


def chrome_cache():
    return caches["local"]


@dataclass(frozen=True)
class Banner:
    """What the header shows of an AlertBanner."""

    title: str
    message: str
    tone: str


def chrome_key(kind: str, request, *parts: str) -> str:
    """The chrome cache key of `kind` for this language and host."""
    host = request.get_host() if request is not None else ""
    return ":".join(("chrome", kind, get_language() or "", host, *parts))


@register.simple_tag(takes_context=True)
def alert_banners(context) -> list[Banner]:
    """Banners switched on now, in the visitor's language."""
    key = chrome_key("banners", context.get("request"))
    banners = chrome_cache().get(key)
    if banners is None:
        banners = [
            Banner(banner.title, banner.message, banner.tone)
            for banner in AlertBanner.current(active_locale())
        ]
        chrome_cache().set(key, banners, CHROME_SECONDS)
    return banners


@register.simple_tag(takes_context=True)
def navigation_menus(context, location: str) -> list[Menu]:
    """Editor-managed menus for `location` ("header" or "footer"), each with
    `items`: its links resolved for the visitor's language."""
    request = context.get("request")
    key = chrome_key("menus", request, location)
    menus = chrome_cache().get(key)
    if menus is None:
        menus = menus_by_location(request).get(location, [])
        chrome_cache().set(key, menus, CHROME_SECONDS)
    return menus


@register.simple_tag(takes_context=True)
def page_alternates(context, page) -> list[seo.Alternate]:
    """Language versions of `page` for hreflang links."""
    return seo.page_alternates(page, context.get("request"))


@register.simple_tag(takes_context=True)
def government_service_jsonld(context, page) -> str:
    """A <script type="application/ld+json"> with the procedure's GovernmentService."""
    # The rows the page's template reads anyway, in one go (fees are here).
    data = seo.government_service(prefetch_rows(page), context.get("request"))
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(seo.json_ld(data))
    )  # noqa: S308


@register.simple_tag
def field_widget(field):
    """Render a bound form field's widget with hint/error ids wired for screen readers."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def aria_current(href: str, path: str) -> str:
    """` aria-current="page"` for the link to this page, `="true"` for its section.

    Home-page links (/vi/) only match exactly, or every page would be "current".
    """
    if not href or not path:
        return ""
    if path == href:
        return mark_safe(' aria-current="page"')  # noqa: S308
    if href.count("/") > 2 and path.startswith(href):
        return mark_safe(' aria-current="true"')  # noqa: S308
    return ""
