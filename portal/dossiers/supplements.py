"""The applicant's supplement: the upload form for the documents an agency
asked for, and storing them.

The request itself is the officials' (portal.backoffice.models.SupplementRequest,
created by the "request_supplement" action); storing the files records the
"record_supplement" action through the back office's status machine, which
sends the dossier back to the agency.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.backoffice.models import SupplementItem, SupplementRequest
from portal.backoffice.workflow import perform

from .files import removed_on_failure
from .models import (
    DocumentSource,
    Dossier,
    DossierDocument,
    DossierStatus,
)
from .validators import check_upload


def open_request(dossier: Dossier) -> SupplementRequest | None:
    """The supplement request the applicant still has to answer, if any."""
    if dossier.status != DossierStatus.SUPPLEMENT_REQUESTED:
        return None
    return (
        SupplementRequest.objects.filter(dossier=dossier, fulfilled_at__isnull=True)
        .prefetch_related("items")
        .first()
    )


class SupplementUploadForm(forms.Form):
    """One file per missing document of the open supplement request.

    Each file goes through the same checks as the wizard's uploads; the checked
    files are in `checked` (item pk → (upload, file info)) once `is_valid()`.
    """

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.checked: dict = {}
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.FileField(
                label=item.document_name,
                help_text=item.note,
                widget=forms.ClearableFileInput(
                    attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/*"}
                ),
            )

    def item_fields(self):
        return [(item, self[f"item_{item.pk}"]) for item in self.items]

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            upload = cleaned.get(f"item_{item.pk}")
            if upload is None:
                continue
            try:
                self.checked[item.pk] = (upload, check_upload(upload))
            except ValidationError as error:
                self.add_error(f"item_{item.pk}", error)
        return cleaned


def store_supplement(
    dossier: Dossier, items: list[SupplementItem], checked: dict
) -> None:
    """Save the files, link them to the request's items and record the supplement."""
    with removed_on_failure() as written, transaction.atomic():
        for item in items:
            upload, info = checked[item.pk]
            document = DossierDocument.store(
                dossier,
                upload,
                info,
                name=item.document_name,
                source=DocumentSource.SUPPLEMENT,
                procedure_document_id=item.procedure_document_id,
                written=written,
            )
            item.document = document
            item.save(update_fields=["document"])
        perform(
            dossier,
            "record_supplement",
            by_applicant=True,
            note=_("The applicant sent the requested documents online."),
        )
