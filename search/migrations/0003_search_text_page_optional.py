import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0001_initial"),
        ("portal_search", "0002_starter_synonyms"),
    ]

    operations = [
        migrations.AlterField(
            model_name="proceduresearchtext",
            name="page",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="cms_pages.procedurepage",
            ),
        ),
    ]
