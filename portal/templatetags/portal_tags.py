"""Template helpers shared by every page: language links, money, durations."""

from decimal import Decimal

from django import template
from django.urls import translate_url
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale, Page

from portal import page_queries
from portal.http import on_public_base
from portal.page_queries import live_versions

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """Format an amount in đồng with dot thousands separators: 1.500.000 đ."""
    if amount is None or amount == "":
        return ""
    return f"{int(amount):,}".replace(",", ".") + " đ"


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
        codes = list(
            Locale.objects.order_by("-language_code").values_list(
                "language_code", flat=True
            )
        )
        chrome_cache().set("chrome:locales", codes, CHROME_SECONDS)
    return codes


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: the translated page when it exists, else that home.

    `translated` is False when the visitor would land on the home page instead
    of the same content, so the switcher can say so.
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
                translated = False
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        if url is None:
            # No translation: that language's home, which shows a notice.
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
