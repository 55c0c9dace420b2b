"""The procedure catalogue: an index page and one page per procedure.

Structured data lives in real fields and orderable child rows (fees, documents,
steps, legal basis) so it can be filtered, indexed, exported and validated.
"""

from decimal import Decimal
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms_pages.blocks import BodyStreamBlock
from cms_pages.bulk_writes import BulkWriteMixin
from cms_pages.forms import ProcedurePageForm
from cms_pages.keywords import keywords_from_text
from cms_pages.procedure_codes import code_taken_by
from portal.page_queries import with_view_check

from .base import BasePage


class Level(models.TextChoices):
    """Government level that handles a procedure (cấp thực hiện)."""

    PROVINCE = "province", _("Province level")
    DISTRICT = "district", _("District level (legacy)")
    COMMUNE = "commune", _("Commune level")


class OnlineService(models.TextChoices):
    """Online public service level (mức độ dịch vụ công trực tuyến)."""

    FULL = "full", _("Full online service")
    PARTIAL = "partial", _("Partial online service")
    NONE = "none", _("Information only")


class ProcedureIndexPage(BasePage):
    """The catalogue: browse every procedure by sector, agency, level and service."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    per_page = models.PositiveSmallIntegerField(
        _("procedures per page"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
    ]

    template = "pages/procedure_index_page.html"
    # One catalogue per language tree, directly under its home page.
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.ProcedurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("procedure catalogue")
        verbose_name_plural = _("procedure catalogues")

    def route(self, request, path_components):
        """Find a procedure by its slug in one query (Wagtail's default makes
        two: the child page, then its specific model), with what the view
        restriction check needs to know (one query fewer when serving it)."""
        if not path_components:
            return super().route(request, path_components)
        slug, *rest = path_components
        try:
            # Sector, agency and locale come along: header, figures and
            # JSON-LD read them (three queries fewer).
            children = ProcedurePage.objects.child_of(self)
            child = (
                with_view_check(children)
                .select_related("sector", "agency", "locale")
                .get(slug=slug)
            )
        except ProcedurePage.DoesNotExist:
            raise Http404 from None
        child.catalogue = self  # the breadcrumb's parent, without a query
        return child.route(request, rest)

    def get_context(self, request, *args, **kwargs):
        from cms_pages.queries import CatalogueQuery
        from cms_pages.translation_gaps import untranslated_entry

        context = super().get_context(request, *args, **kwargs)
        # The template renders the listing inside a fragment cached on the
        # filters; `listing.data` runs the queries only when it is not cached.
        context["listing"] = listing = CatalogueQuery(self, request.GET)
        if not listing.cacheable:
            # Overrides the context processor's value for this page only.
            context["fragment_seconds"] = 0
        # The language switcher sends a procedure that is not translated here
        # to its catalogue entry: `?untranslated=<code>`.
        context["untranslated"] = untranslated_entry(
            self, request.GET.get("untranslated", "")
        )
        return context


class ProcedurePage(BulkWriteMixin, BasePage):
    """One administrative procedure (thủ tục hành chính).

    `BulkWriteMixin`: the catalogue import defers search indexing and revision
    foreign-key checks to the end of its batch (`cms_pages/bulk_writes.py`).
    """

    code = models.CharField(
        _("procedure code"),
        max_length=32,
        db_index=True,
        help_text=_("Code in the national procedure database, e.g. 1.004227."),
    )
    full_name = models.TextField(
        _("full name"),
        blank=True,
        help_text=_(
            "Only when the name is longer than the title allows (255 characters)."
        ),
    )
    sector = models.ForeignKey(
        "cms_pages.Sector",
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    agency = models.ForeignKey(
        "cms_pages.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    level = models.CharField(
        _("level"), max_length=16, choices=Level.choices, default=Level.PROVINCE
    )
    online_service = models.CharField(
        _("online service level"),
        max_length=16,
        choices=OnlineService.choices,
        default=OnlineService.NONE,
    )
    for_individuals = models.BooleanField(_("individuals may apply"), default=True)
    for_organizations = models.BooleanField(_("organisations may apply"), default=True)
    channel_in_person = models.BooleanField(_("in person at the centre"), default=True)
    channel_online = models.BooleanField(_("online"), default=False)
    channel_postal = models.BooleanField(_("by post"), default=False)
    processing_time_days = models.DecimalField(
        _("processing time (working days)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(365))],
        help_text=_("0 = same day; 0.5 = half a day."),
    )
    # Text fields without a length limit: the import format sets none.
    processing_time_note = models.TextField(_("processing time note"), blank=True)
    requirements = models.TextField(_("conditions"), blank=True)
    result = models.TextField(_("result"))
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_(
            "Other words people use for this procedure, separated by "
            "semicolons. Not shown on the page: search finds the procedure by them."
        ),
    )
    eform = models.ForeignKey(
        "eforms.EForm",
        verbose_name=_("e-form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
        help_text=_(
            "The declaration citizens fill in online when they file this procedure."
        ),
    )
    body = StreamField(
        BodyStreamBlock(),
        verbose_name=_("extra guidance"),
        blank=True,
        help_text=_(
            "Optional: a sample filled-in dossier, a video guide, frequently asked questions."
        ),
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("code"),
        index.SearchField("full_name"),
        index.SearchField("keywords"),
        index.SearchField("result"),
        index.FilterField("level"),
        index.FilterField("online_service"),
        index.FilterField("sector"),
        index.FilterField("agency"),
    ]

    content_panels = [
        # TitleFieldPanel: the slug follows the name as the editor types.
        TitleFieldPanel("title", heading=_("Procedure name"), placeholder=False),
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("agency")]),
        FieldPanel("result"),
        FieldPanel("requirements"),
        FieldPanel("keywords"),
    ]
    service_panels = [
        MultiFieldPanel(
            [
                FieldPanel("processing_time_days"),
                FieldPanel("processing_time_note", widget=forms.TextInput),
            ],
            heading=_("Processing time"),
        ),
        FieldPanel("online_service"),
        MultiFieldPanel(
            [FieldPanel("for_individuals"), FieldPanel("for_organizations")],
            heading=_("Who may apply"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("channel_in_person"),
                FieldPanel("channel_online"),
                FieldPanel("channel_postal"),
            ],
            heading=_("How to submit"),
        ),
        InlinePanel("fees", heading=_("Fees and charges"), label=_("Fee")),
    ]
    dossier_panels = [
        FieldPanel("eform"),
        InlinePanel(
            "documents",
            heading=pgettext_lazy("dossier", "Documents"),
            label=pgettext_lazy("dossier", "Document"),
            min_num=1,
        ),
    ]
    steps_panels = [
        InlinePanel("steps", heading=_("Steps"), label=_("Step"), min_num=1),
        InlinePanel("legal_bases", heading=_("Legal basis"), label=_("Legal document")),
    ]
    guidance_panels = [FieldPanel("body")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Procedure")),
            ObjectList(service_panels, heading=_("Time, fees and channels")),
            ObjectList(dossier_panels, heading=pgettext_lazy("dossier", "Documents")),
            ObjectList(steps_panels, heading=_("Steps and legal basis")),
            ObjectList(guidance_panels, heading=_("Extra guidance")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = ProcedurePageForm
    # wagtail-localize: the code identifies the procedure in every language.
    # The e-form too: its translation is picked by language when it is used.
    override_translatable_fields = [
        SynchronizedField("code", overridable=False),
        SynchronizedField("eform"),
    ]

    template = "pages/procedure_page.html"
    # Procedures live only in the catalogue, and have no children of their own.
    parent_page_types = ["cms_pages.ProcedureIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        indexes = [
            # `clean()` looks for another page with the same code in any
            # letter case on every full validation (each publish): without
            # this index PostgreSQL reads every procedure for it.
            models.Index(Upper("code"), name="procedure_code_upper"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def name(self) -> str:
        """The procedure's full name (the title is cut at 255 characters)."""
        return self.full_name or self.title

    @property
    def keyword_list(self) -> list[str]:
        return keywords_from_text(self.keywords)

    @property
    def accepts_online_dossiers(self) -> bool:
        return self.online_service in (OnlineService.FULL, OnlineService.PARTIAL)

    @property
    def is_same_day(self) -> bool:
        return self.processing_time_days is not None and self.processing_time_days < 1

    @cached_property
    def catalogue(self) -> Page:
        """The catalogue this procedure is listed in (set by its `route`)."""
        return self.get_parent()

    def get_context(self, request, *args, **kwargs):
        from cms_pages.procedure_sections import ProcedureSections

        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template reads them inside cached fragments, so a render
        # whose fragments are cached makes none of their queries.
        context.update(ProcedureSections(self).context())
        return context

    def clean(self):
        super().clean()
        if self.code and (clash := code_taken_by(self)) is not None:
            raise ValidationError(
                {
                    "code": _('The code "%(code)s" is already used by "%(title)s".')
                    % {"code": self.code, "title": clash}
                }
            )


