"""The files of a dossier, stored privately (never served by URL)."""

import secrets

from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .dossier import Dossier


def private_storage():
    """The storage that is never served by URL (settings.STORAGES["private"]).

    A callable, so migrations do not freeze a path and tests can swap it.
    """
    return storages["private"]


def dossier_file_name(dossier: Dossier, extension: str) -> str:
    """Where a dossier's file is stored: our own random name, never the user's."""
    local = timezone.localtime(dossier.received_at)
    extension = f".{extension.lstrip('.')}" if extension else ""
    return f"dossiers/{local:%Y/%m}/{dossier.code}/{secrets.token_hex(12)}{extension}"


class DocumentSource(models.TextChoices):
    """When a file was added to the dossier."""

    SUBMISSION = "submission", _("Submitted with the dossier")
    SUPPLEMENT = "supplement", _("Supplement")
    RESULT = "result", _("Result")


class StoredFileMixin(models.Model):
    """What we record about every uploaded file. The stored name is ours, never
    the user's; the original name is kept only to show it back."""

    file = models.FileField(_("file"), storage=private_storage, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        abstract = True


class DossierDocument(StoredFileMixin):
    """One file of a dossier, answering one document of the procedure."""

    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    procedure_document = models.ForeignKey(
        "cms_pages.ProcedureDocument",
        verbose_name=_("procedure document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_name = models.TextField(
        pgettext_lazy("dossier", "document"),
        help_text=_("The procedure document's name, copied at upload."),
    )
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=DocumentSource.choices,
        default=DocumentSource.SUBMISSION,
    )

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["dossier", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier.code}: {self.document_name}"
