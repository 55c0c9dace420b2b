"""The e-form snippet in the admin: list, edit with live preview, history,
translations (wagtail-localize adds its Translate action to snippets)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EForm


class EFormViewSet(SnippetViewSet):
    model = EForm
    icon = "form"
    menu_label = _("E-forms")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "key", "reference", "live"]
    list_filter = ["live"]
    search_fields = ["title"]
    ordering = ["title"]


register_snippet(EFormViewSet)