class FeeApplies(models.TextChoices):
    """How a fee combines with the procedure's other fees."""

    ALWAYS = "always", _("Always paid (added to the other fees)")
    ALTERNATIVE = "alternative", _("One of several: the applicant's case decides")
    SOMETIMES = "sometimes", _("Only in some cases (the note says when)")


class ProcedureChild(TranslatableMixin, Orderable):
    """A row that belongs to one procedure page and is translated with it."""

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]


class ProcedureFee(ProcedureChild):
    """A fee or charge (phí, lệ phí). amount_vnd is empty when set elsewhere."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="fees")
    label = models.TextField(_("fee"))
    amount_vnd = models.PositiveBigIntegerField(
        _("amount (VND)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the amount is set elsewhere."),
    )
    note = models.TextField(_("note"), blank=True)
    applies = models.CharField(
        _("applies"),
        max_length=16,
        choices=FeeApplies.choices,
        default=FeeApplies.ALWAYS,
        help_text=_(
            "Fees that are always paid add up; the applicant chooses one of the "
            "alternatives; fees paid only in some cases are listed apart."
        ),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("label", widget=forms.TextInput), FieldPanel("amount_vnd")]
        ),
        FieldPanel("applies"),
        FieldPanel("note"),
    ]

    class Meta(ProcedureChild.Meta):
        verbose_name = _("fee")
        verbose_name_plural = _("fees")


class ProcedureDocument(ProcedureChild):
    """A document of the dossier (thành phần hồ sơ), with an optional form template."""

    page = ParentalKey(
        ProcedurePage, on_delete=models.CASCADE, related_name="documents"
    )
    name = models.TextField(pgettext_lazy("dossier", "document"))
    originals = models.PositiveSmallIntegerField(_("originals"), null=True, blank=True)
    copies = models.PositiveSmallIntegerField(_("copies"), null=True, blank=True)
    required = models.BooleanField(_("required"), default=True)
    filled_online = models.BooleanField(
        _("filled in online by the e-form"),
        default=False,
        help_text=_(
            "Online dossiers answer the procedure's e-form instead of uploading this."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    template_name = models.TextField(
        _("form template"), blank=True, help_text=_("e.g. Mẫu số 01/ĐK.")
    )
    template_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("template file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel(
            [
                FieldPanel("originals"),
                FieldPanel("copies"),
                FieldPanel("required"),
                FieldPanel("filled_online"),
            ]
        ),
        FieldPanel("note"),
        FieldRowPanel(
            [
                FieldPanel("template_name", widget=forms.TextInput),
                FieldPanel("template_file"),
            ]
        ),
    ]

    class Meta(ProcedureChild.Meta):
        verbose_name = pgettext_lazy("dossier", "document")
        verbose_name_plural = pgettext_lazy("dossier", "documents")


class ProcedureStep(ProcedureChild):
    """One step of the procedure (trình tự thực hiện)."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="steps")
    text = models.TextField(_("step"))

    panels = [FieldPanel("text")]

    class Meta(ProcedureChild.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")


class ProcedureLegalBasis(ProcedureChild):
    """A legal document the procedure rests on (căn cứ pháp lý)."""

    page = ParentalKey(
        ProcedurePage, on_delete=models.CASCADE, related_name="legal_bases"
    )
    text = models.TextField(_("legal document"))

    panels = [FieldPanel("text")]

    class Meta(ProcedureChild.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
