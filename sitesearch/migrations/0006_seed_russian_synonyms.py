"""The Russian texts of A/RES/60/1 and A/63/677 say «обязанность защищать»; the site says «ответственность
по защите» (third language review): a visitor's search with the UN documents' words finds the site's."""

from django.db import migrations

SEED = [
    ("ru", "обязанность защищать", "ответственность по защите"),
    ("ru", "обязанности защищать", "ответственности по защите"),
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("sitesearch", "SearchSynonym")
    for language, term, replacement in SEED:
        SearchSynonym.objects.get_or_create(language=language, term=term, defaults={"replacement": replacement})


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0005_seed_search_synonyms")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
