"""Admin registrations: catalogue snippets (sectors, agencies) and site snippets
(alert banners, menus) get their own listings.

Every listing shows and filters the language of each row: editors keep both
languages of a sector or a banner side by side.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms_pages.chrome import AlertBanner, NavigationMenu
from cms_pages.snippets import Agency, Sector
from portal.editorial.listings import (
    TranslatableSnippetViewSet,
    language_column,
    language_filters,
)


class OnOffColumn(Column):
    """A yes/no field read as words ("On", "Off"), not Python's True/False."""

    def get_value(self, instance):
        return _("On") if super().get_value(instance) else _("Off")


class SectorViewSet(TranslatableSnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors")
    list_display = ["name", language_column(), "slug"]
    filterset_class = language_filters(Sector)
    search_fields = ["name"]
    ordering = ["name"]


class AgencyViewSet(TranslatableSnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agencies")
    list_display = [
        "name",
        language_column(),
        "code_prefix",
        "phone",
        "email",
    ]
    filterset_class = language_filters(Agency)
    search_fields = ["name"]
    ordering = ["name"]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    items = (SectorViewSet, AgencyViewSet)
    menu_icon = "list-ul"
    menu_label = _("Catalogue")
    menu_name = "catalogue"


register_snippet(CatalogueViewSetGroup)


class AlertBannerViewSet(TranslatableSnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = _("Alert banners")
    list_display = [
        "title",
        language_column(),
        OnOffColumn("active", label=_("Switched on")),
        "starts_at",
        "ends_at",
    ]
    filterset_class = language_filters(AlertBanner, ("active",))
    search_fields = ["title"]


class NavigationMenuViewSet(TranslatableSnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Menus and footer")
    list_display = [
        "title",
        language_column(),
        "location",
        "sort_order",
    ]
    filterset_class = language_filters(NavigationMenu, ("location",))
    search_fields = ["title"]


class SiteViewSetGroup(SnippetViewSetGroup):
    items = (AlertBannerViewSet, NavigationMenuViewSet)
    # Not the globe: Reports has it.
    menu_icon = "warning"
    # Not "Site": Wagtail's Settings → Sites is something else.
    menu_label = _("Banners, menus")
    menu_name = "site-content"


register_snippet(SiteViewSetGroup)
