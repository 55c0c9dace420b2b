"""The starter synonym list of 0002 now lives in the shipped thesaurus
(search/vocabulary/), applied on both backends without editor rows. Remove the
starter groups editors left unchanged; groups they edited or added stay."""

from django.db import migrations

from search.migrations import _starter


def remove_unchanged(apps, schema_editor):
    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    for terms, note in _starter.STARTER:
        SearchSynonym.objects.filter(terms=terms, note=note).delete()


def restore(apps, schema_editor):
    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    for terms, note in _starter.STARTER:
        SearchSynonym.objects.get_or_create(terms=terms, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0004_search_text_fields")]

    operations = [migrations.RunPython(remove_unchanged, restore)]
