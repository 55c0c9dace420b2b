"""The home page: the root of each language's tree."""

from functools import cached_property

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms_pages.blocks import BodyStreamBlock, EntryPointBlock
from portal.page_queries import public

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
    def catalogue(self) -> Page | None:
        from .catalogue import ProcedureIndexPage

        return ProcedureIndexPage.objects.live().child_of(self.home).first()

    @cached_property
    def entry_links(self) -> list:
        from cms_pages.journeys import entry_point_links

        return entry_point_links(
            [block.value for block in self.home.entry_points], self.request
        )

    @cached_property
    def popular(self) -> list[Page]:
        from cms_pages.journeys import localized_procedures

        chosen = [block.value for block in self.home.popular_procedures]
        localized = localized_procedures(chosen)
        # Only procedures published in this page's language: an English home
        # page never lists Vietnamese titles leading to /vi/ pages.
        return [
            procedure
            for procedure in (
                localized.get(str(page.translation_key)) for page in chosen if page
            )
            if procedure is not None and procedure.locale_id == self.home.locale_id
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

        return NewsIndexPage.objects.live().child_of(self.home).first()


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
