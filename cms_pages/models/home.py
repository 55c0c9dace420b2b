"""The home page: the root of each language's tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField

from cms_pages.blocks import BodyStreamBlock

from .base import BasePage


class HomePage(BasePage):
    """Entry point of the portal: search first, then ways into the catalogue."""

    hero_title = models.CharField(
        _("headline"), max_length=200, default="Tra cứu và nộp hồ sơ thủ tục hành chính"
    )
    hero_text = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]

    template = "pages/home_page.html"
    # The home page is the root of a language tree; it lives only at the top.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .catalogue import ProcedureIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = ProcedureIndexPage.objects.live().child_of(self).first()
        return context
