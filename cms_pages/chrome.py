"""The chrome around every page that editors run: the alert banner and the
header and footer menus (translatable snippets)."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index

from cms_pages.blocks import LinkBlock


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
    def for_location(
        cls, location: str, locale: Locale | None
    ) -> list["NavigationMenu"]:
        """Menus at `location` in `locale`, falling back to the source language
        for menus not translated yet."""
        menus = list(cls.objects.filter(location=location).order_by("sort_order", "pk"))
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


def resolve_links(links, request: HttpRequest | None = None) -> list[MenuLink]:
    """Turn a menu's LinkBlock stream into MenuLinks with few queries.

    Chosen pages are swapped for their live translation in the active language
    in one query, and URLs use the request's cached site root paths.
    """
    values = [block.value for block in links]
    chosen = [value.get("page") for value in values if value.get("page") is not None]
    translations: dict = {}
    if chosen:
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            locale = None
        if locale is not None:
            translations = {
                page.translation_key: page
                for page in Page.objects.live().filter(
                    translation_key__in=[page.translation_key for page in chosen],
                    locale=locale,
                )
            }
    result = []
    for value in values:
        page = value.get("page")
        if page is not None:
            target = translations.get(page.translation_key, page)
            href = target.get_url(request) or ""
            text = value.get("text") or target.title
        else:
            href, text = value.get("url") or "", value.get("text") or ""
        if href and text:
            result.append(MenuLink(href, text))
    return result
