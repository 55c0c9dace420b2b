"""Labels for the fields Wagtail's link choosers leave unlabelled.

Django labels an unlabelled form field with its name, in English whatever
the admin language: the rich text editor's link dialogs read "Link text",
"Subject", "Body" to a Vietnamese editor. Wagtail defines these forms as
plain classes (wagtail/admin/forms/choosers.py) and renders them through its
own views, so the labels are set on the classes' fields once, at start-up.
A field Wagtail labels itself one day keeps Wagtail's label.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LINK_FIELD_LABELS = {
    "link_text": _("Link text"),
    "email_address": _("Email address"),
    "subject": pgettext_lazy("link chooser", "Subject"),
    "body": pgettext_lazy("link chooser", "Body"),
    "phone_number": pgettext_lazy("link chooser", "Phone number"),
}


def label_link_chooser_fields() -> None:
    """Give the link choosers' unlabelled fields a translated label."""
    from wagtail.admin.forms import choosers

    for form in (
        choosers.ExternalLinkChooserForm,
        choosers.AnchorLinkChooserForm,
        choosers.EmailLinkChooserForm,
        choosers.PhoneLinkChooserForm,
    ):
        for name, field in form.base_fields.items():
            if field.label is None and name in LINK_FIELD_LABELS:
                field.label = LINK_FIELD_LABELS[name]
