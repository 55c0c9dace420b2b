"""Ratings and page feedback move to the `transparency` app (issue 9).

The rows stay: the tables are renamed to the new app's names here, and
`transparency.0001_move_from_backoffice` takes the models into its state (and
moves their content types, so permissions and group grants follow).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("backoffice", "0003_feedback_permissions")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("DossierRating", "transparency_dossierrating"),
                migrations.AlterModelTable("PageFeedback", "transparency_pagefeedback"),
            ],
            state_operations=[
                migrations.DeleteModel("DossierRating"),
                migrations.DeleteModel("PageFeedback"),
            ],
        )
    ]
