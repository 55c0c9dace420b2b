"""Wizard drafts: the server-side state of one wizard run and its uploads,
purged `DRAFT_RETENTION_DAYS` after their last save (purge_dossier_drafts)."""

import secrets
import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .documents import StoredFileMixin

DRAFT_RETENTION_DAYS = 30


def new_resume_token() -> str:
    return secrets.token_urlsafe(32)


def draft_expiry():
    return timezone.now() + timedelta(days=DRAFT_RETENTION_DAYS)


class DossierDraft(models.Model):
    """Server-side state of one wizard run (one tab, one dossier).

    `instance_id` is in every wizard URL, so two tabs never share state; the
    owner session key binds it to a browser. `resume_token` is the secret of the
    emailed resume link that re-binds the draft to another browser. Drafts are
    purged `DRAFT_RETENTION_DAYS` after their last save.
    """

    instance_id = models.UUIDField(
        _("wizard id"), unique=True, default=uuid.uuid4, editable=False
    )
    resume_token = models.CharField(
        _("resume token"),
        max_length=64,
        unique=True,
        default=new_resume_token,
        editable=False,
    )
    session_key = models.CharField(
        _("session"), max_length=40, blank=True, db_index=True
    )
    procedure = models.ForeignKey(
        "cms_pages.ProcedurePage",
        verbose_name=_("procedure"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, default="vi")
    current_step = models.CharField(_("current step"), max_length=32, blank=True)
    data = models.JSONField(_("answers"), default=dict, blank=True)
    email = models.EmailField(_("email for the resume link"), blank=True)
    resume_link_sent_at = models.DateTimeField(
        _("resume link sent at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    expires_at = models.DateTimeField(
        _("expires at"), default=draft_expiry, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier draft")
        verbose_name_plural = _("dossier drafts")

    def __str__(self) -> str:
        return str(self.instance_id)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    def touch(self) -> None:
        """Push the expiry back: the 30 days count from the last save."""
        self.expires_at = draft_expiry()


class DraftUpload(StoredFileMixin):
    """A file uploaded during the wizard, stored at once so it survives going
    back and forth (formtools #207/#98); moved into the dossier on submit."""

    draft = models.ForeignKey(
        DossierDraft,
        verbose_name=_("draft"),
        on_delete=models.CASCADE,
        related_name="uploads",
    )
    field_name = models.CharField(_("form field"), max_length=64)
    procedure_document = models.ForeignKey(
        "cms_pages.ProcedureDocument",
        verbose_name=_("procedure document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_name = models.TextField(pgettext_lazy("dossier", "document"), blank=True)

    class Meta:
        verbose_name = _("draft upload")
        verbose_name_plural = _("draft uploads")
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "field_name"], name="one_upload_per_draft_field"
            )
        ]

    def __str__(self) -> str:
        return f"{self.draft_id}: {self.field_name}"
