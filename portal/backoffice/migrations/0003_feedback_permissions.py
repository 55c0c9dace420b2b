"""Editors and moderators may read and export page feedback; centre staff may
read satisfaction ratings."""

from django.db import migrations

GRANTS = {
    "Editors": [("pagefeedback", "view_pagefeedback")],
    "Moderators": [("pagefeedback", "view_pagefeedback")],
    "Bộ phận một cửa": [("dossierrating", "view_dossierrating")],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, perms in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for model, codename in perms:
            content_type, _ = ContentType.objects.get_or_create(
                app_label="backoffice", model=model
            )
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can view {model}"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0002_groups"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
