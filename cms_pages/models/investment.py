"""The investment section: guides (with the investor roadmap) and projects calling for investment."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms_pages.blocks import GuideStreamBlock
from portal.page_queries import public

from .base import BasePage

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class ProjectSector(models.TextChoices):
    """Economic sector of a project calling for investment."""

    INDUSTRY = "industry", _("Industry and manufacturing")
    AGRICULTURE = "agriculture", _("High-tech agriculture")
    TOURISM = "tourism", _("Tourism and services")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure and transport")
    URBAN = "urban", _("Urban development and housing")
    ENERGY = "energy", _("Energy")
    SOCIAL = "social", _("Health, education and culture")
    TRADE = "trade", _("Trade and logistics")


class ProjectStatus(models.TextChoices):
    """Where a project stands in finding an investor."""

    CALLING = "calling", _("Calling for investors")
    SELECTING = "selecting", _("Selecting an investor")
    AWARDED = "awarded", _("Investor selected")


class InvestmentIndexPage(BasePage):
    """Landing page of the investment section: why invest, guides, projects."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(GuideStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    template = "pages/investment_index_page.html"
    # One investment section per language tree, directly under the home page.
    parent_page_types = ["cms_pages.HomePage"]
    # Guides, the project list, event registration forms and plain pages.
    subpage_types = [
        "cms_pages.InvestmentGuidePage",
        "cms_pages.InvestmentProjectIndexPage",
        "cms_pages.FormPage",
        "cms_pages.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("investment section")
        verbose_name_plural = _("investment sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = public(self.get_children()).specific()
        context["guides"] = [p for p in children if isinstance(p, InvestmentGuidePage)]
        context["project_lists"] = [
            p for p in children if isinstance(p, InvestmentProjectIndexPage)
        ]
        context["other_pages"] = [
            p
            for p in children
            if not isinstance(p, InvestmentGuidePage | InvestmentProjectIndexPage)
        ]
        return context


class InvestmentGuidePage(BasePage):
    """A guide for investors, e.g. the roadmap of a project outside the state budget."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists.")
    )
    body = StreamField(GuideStreamBlock(), verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    template = "pages/investment_guide_page.html"
    # Guides belong to the investment section and have no children.
    parent_page_types = ["cms_pages.InvestmentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("investment guide")
        verbose_name_plural = _("investment guides")

    @property
    def meta_description(self) -> str:
        return self.search_description or self.summary


class InvestmentProjectIndexPage(BasePage):
    """The filterable list of projects calling for investment."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    template = "pages/investment_project_index_page.html"
    # The list lives in the investment section and holds only projects.
    parent_page_types = ["cms_pages.InvestmentIndexPage"]
    subpage_types = ["cms_pages.InvestmentProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("list of projects calling for investment")
        verbose_name_plural = _("lists of projects calling for investment")

    def get_context(self, request, *args, **kwargs):
        from cms_pages.queries import InvestmentProjectQuery

        context = super().get_context(request, *args, **kwargs)
        query = InvestmentProjectQuery(self, request.GET)
        context["projects"] = query.results()
        context["facets"] = query.facet_options()
        context["any_filter"] = query.any_filter
        return context


class InvestmentProjectPage(BasePage):
    """A project calling for investment (dự án kêu gọi đầu tư)."""

    summary = models.TextField(
        _("summary"), help_text=_("Objectives and scale, in a few sentences.")
    )
    sector = models.CharField(_("sector"), max_length=32, choices=ProjectSector.choices)
    location = models.CharField(
        _("location"),
        max_length=200,
        help_text=_("District or commune, e.g. Huyện Yên Lạc."),
    )
    address = models.CharField(_("site address"), max_length=300, blank=True)
    area_ha = models.DecimalField(
        _("area (hectares)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    capital_billion_vnd = models.DecimalField(
        _("indicative capital (billion VND)"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    capital_million_usd = models.DecimalField(
        _("indicative capital (million USD)"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProjectStatus.choices,
        default=ProjectStatus.CALLING,
    )
    form_of_investment = models.CharField(
        _("form of investment"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 100% private capital, PPP."),
    )
    incentives = RichTextField(
        _("investment incentives"), blank=True, features=RICH_TEXT_FEATURES
    )
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    body = StreamField(GuideStreamBlock(), verbose_name=_("details"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("location"), FieldPanel("address")]),
        FieldRowPanel(
            [
                FieldPanel("area_ha"),
                FieldPanel("capital_billion_vnd"),
                FieldPanel("capital_million_usd"),
            ]
        ),
        FieldPanel("form_of_investment"),
        FieldPanel("incentives"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("location"),
        index.FilterField("sector"),
        index.FilterField("status"),
        index.FilterField("location"),
    ]

    template = "pages/investment_project_page.html"
    # Projects live only in the project list.
    parent_page_types = ["cms_pages.InvestmentProjectIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("project calling for investment")
        verbose_name_plural = _("projects calling for investment")

    @property
    def meta_description(self) -> str:
        return self.search_description or self.summary
