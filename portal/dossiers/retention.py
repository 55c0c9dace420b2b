"""Personal data kept no longer than needed (Decree 13/2023/NĐ-CP).

A closed dossier (result returned, refused or withdrawn) whose last status
change is older than PERSONAL_DATA_RETENTION_DAYS is anonymised by
`manage.py purge_personal_data` (daily, docs/operations.md): the applicant's
name, ID number, birth date, phone, email and addresses are blanked, the
status notes and rating comment (free text that may name people) are
emptied, the e-form answers are emptied (the copy of the form they answered,
which holds no personal data, stays), and the documents (uploads and the
e-form declaration PDF) are deleted with their files. The dossier
row, its status events, outcome and rating scores stay, so the statistics
keep every count; the record keeps its code, procedure, agency, dates and the
consent version the citizen accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from portal.eforms.models import FilledForm
from portal.retention import cutoff

from .files import delete_quietly
from .models import Dossier, DossierStatus

FINAL_STATUSES = (
    DossierStatus.RESULT_RETURNED,
    DossierStatus.REFUSED,
    DossierStatus.WITHDRAWN,
)
# Personal fields and what they become.
BLANKED = {
    "applicant_name": "",
    "applicant_id_number": "",
    "applicant_birth_date": None,
    "applicant_phone": "",
    "applicant_email": "",
    "applicant_address": "",
    "organisation_name": "",
    "organisation_tax_code": "",
    "organisation_representative": "",
    "postal_address": "",
}


def due_for_anonymising(now: datetime | None = None) -> QuerySet:
    """Closed dossiers, not anonymised yet, last changed before the cut-off."""
    return (
        Dossier.objects.filter(status__in=FINAL_STATUSES, anonymised_at__isnull=True)
        .annotate(last_change=Max("events__created_at"))
        .filter(last_change__lt=cutoff(now))
    )


@dataclass
class PurgeResult:
    dossiers: int = 0
    documents: int = 0


def anonymise(dossier: Dossier, now: datetime | None = None) -> int:
    """Blank one dossier's personal data and delete its files. Returns the
    number of documents deleted."""
    names = [
        document.file.name for document in dossier.documents.all() if document.file
    ]
    with transaction.atomic():
        for field, value in BLANKED.items():
            setattr(dossier, field, value)
        dossier.anonymised_at = now or timezone.now()
        dossier.save(update_fields=[*BLANKED, "anonymised_at"])
        dossier.events.exclude(note="").update(note="")
        rating = getattr(dossier, "rating", None)
        if rating is not None and getattr(rating, "comment", ""):
            rating.comment = ""
            rating.save(update_fields=["comment"])
        FilledForm.objects.filter(dossier=dossier).update(answers={})
        count, _per_model = dossier.documents.all().delete()
        transaction.on_commit(lambda: delete_quietly(names))
    return len(names)


def purge_personal_data(
    now: datetime | None = None, dry_run: bool = False
) -> PurgeResult:
    """Anonymise every dossier past its retention period."""
    result = PurgeResult()
    for dossier in due_for_anonymising(now).iterator():
        result.dossiers += 1
        if dry_run:
            result.documents += dossier.documents.count()
        else:
            result.documents += anonymise(dossier, now)
    return result
