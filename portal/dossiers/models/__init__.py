"""Dossiers (hồ sơ) filed online, their documents, their history, wizard drafts,
dossier codes and the working-day calendar that sets appointment dates.

One module per family; everything is importable from `portal.dossiers.models`
(migrations refer to the callables below by that path).
"""

from .codes import VERIFICATION_ALPHABET, DossierCodeCounter, new_verification_code
from .documents import (
    DocumentSource,
    DossierDocument,
    StoredFileMixin,
    dossier_file_name,
    private_storage,
)
from .dossier import (
    CLOSED_STATUSES,
    RESOLVED_STATUSES,
    ApplicantType,
    Dossier,
    DossierQuerySet,
    DossierStatus,
    ReceiptMethod,
    StatusEvent,
)
from .drafts import (
    DRAFT_RETENTION_DAYS,
    DossierDraft,
    DraftUpload,
    draft_expiry,
    new_resume_token,
)
from .working_time import CalendarDay, CalendarDayKind, WorkingTimeSettings

__all__ = [
    "CLOSED_STATUSES",
    "DRAFT_RETENTION_DAYS",
    "RESOLVED_STATUSES",
    "VERIFICATION_ALPHABET",
    "ApplicantType",
    "CalendarDay",
    "CalendarDayKind",
    "DocumentSource",
    "Dossier",
    "DossierCodeCounter",
    "DossierDocument",
    "DossierDraft",
    "DossierQuerySet",
    "DossierStatus",
    "DraftUpload",
    "ReceiptMethod",
    "StatusEvent",
    "StoredFileMixin",
    "WorkingTimeSettings",
    "dossier_file_name",
    "draft_expiry",
    "new_resume_token",
    "new_verification_code",
    "private_storage",
]
