"""E-forms for the editorial roles: editors draft them, reviewers publish them
(portal/editorial/roles.py)."""

from django.db import migrations

from portal.editorial.roles import set_up_roles


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_admin_language"),
        ("eforms", "0001_initial"),
    ]

    operations = [migrations.RunPython(set_up_roles, migrations.RunPython.noop)]
