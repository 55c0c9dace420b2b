"""Satisfaction ratings and page feedback, created by the back-office app and
moved here with their rows (issue 9).

`backoffice.0004_move_public_feedback` renamed the tables; this migration only
adds the models to this app's state, then renames their content types so the
permissions (and the groups holding them, see backoffice.0003) follow.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ("dossierrating", "pagefeedback")
SCORE = [
    django.core.validators.MinValueValidator(1),
    django.core.validators.MaxValueValidator(5),
]


def relabel_content_types(source: str, target: str):
    """A RunPython function moving these models' content types between apps."""

    def relabel(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        for model in MODELS:
            old = ContentType.objects.filter(app_label=source, model=model).first()
            if old is None:
                continue
            new = ContentType.objects.filter(app_label=target, model=model).first()
            if new is None:
                old.app_label = target
                old.save(update_fields=["app_label"])
                continue
            # Both exist (the new one was created meanwhile): copy the grants.
            for permission in Permission.objects.filter(content_type=old):
                same = Permission.objects.filter(
                    content_type=new, codename=permission.codename
                ).first()
                if same is not None:
                    for group in permission.group_set.all():
                        group.permissions.add(same)

    return relabel


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("backoffice", "0004_move_public_feedback"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("dossiers", "0003_code_counter"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PageFeedback",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("helpful", models.BooleanField(verbose_name="helpful")),
                        ("comment", models.TextField(blank=True, verbose_name="comment")),
                        ("language", models.CharField(blank=True, max_length=8, verbose_name="language")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="answered at")),
                        ("page", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="feedback", to=settings.WAGTAIL_PAGE_MODEL, verbose_name="page")),
                    ],
                    options={
                        "verbose_name": "page feedback",
                        "verbose_name_plural": "page feedback",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="DossierRating",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("overall", models.PositiveSmallIntegerField(validators=SCORE, verbose_name="overall satisfaction")),
                        ("clarity", models.PositiveSmallIntegerField(validators=SCORE, verbose_name="clarity of instructions")),
                        ("punctuality", models.PositiveSmallIntegerField(validators=SCORE, verbose_name="punctuality")),
                        ("attitude", models.PositiveSmallIntegerField(validators=SCORE, verbose_name="attitude of staff")),
                        ("comment", models.TextField(blank=True, verbose_name="comment")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="rated at")),
                        ("dossier", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="rating", to="dossiers.dossier", verbose_name="dossier")),
                    ],
                    options={
                        "verbose_name": "satisfaction rating",
                        "verbose_name_plural": "satisfaction ratings",
                        "ordering": ["-created_at"],
                        "constraints": [models.CheckConstraint(condition=models.Q(("overall__gte", 1), ("overall__lte", 5), ("clarity__gte", 1), ("clarity__lte", 5), ("punctuality__gte", 1), ("punctuality__lte", 5), ("attitude__gte", 1), ("attitude__lte", 5)), name="rating_scores_1_to_5")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            relabel_content_types("backoffice", "transparency"),
            relabel_content_types("transparency", "backoffice"),
        ),
    ]
