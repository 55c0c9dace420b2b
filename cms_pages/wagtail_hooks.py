"""Admin registrations: catalogue snippets (sectors, agencies) and site snippets
(alert banners, menus) get their own listings."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms_pages.chrome import AlertBanner, NavigationMenu
from cms_pages.snippets import Agency, Sector


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agencies")
    list_display = ["name", "code_prefix", "phone", "email"]
    search_fields = ["name"]
    ordering = ["name"]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    items = (SectorViewSet, AgencyViewSet)
    menu_icon = "list-ul"
    menu_label = _("Catalogue")
    menu_name = "catalogue"


register_snippet(CatalogueViewSetGroup)


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = _("Alert banners")
    list_display = ["title", "active", "starts_at", "ends_at"]
    list_filter = ["active"]
    search_fields = ["title"]


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Menus and footer")
    list_display = ["title", "location", "sort_order"]
    list_filter = ["location"]


class SiteViewSetGroup(SnippetViewSetGroup):
    items = (AlertBannerViewSet, NavigationMenuViewSet)
    menu_icon = "site"
    menu_label = _("Site")
    menu_name = "site-content"


register_snippet(SiteViewSetGroup)
