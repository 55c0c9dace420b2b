"""Pre-fill the working-day calendar for 2026 and 2027 (see calendar_data.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from portal.dossiers.calendar_data import load_calendar_days

    load_calendar_days(apps.get_model("dossiers", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
