from django.db import migrations

SEED = [
    ("zh-hans", "保护的责任", "保护责任"),
    ("zh-hans", "种族灭绝", "灭绝种族"),
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("sitesearch", "SearchSynonym")
    for language, term, replacement in SEED:
        SearchSynonym.objects.get_or_create(language=language, term=term, defaults={"replacement": replacement})


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0004_search_synonyms")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
