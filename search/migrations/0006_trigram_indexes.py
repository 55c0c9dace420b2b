"""Trigram indexes for the database fallback on PostgreSQL.

The fallback matches words with `LIKE '% word %'` on folded text; pg_trgm's GIN
indexes turn those into index scans, so a search over 10,000 procedures reads
only the rows holding the words. SQLite (`make run`) has no such index and
needs none at the sizes it serves; nothing happens there.
"""

from django.db import migrations

COLUMNS = ("name_folded", "keywords_folded", "other_folded", "summary_folded")
TABLE = "portal_search_proceduresearchtext"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_text_{column}_trgm "
            f"ON {TABLE} USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_text_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0005_starter_synonyms_into_thesaurus")]

    operations = [migrations.RunPython(create, drop)]
