"""Admin listing of officials: which agency each one works for (Settings menu)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import OfficialProfile


class OfficialProfileViewSet(ModelViewSet):
    """Which agency each official works for (in the Settings menu)."""

    model = OfficialProfile
    icon = "user"
    menu_label = _("Officials")
    name = "backoffice_officials"
    url_prefix = "can-bo"
    add_to_settings_menu = True
    list_display = ["user", "agency", "receive_warnings"]
    list_filter = ["agency"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    search_backend_name = None
    form_fields = ["user", "agency", "receive_warnings"]


officials_viewset = OfficialProfileViewSet()
