"""Give the back-office groups the counter screens, and centre staff the
counters, counter groups and booking settings to keep."""

from django.db import migrations

from ._groups import grant


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0001_initial"),
        ("backoffice", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
