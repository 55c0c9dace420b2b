"""Demo step for the working-day calendar: make sure the holidays exist.

Light on purpose: `demo.dossiers` generates the demo dossiers.
"""

from typing import TextIO

from portal.dossiers.calendar_data import load_calendar_days
from portal.dossiers.models import CalendarDay


def load_calendar(stdout: TextIO) -> None:
    """Pre-fill the 2026–2027 holidays if an editor emptied the calendar."""
    created = load_calendar_days(CalendarDay)
    if created:
        stdout.write(f"Added {created} working-calendar days")
