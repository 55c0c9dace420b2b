"""The e-form snippet in the admin: list, edit with live preview, history,
translations (wagtail-localize adds its Translate action to snippets)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet

from portal.editorial.listings import (
    TranslatableSnippetViewSet,
    language_column,
    language_filters,
)

from .models import EForm


class EFormViewSet(TranslatableSnippetViewSet):
    model = EForm
    icon = "form"
    menu_label = _("E-forms")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "title",
        language_column(),
        "key",
        "reference",
        LiveStatusTagColumn(),
    ]
    filterset_class = language_filters(EForm, ("live",))
    search_fields = ["title"]
    ordering = ["title"]


register_snippet(EFormViewSet)
