"""The home page: the root of each language's tree."""

from functools import cached_property

from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms_pages.blocks import BodyStreamBlock, EntryPointBlock
from portal.page_queries import chosen_in_language, public, specific_children

from .base import BasePage


class HomePage(BasePage):
    """Entry point of the portal: search first, then ways into the catalogue."""

    hero_title = models.CharField(
        _("headline"), max_length=200, default="Tra cứu và nộp hồ sơ thủ tục hành chính"
    )
    hero_text = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    entry_points = StreamField(
        [("entry_point", EntryPointBlock())],
        verbose_name=_("life events"),
        blank=True,
        help_text=_("Tiles such as “Starting a business” or “Building a house”."),
    )
    popular_procedures = StreamField(
        [
            (
                "procedure",
                blocks.PageChooserBlock(
                    page_type="cms_pages.ProcedurePage", label=_("Procedure")
                ),
            )
        ],
        verbose_name=_("most used procedures"),
        blank=True,
    )
    news_count = models.PositiveSmallIntegerField(
        _("news items shown"), default=3, help_text=_("0 hides the news.")
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Headline")
        ),
        FieldPanel("entry_points"),
        FieldPanel("popular_procedures"),
        FieldPanel("news_count"),
        FieldPanel("body"),
    ]

    template = "pages/home_page.html"
    # The home page is the root of a language tree; it lives only at the top.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = HomeSections(self, request)
        context["untranslated_notice"] = request.GET.get("untranslated") == "1"
        context["statistics"] = home_statistics(request)
        return context


class HomeSections:
    """What the home page lists, each read on first use only: the template
    renders them inside fragments cached on the page's live revision, and
    every publish clears those (cms_pages.signals)."""

    def __init__(self, home: HomePage, request: HttpRequest):
        self.home = home
        self.request = request

    @cached_property
    def landmarks(self) -> dict[type[Page], Page]:
        """The catalogue and news index under this home page (one query)."""
        from .catalogue import ProcedureIndexPage
        from .content import NewsIndexPage

        found: dict[type[Page], Page] = {}
        for page in specific_children(self.home, (ProcedureIndexPage, NewsIndexPage)):
            found.setdefault(type(page), page)
        return found

    @cached_property
    def catalogue(self) -> Page | None:
        from .catalogue import ProcedureIndexPage

        return self.landmarks.get(ProcedureIndexPage)

    @cached_property
    def entry_links(self) -> list:
        from cms_pages.journeys import entry_point_links

        # Raw values: reading `block.value` would fetch each chosen page and
        # sector once more before their translations are looked up.
        values = [item["value"] for item in self.home.entry_points.raw_data]
        return entry_point_links(values, self.request, catalogue=self.catalogue)

    @cached_property
    def popular(self) -> list[Page]:
        from .catalogue import ProcedurePage

        ids = [item["value"] for item in self.home.popular_procedures.raw_data]
        chosen = chosen_in_language(
            ProcedurePage.objects.select_related("agency", "sector"),
            ids,
            self.home.locale_id,
            Q(live=True),
        )
        # Only procedures published in this page's language: an English home
        # page never lists Vietnamese titles leading to /vi/ pages.
        return [
            procedure
            for procedure in (chosen.get(pk) for pk in ids)
            if procedure is not None
            and procedure.live
            and procedure.locale_id == self.home.locale_id
        ]

    @cached_property
    def latest_news(self) -> list[Page]:
        from .content import NewsPage

        if not self.home.news_count:
            return []
        news = public(NewsPage.objects.descendant_of(self.home))
        return list(news.order_by("-date", "-pk")[: self.home.news_count])

    @cached_property
    def news_index(self) -> Page | None:
        from .content import NewsIndexPage

        return self.landmarks.get(NewsIndexPage)


def home_statistics(request) -> list[dict]:
    """Key figures for the home page, from every `portal_home_statistics` hook.

    A hook is a function `fn(request) -> list[dict]`, each dict with `label`,
    `value` and optionally `note` and `url` (the back office registers one in
    its wagtail_hooks.py). No hook or no figures: the section is not shown.
    """
    figures: list[dict] = []
    for fn in hooks.get_hooks("portal_home_statistics"):
        figures.extend(fn(request) or [])
    return figures
