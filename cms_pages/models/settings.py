"""Site-wide settings an editor fills in once per province."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


class BilingualFieldsMixin:
    """Text kept in a Vietnamese field and an English `<field>_en` field (for
    models that are not per locale): `_localised(field)` gives the English
    one on English pages when it is filled in."""

    def _localised(self, field: str) -> str:
        value = getattr(self, field)
        if (get_language() or "vi").startswith("en"):
            return getattr(self, f"{field}_en") or value
        return value


@register_setting(icon="home")
class CentreSettings(BilingualFieldsMixin, BaseSiteSetting):
    """The centre's identity and contact details, shown in header, footer and receipts.

    Text a visitor reads has a Vietnamese and an English field: site settings
    are per site, not per locale.
    """

    @classmethod
    def for_request(cls, request):
        """The site's settings for a page, from the chrome cache (every page
        shows them; cms_pages.signals clears the cache when they are saved).
        The admin edits through `for_site`, which always reads the database."""
        from cms_pages.templatetags.site_tags import CHROME_SECONDS, chrome_cache

        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        # Keyed on the host, so a view outside Wagtail's page tree (the
        # wizard) skips the site lookup too when the settings are cached.
        key = f"chrome:centre-settings:{request.get_host()}"
        instance = chrome_cache().get(key)
        if instance is None:
            instance = cls.for_site(Site.find_for_request(request))
            chrome_cache().set(key, instance, CHROME_SECONDS)
        setattr(request, attr_name, instance)
        return instance

    name = models.CharField(
        _("centre name"),
        max_length=200,
        default="Trung tâm Phục vụ hành chính công tỉnh",
    )
    name_en = models.CharField(
        _("centre name (English)"),
        max_length=200,
        default="Provincial Public Administration Service Centre",
    )
    motto = models.CharField(
        _("motto"),
        max_length=300,
        blank=True,
        default="Sự hài lòng của người dân và doanh nghiệp là thước đo chất lượng phục vụ",
    )
    motto_en = models.CharField(
        _("motto (English)"),
        max_length=300,
        blank=True,
        default="The satisfaction of citizens and businesses is the measure of our work",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    hotline = models.CharField(_("hotline"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    opening_hours_en = models.TextField(_("opening hours (English)"), blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("logo")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("motto"), FieldPanel("motto_en")], heading=_("Motto")
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldPanel("hotline"),
                FieldPanel("email"),
                FieldPanel("map_url"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("opening_hours"), FieldPanel("opening_hours_en")],
            heading=_("Opening hours"),
        ),
    ]

    class Meta:
        verbose_name = _("Centre details")
        verbose_name_plural = _("Centre details")

    @property
    def display_name(self) -> str:
        return self._localised("name")

    @property
    def display_motto(self) -> str:
        return self._localised("motto")

    @property
    def display_address(self) -> str:
        return self._localised("address")

    @property
    def display_opening_hours(self) -> str:
        return self._localised("opening_hours")
