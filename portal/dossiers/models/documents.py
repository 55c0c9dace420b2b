"""The files of a dossier, stored privately (never served by URL)."""

import os
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


def dossier_file_name(dossier: Dossier, extension: str, written_at=None) -> str:
    """Where a dossier's file is stored: our own random name, never the user's.

    Filed by the month it is written (the receipt month for the submitted
    files): the orphan sweep of portal.dossiers.files looks in the last two
    months' folders only, so a supplement or result file left by a crash on
    an old dossier is found too.
    """
    local = timezone.localtime(written_at or dossier.received_at)
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

    @classmethod
    def store(
        cls,
        dossier: Dossier,
        upload,
        info,
        *,
        name: str,
        source: str,
        written: list[str],
        **fields,
    ) -> "DossierDocument":
        """Save a checked upload (`info`: validators.CheckedFile) under a name
        of ours, then the row that names it (never a row without its file).

        The stored name is appended to `written` as soon as the file exists:
        the caller removes those files when its transaction fails
        (portal.dossiers.files.removed_on_failure).
        """
        document = cls(
            dossier=dossier,
            document_name=name,
            original_name=os.path.basename(upload.name)[:255],
            size=info.size,
            content_type=info.content_type,
            sha256=info.sha256,
            source=source,
            **fields,
        )
        document.file.save(
            dossier_file_name(dossier, info.extension, timezone.now()),
            upload,
            save=False,
        )
        written.append(document.file.name)
        document.save()
        return document
