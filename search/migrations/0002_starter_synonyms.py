"""A starter list of synonyms editors can change in the admin (Search > Synonyms).

Common abbreviations, colloquial names and English terms for procedures
handled at a provincial centre.
"""

from django.db import migrations

from search.migrations._starter import STARTER


def add_starter(apps, schema_editor):
    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    for terms, note in STARTER:
        SearchSynonym.objects.get_or_create(terms=terms, defaults={"note": note})


def remove_starter(apps, schema_editor):
    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    SearchSynonym.objects.filter(terms__in=[terms for terms, _ in STARTER]).delete()


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [migrations.RunPython(add_starter, remove_starter)]
