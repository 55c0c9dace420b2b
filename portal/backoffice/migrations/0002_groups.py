"""The two back-office groups: agency officials and centre staff."""

from django.db import migrations

from ._groups import create_groups


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
