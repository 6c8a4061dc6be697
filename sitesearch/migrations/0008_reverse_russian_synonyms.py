"""The site now says «обязанность защищать», as the UN's Russian texts do (fourth language review,
issue 23): the synonyms seeded by 0006 (UN form searched as the site's old form) are turned around, so
that a visitor who types «ответственность по защите» still finds the pages. A synonym staff changed
is left as it is."""

from django.db import migrations

SEEDED = [
    ("ru", "обязанность защищать", "ответственность по защите"),
    ("ru", "обязанности защищать", "ответственности по защите"),
]


def reverse_seeded(apps, schema_editor):
    SearchSynonym = apps.get_model("sitesearch", "SearchSynonym")
    for language, term, replacement in SEEDED:
        SearchSynonym.objects.filter(language=language, term=term, replacement=replacement).delete()
        SearchSynonym.objects.get_or_create(language=language, term=replacement, defaults={"replacement": term})


def restore_seeded(apps, schema_editor):
    SearchSynonym = apps.get_model("sitesearch", "SearchSynonym")
    for language, term, replacement in SEEDED:
        SearchSynonym.objects.filter(language=language, term=replacement, replacement=term).delete()
        SearchSynonym.objects.get_or_create(language=language, term=term, defaults={"replacement": replacement})


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0007_search_document_end_date")]
    operations = [migrations.RunPython(reverse_seeded, restore_seeded)]
