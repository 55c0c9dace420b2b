"""The chrome around every page that editors run: the alert banner and the
header and footer menus (translatable snippets)."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index

from cms_pages.blocks import LinkBlock
from portal.locales import active_locale
from portal.page_queries import chosen_in_language
from portal.request_memo import remembered


class AlertBanner(TranslatableMixin, index.Indexed, models.Model):
    """A site-wide notice, e.g. changed opening hours over Tết.

    Shown on every page while it is switched on and inside its dates.
    """

    class Tone(models.TextChoices):
        INFO = "info", _("Information")
        WARNING = "warning", _("Warning")

    title = models.CharField(_("title"), max_length=200)
    message = RichTextField(_("message"), features=["bold", "italic", "link"])
    tone = models.CharField(
        _("tone"), max_length=16, choices=Tone.choices, default=Tone.INFO
    )
    active = models.BooleanField(_("switched on"), default=False)
    starts_at = models.DateTimeField(_("show from"), null=True, blank=True)
    ends_at = models.DateTimeField(_("show until"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("tone"),
        FieldPanel("active"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]
    # The admin's listing and chooser search titles within one language.
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("alert banner")
        verbose_name_plural = _("alert banners")

    def __str__(self) -> str:
        return self.title

    @classmethod
    def current(cls, locale: Locale | None = None) -> list["AlertBanner"]:
        """Banners switched on now, in `locale`; a banner with no translation yet
        is shown in its source language rather than hidden."""
        now = timezone.now()
        live = cls.objects.filter(active=True).filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=now),
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
        )
        banners = list(live.select_related("locale").order_by("pk"))
        if locale is None:
            return banners
        by_key: dict = {}
        for banner in banners:
            if banner.locale_id == locale.pk or banner.translation_key not in by_key:
                by_key[banner.translation_key] = banner
        return list(by_key.values())


class NavigationMenu(TranslatableMixin, index.Indexed, models.Model):
    """A list of links editors manage: the main menu or a footer column."""

    class Location(models.TextChoices):
        HEADER = "header", _("Main menu (header)")
        FOOTER = "footer", _("Footer links")

    location = models.CharField(_("where"), max_length=16, choices=Location.choices)
    title = models.CharField(
        _("title"),
        max_length=100,
        help_text=_("Footer column heading; also names the menu in the admin."),
    )
    links = StreamField([("link", LinkBlock())], verbose_name=_("links"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("location"), FieldPanel("sort_order")]),
        FieldPanel("title"),
        FieldPanel("links"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation menu")
        verbose_name_plural = _("navigation menus")
        ordering = ["location", "sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_location_display()}: {self.title}"

    @classmethod
    def for_locale(cls, locale: Locale | None) -> list["NavigationMenu"]:
        """Menus of every location in `locale` (one query), falling back to the
        source language for menus not translated yet, in their order."""
        menus = list(cls.objects.order_by("sort_order", "pk"))
        if locale is None:
            return menus
        by_key: dict = {}
        for menu in menus:
            if menu.locale_id == locale.pk or menu.translation_key not in by_key:
                by_key[menu.translation_key] = menu
        return sorted(by_key.values(), key=lambda m: (m.sort_order, m.pk))


@dataclass
class MenuLink:
    """A menu link ready to render: address and text in the visitor's language."""

    href: str
    text: str


@dataclass(frozen=True)
class Menu:
    """A menu with its links resolved for one language."""

    title: str
    items: tuple


def menus_by_location(request: HttpRequest | None = None) -> dict[str, list[Menu]]:
    """Every menu in the active language by location ("header", "footer"), with
    its links resolved: two queries for all of them (menus, then every linked
    page with its translation), once per request."""
    return remembered(
        ("menus", get_language()), lambda: _resolve_menus(active_locale(), request)
    )


def _resolve_menus(locale: Locale | None, request: HttpRequest | None) -> dict:
    menus = NavigationMenu.for_locale(locale)
    # Raw ids: reading `block.value` would fetch the chosen pages once more.
    values = {
        menu.pk: [item["value"] for item in menu.links.raw_data] for menu in menus
    }
    pages = chosen_in_language(
        Page.objects.all(),
        (value.get("page") for links in values.values() for value in links),
        locale.pk if locale is not None else None,
        usable=Q(live=True),
    )
    result: dict[str, list[Menu]] = {}
    for menu in menus:
        links = tuple(_menu_links(values[menu.pk], pages, request))
        result.setdefault(menu.location, []).append(Menu(menu.title, links))
    return result


def _menu_links(values: list[dict], pages: dict, request) -> list[MenuLink]:
    """MenuLinks of one menu's raw link values; a link with no address or no
    text (a deleted page and no other address) is left out."""
    result = []
    for value in values:
        target = pages.get(value.get("page"))
        if target is not None:
            href = target.get_url(request) or ""
            text = value.get("text") or target.title
        else:
            href, text = value.get("url") or "", value.get("text") or ""
        if href and text:
            result.append(MenuLink(href, text))
    return result
