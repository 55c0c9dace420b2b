"""Demo step for the dossier app: make sure the working-day calendar exists.

Light on purpose: the back office's demo step generates the demo dossiers.
"""

from typing import TextIO

from .calendar_data import load_calendar_days
from .models import CalendarDay


def load_calendar(stdout: TextIO) -> None:
    """Pre-fill the 2026–2027 holidays if an editor emptied the calendar."""
    created = load_calendar_days(CalendarDay)
    if created:
        stdout.write(f"Added {created} working-calendar days")
