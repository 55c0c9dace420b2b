"""How long personal data is kept (Decree 13/2023/NĐ-CP).

One period, PERSONAL_DATA_RETENTION_DAYS, for every record that names a
citizen: a closed dossier (portal/dossiers/retention.py), a closed question
(portal/questions/retention.py) and a past visit booking
(portal/appointments/retention.py). Each app decides what it blanks and what
it keeps for the statistics; `manage.py purge_personal_data` (daily) runs
them all.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone


def retention_days() -> int:
    return int(getattr(settings, "PERSONAL_DATA_RETENTION_DAYS", 5 * 365))


def cutoff(now: datetime | None = None) -> datetime:
    """Records whose last change is older than this lose their personal data."""
    return (now or timezone.now()) - timedelta(days=retention_days())
