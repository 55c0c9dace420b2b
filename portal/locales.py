"""The site's locales, read once per request (portal.request_memo): the
language switcher, menus, banners and home-page tiles all ask for them."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from portal.request_memo import remembered


def site_locales() -> dict[str, Locale]:
    """Every locale of the site by language code, Vietnamese first (one query
    per request)."""
    return remembered(
        "site-locales",
        lambda: {
            locale.language_code: locale
            for locale in Locale.objects.order_by("-language_code")
        },
    )


def active_locale() -> Locale | None:
    """The locale of the active language, as Wagtail's `Locale.get_active()`
    (the default language's when the active one has none), without a query of
    its own; None when the site has neither."""
    locales = site_locales()
    for code in (get_language(), settings.LANGUAGE_CODE):
        try:
            locale = locales.get(get_supported_content_language_variant(code))
        except LookupError:
            continue
        if locale is not None:
            return locale
    return None


def default_locale() -> Locale | None:
    """The locale of the default language, as Wagtail's `Locale.get_default()`,
    without a query of its own; None when the site has none."""
    try:
        code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        return None
    return site_locales().get(code)
