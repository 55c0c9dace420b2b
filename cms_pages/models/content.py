"""General content: standard pages, news and announcements, the contact page."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms_pages.blocks import GuideStreamBlock
from portal.page_queries import public

from .base import BasePage


class StandardPage(BasePage):
    """A plain content page: about the centre, service charter, privacy notice."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(GuideStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    template = "pages/standard_page.html"
    # Content pages hang under the home page, the contact page, the investment
    # section or another content page (for a small section of their own).
    parent_page_types = [
        "cms_pages.HomePage",
        "cms_pages.StandardPage",
        "cms_pages.ContactPage",
        "cms_pages.InvestmentIndexPage",
    ]
    subpage_types = ["cms_pages.StandardPage", "cms_pages.FormPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    @property
    def meta_description(self) -> str:
        return self.search_description or self.intro


class NewsIndexPage(BasePage):
    """News and announcements, newest first, filterable by kind."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    per_page = models.PositiveSmallIntegerField(_("items per page"), default=10)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
    ]

    template = "pages/news_index_page.html"
    # One news section per language tree; it holds only news items.
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news section")
        verbose_name_plural = _("news sections")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        items = public(NewsPage.objects.child_of(self)).order_by("-date", "-pk")
        kind = request.GET.get("kind", "")
        if kind in NewsKind.values:
            items = items.filter(kind=kind)
        else:
            kind = ""
        paginator = Paginator(items, max(self.per_page or 10, 1))
        context["news_items"] = paginator.get_page(request.GET.get("page"))
        context["kind"] = kind
        context["kinds"] = NewsKind.choices
        context["filter_querystring"] = f"kind={kind}" if kind else ""
        return context


class NewsKind(models.TextChoices):
    """News items are either news or official announcements."""

    NEWS = "news", _("News")
    ANNOUNCEMENT = "announcement", _("Announcement")


class NewsPage(BasePage):
    """A news item or an announcement of the centre."""

    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(
        _("kind"), max_length=16, choices=NewsKind.choices, default=NewsKind.NEWS
    )
    intro = models.TextField(
        _("summary"), help_text=_("Shown in lists and on the home page.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(GuideStreamBlock(), verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("kind"),
    ]

    og_type = "article"

    template = "pages/news_page.html"
    # News items live in the news section and have no children.
    parent_page_types = ["cms_pages.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-date"]

    @property
    def meta_description(self) -> str:
        return self.search_description or self.intro


class ContactPage(BasePage):
    """How to reach the centre: address, hours and map from the centre's settings."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    body = StreamField(GuideStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    template = "pages/contact_page.html"
    # One contact page per language tree; forms (feedback) and plain pages below it.
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.FormPage", "cms_pages.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def get_context(self, request, *args, **kwargs):
        from .forms import FormPage

        context = super().get_context(request, *args, **kwargs)
        context["forms"] = public(FormPage.objects.child_of(self))
        return context
