"""Results delivered online: the signed files an official attaches when a
dossier is decided or its result returned, which the applicant downloads from
the tracking page (views/tracking.result_file).

Result files are ordinary `DossierDocument`s of the dossier (source "result"),
stored like the dossier's other files (crash-safe: portal.dossiers.files),
so whatever removes a dossier's files under the retention rules removes its
results too.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext

from .models import (
    DocumentSource,
    Dossier,
    DossierDocument,
    ReceiptMethod,
)
from .validators import CheckedFile

# The actions that hand over a result: a decision, or returning it.
RESULT_ACTIONS = ("approve", "refuse", "return_result")
# For online delivery the signed result must exist once the result is ready.
REQUIRED_FOR = ("approve", "return_result")


def result_files(dossier: Dossier) -> QuerySet[DossierDocument]:
    """The dossier's result files, oldest first."""
    return dossier.documents.filter(source=DocumentSource.RESULT).order_by(
        "uploaded_at", "pk"
    )


def needs_signed_result(dossier: Dossier, action_name: str) -> bool:
    """Must `action_name` come with a result file (online delivery, none yet)?"""
    return (
        action_name in REQUIRED_FOR
        and dossier.receipt_method == ReceiptMethod.ONLINE
        and not result_files(dossier).exists()
    )


def result_name(dossier: Dossier) -> str:
    """What the result files are called: the procedure's result (its page is in
    the dossier's language), else "Result" in that language."""
    result = getattr(dossier.procedure, "result", "") if dossier.procedure_id else ""
    if result:
        return result
    with translation.override(dossier.language):
        return gettext("Result")


def store_result_files(
    dossier: Dossier,
    uploads: Sequence[tuple[UploadedFile, CheckedFile]],
    written: list[str],
) -> list[DossierDocument]:
    """Save checked uploads as the dossier's result files, inside the caller's
    transaction; `written` collects the stored names (files.removed_on_failure)."""
    name = result_name(dossier)
    return [
        DossierDocument.store(
            dossier,
            upload,
            info,
            name=name,
            source=DocumentSource.RESULT,
            written=written,
        )
        for upload, info in uploads
    ]
