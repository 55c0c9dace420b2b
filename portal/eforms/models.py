"""E-forms: the definitions editors build (`EForm`, a translatable snippet
linked from any number of procedures) and what a dossier kept of one
(`FilledForm`: the answers and a snapshot of the definition they answer).

Data flow: editor → EForm → wizard (the draft snapshots the definition) →
FilledForm with the dossier → back office, tracking, CSV, declaration PDF.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index

from portal.text import ascii_slug

from .blocks import FormSectionsBlock
from .definition import Definition


class EForm(
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A declaration form (tờ khai) built from sections and questions.

    One national form often serves several procedures, so procedures point at
    it. Only the published version is used by the wizard and the API; drafts
    are previewed in the admin.
    """

    title = models.CharField(_("title"), max_length=255)
    key = models.SlugField(
        _("key"),
        max_length=80,
        blank=True,
        help_text=_(
            "Names this form in catalogue files; made from the title when empty."
        ),
    )
    reference = models.CharField(
        _("legal form number"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Mẫu số 01 ban hành kèm theo Thông tư 04/2024/TT-BTP."),
    )
    signature = models.BooleanField(
        _("signature place"),
        default=True,
        help_text=_("The printed declaration has a place for the signature."),
    )
    signature_caption = models.CharField(
        _("signature caption"),
        max_length=120,
        blank=True,
        help_text=_("Who signs, e.g. Người yêu cầu. Empty: the applicant."),
    )
    sections = StreamField(FormSectionsBlock(), verbose_name=_("sections"))

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("key"), FieldPanel("reference")]),
        MultiFieldPanel(
            [FieldPanel("signature"), FieldPanel("signature_caption")],
            heading=_("Signature"),
        ),
        FieldPanel("sections"),
    ]
    # The admin's listing and chooser filter by language before searching.
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("e-form")
        verbose_name_plural = _("e-forms")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "locale"], name="eform_key_unique_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = ascii_slug(self.title, 80) or "form"
        super().save(*args, **kwargs)

    @property
    def definition(self) -> Definition:
        """This form (as it is in this object) in the shape of CONTRACTS.md."""
        from .serialization import form_definition

        return form_definition(self)

    def get_preview_template(self, request, mode_name):
        return "eforms/preview.html"

    def get_preview_context(self, request, mode_name):
        from .preview import preview_context

        context = super().get_preview_context(request, mode_name)
        context.update(preview_context(self.definition))
        return context


class FilledForm(models.Model):
    """The e-form of one dossier as the citizen filled it in.

    `definition` is a copy of the form taken when the citizen started, in the
    dossier's language; editing or deleting the form later changes nothing
    here. `answers` maps machine names to JSON values (see answers.py).
    """

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="filled_form",
    )
    form = models.ForeignKey(
        EForm,
        verbose_name=_("e-form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The form it came from, while that form exists."),
    )
    form_key = models.CharField(_("form key"), max_length=80, db_index=True)
    title = models.TextField(_("title"))
    language = models.CharField(_("language"), max_length=8)
    definition = models.JSONField(_("form as filled in"))
    answers = models.JSONField(_("answers"), default=dict)
    declaration = models.ForeignKey(
        "dossiers.DossierDocument",
        verbose_name=_("declaration PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("filled-in e-form")
        verbose_name_plural = _("filled-in e-forms")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.title}"
