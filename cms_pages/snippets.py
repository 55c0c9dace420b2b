"""Translatable snippets that procedures point at: sectors and agencies."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from portal.text import ascii_slug


class SlugFromNameMixin:
    """Fills an empty `slug` from `name` (ASCII, diacritics folded) on save."""

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = ascii_slug(self.name, 100)
        super().save(*args, **kwargs)


class Sector(SlugFromNameMixin, TranslatableMixin, index.Indexed, models.Model):
    """A field of administration (lĩnh vực), e.g. "Đất đai", "Hộ tịch"."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # The admin's listings and choosers filter by language before searching.
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Agency(SlugFromNameMixin, TranslatableMixin, index.Indexed, models.Model):
    """An implementing agency (cơ quan thực hiện), e.g. "Sở Tư pháp"."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)
    code_prefix = models.CharField(
        _("dossier code prefix"),
        max_length=10,
        blank=True,
        help_text=_("Short letters that start this agency's dossier codes, e.g. STP."),
    )
    counter = models.CharField(
        _("counter at the centre"),
        max_length=20,
        blank=True,
        help_text=_(
            "The number of the counter where this agency receives dossiers and "
            "returns results at the centre, e.g. 5 or 5-6."
        ),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("code_prefix"),
        FieldPanel("counter"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # The admin's listings and choosers filter by language before searching.
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
