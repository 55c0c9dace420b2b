"""Template helpers shared by every page: language links, money, durations."""

from decimal import Decimal
from urllib.parse import urlencode

from django import template
from django.urls import translate_url
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal import page_queries
from portal.http import on_public_base
from portal.locales import site_locales
from portal.page_queries import live_versions

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """An amount in đồng as readers of the active language write it:
    "1.500.000 đ" in Vietnamese, "1,500,000 VND" in English."""
    if amount is None or amount == "":
        return ""
    if (get_language() or "vi").startswith("vi"):
        return f"{int(amount):,}".replace(",", ".") + " đ"
    return f"{int(amount):,} VND"


@register.filter
def working_days(days) -> str:
    """Say a processing time in words: "Trong ngày", "3 ngày làm việc"."""
    if days is None:
        return ""
    days = Decimal(days)
    if days < 1:
        return _("Same day")
    number = int(days) if days == days.to_integral_value() else days.normalize()
    return ngettext("%(n)s working day", "%(n)s working days", int(days)) % {
        "n": number
    }


def site_languages() -> list[str]:
    """Language codes of the site's locales, vi first, from the chrome cache
    (cleared when a locale is saved: cms_pages.signals)."""
    from cms_pages.templatetags.site_tags import CHROME_SECONDS, chrome_cache

    codes = chrome_cache().get("chrome:locales")
    if codes is None:
        # The same query (once per request) gives menus their locale.
        codes = list(site_locales())
        chrome_cache().set("chrome:locales", codes, CHROME_SECONDS)
    return codes


def _chrome_cached(kind: str, request, parts: tuple[str, ...], compute) -> str:
    """`compute()` (a URL, "" for none), kept in the chrome cache for this
    language and host: cleared on every publish, move and view restriction
    change (cms_pages.signals)."""
    from cms_pages.templatetags.site_tags import (
        CHROME_SECONDS,
        chrome_cache,
        chrome_key,
    )

    key = chrome_key(kind, request, *parts)
    value = chrome_cache().get(key)
    if value is None:
        value = compute()
        chrome_cache().set(key, value, CHROME_SECONDS)
    return value


def catalogue_url(code: str, request=None) -> str | None:
    """The live catalogue's URL in language `code`, from the chrome cache."""
    from cms_pages.models import ProcedureIndexPage

    def find() -> str:
        catalogue = page_queries.public(
            ProcedureIndexPage.objects.filter(locale__language_code=code)
        ).first()
        return (catalogue.get_url(request) if catalogue is not None else None) or ""

    return _chrome_cached("catalogue", request, (code,), find) or None


def untranslated_fallback_url(page: Page, code: str, request=None) -> str:
    """Where the switcher leads when `page` has no live translation in language `code`.

    A procedure: that language's catalogue, which names the procedure in a
    notice with a link to the text that exists. Any other page: its nearest
    ancestor that is translated (at worst the home page), with a notice.
    One query at most, none once in the chrome cache.
    """
    from cms_pages.models import ProcedurePage

    if issubclass(page.specific_class or Page, ProcedurePage):
        url = catalogue_url(code, request)
        if url:
            return f"{url}?{urlencode({'untranslated': page.specific_deferred.code})}"

    def nearest_translated_ancestor() -> str:
        ancestors = page.get_ancestors().filter(depth__gt=1).values("translation_key")
        target = (
            page_queries.public(
                Page.objects.filter(
                    locale__language_code=code, translation_key__in=ancestors
                )
            )
            .order_by("-depth")
            .first()
        )
        return (target.get_url(request) if target is not None else None) or ""

    url = _chrome_cached(
        "fallback", request, (str(page.pk), code), nearest_translated_ancestor
    )
    return f"{url}?untranslated=1" if url else f"/{code}/?untranslated=1"


@register.filter
def months(days) -> str:
    """About how many calendar months `days` working days take ("4.3", "4,3")."""
    from django.template.defaultfilters import floatformat

    from cms_pages.journeys import working_days_to_months

    if days is None or days == "":
        return ""
    return floatformat(working_days_to_months(Decimal(days)), -1)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: the translated page when it exists, else a fallback.

    `translated` is False when the visitor would land somewhere else than the
    same content (see `untranslated_fallback_url`), so the switcher can say so.
    """
    request = context.get("request")
    page = context.get("page")
    links = []
    current = (context.get("LANGUAGE_CODE") or "vi")[:2]
    versions = live_versions(page, request) if isinstance(page, Page) else {}
    for code in site_languages():
        url, translated = None, True
        if isinstance(page, Page):
            target = versions.get(code)
            if target is not None:
                # target.url, not target.localized.url: .localized would swap
                # back to the page in the language being viewed.
                url = target.get_url(request)
            else:
                url, translated = untranslated_fallback_url(page, code, request), False
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        if url is None:
            url = f"/{code}/" if code == current else f"/{code}/?untranslated=1"
            translated = code == current
        links.append(
            {
                "code": code,
                "name": "Tiếng Việt" if code == "vi" else "English",
                "url": url,
                "current": code == current,
                "translated": translated,
            }
        )
    return links


@register.filter
def absolute(url: str) -> str:
    """A URL of this site as an absolute URL on PUBLIC_BASE_URL (for meta tags)."""
    return on_public_base(url)


@register.simple_tag(takes_context=True)
def public_page_url(context, page) -> str:
    """`page`'s absolute URL on PUBLIC_BASE_URL ("" when it has no route)."""
    return page_queries.public_page_url(page, context.get("request")) or ""
