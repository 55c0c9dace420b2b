"""The abstract page every public page type extends."""

from django.db import models
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction

from cms_pages.forms import PortalPageForm, unique_child_slug
from portal.page_queries import specific_child


class SocialMixin(models.Model):
    """Open Graph image for link previews; title and description come from Page."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on social networks (1200×630)."),
    )

    class Meta:
        abstract = True


class BasePage(SocialMixin, Page):
    """Shared fields and promote panels for every page of the portal."""

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, heading=_("For search engines")),
        FieldPanel("social_image"),
    ]

    # Open Graph object type; news items say "article".
    og_type = "website"
    base_form_class = PortalPageForm

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # Wagtail would make a missing slug from the title keeping Vietnamese
        # letters (or, with WAGTAIL_ALLOW_UNICODE_SLUGS off, dropping "đ"):
        # make it ASCII first ("Đăng ký" → "dang-ky"), unique among siblings.
        if not self.slug and self.title and self.path:
            self.slug = unique_child_slug(self.get_parent(), self.title, self)
        super().full_clean(*args, **kwargs)

    @property
    def meta_description(self) -> str:
        """What search engines and link previews show under the title."""
        return self.search_description

    def get_context(self, request, *args, **kwargs):
        from cms_pages.roadmap import choose_journeys

        context = super().get_context(request, *args, **kwargs)
        body = getattr(self, "body", None)
        if body:
            # Roadmaps in the body read the conditions the visitor ticked.
            choose_journeys(body, request.GET)
        return context

    def route(self, request, path_components):
        """Wagtail's routing, reading each child page in one query once this
        process knows its page type (portal.page_queries.specific_child)."""
        if not path_components:
            return super().route(request, path_components)
        slug, *rest = path_components
        child = specific_child(self, slug)
        if child is None:
            raise Http404
        return child.route(request, rest)

    def get_view_restrictions(self):
        """Wagtail's rule in one query instead of two: the restrictions on this
        page and its ancestors, an alias taking its source page's; none at all
        when routing already found neither a restriction nor an alias on the
        page's path (portal.page_queries.with_view_check)."""
        if self.__dict__.get("path_restricted") is False and not self.__dict__.get(
            "path_aliased", True
        ):
            return PageViewRestriction.objects.none()
        lineage = Page.objects.ancestor_of(self, inclusive=True).order_by()
        sources = lineage.annotate(source=Coalesce("alias_of_id", "id"))
        return PageViewRestriction.objects.filter(page_id__in=sources.values("source"))
