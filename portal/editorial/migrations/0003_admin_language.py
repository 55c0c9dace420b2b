"""Existing accounts without an admin language get the site's (Vietnamese), as
new accounts do (portal/editorial/signals.py)."""

from django.conf import settings
from django.db import migrations


def set_language(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    UserProfile = apps.get_model("wagtailusers", "UserProfile")
    for user in User.objects.filter(wagtail_userprofile__isnull=True):
        UserProfile.objects.create(user=user)
    UserProfile.objects.filter(preferred_language="").update(
        preferred_language=settings.LANGUAGE_CODE
    )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_roles_and_review_workflow"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(set_language, migrations.RunPython.noop)]
