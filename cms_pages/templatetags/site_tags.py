"""Template helpers for the public site: banners, menus, SEO tags, form fields."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from cms_pages import seo
from cms_pages.site_snippets import AlertBanner, NavigationMenu, resolve_links

register = template.Library()


def _locale() -> Locale | None:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


@register.simple_tag
def alert_banners() -> list[AlertBanner]:
    """Banners switched on now, in the visitor's language."""
    return AlertBanner.current(_locale())


@register.simple_tag(takes_context=True)
def navigation_menus(context, location: str) -> list[NavigationMenu]:
    """Editor-managed menus for `location` ("header" or "footer"), each with
    `items`: its links resolved for the visitor's language."""
    menus = NavigationMenu.for_location(location, _locale())
    for menu in menus:
        menu.items = resolve_links(menu.links, context.get("request"))
    return menus


@register.simple_tag(takes_context=True)
def page_alternates(context, page) -> list[seo.Alternate]:
    """Language versions of `page` for hreflang links."""
    return seo.page_alternates(page, context.get("request"))


@register.simple_tag(takes_context=True)
def government_service_jsonld(context, page) -> str:
    """A <script type="application/ld+json"> with the procedure's GovernmentService."""
    data = seo.government_service(page, context.get("request"))
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
