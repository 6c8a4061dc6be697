from django.db import migrations, models


def fill_end_dates(apps, schema_editor):
    """The history entries already in the index get their end (what a rebuild of the index would write)."""
    TimelineEvent = apps.get_model("pages", "TimelineEvent")
    SearchDocument = apps.get_model("sitesearch", "SearchDocument")
    for event in TimelineEvent.objects.exclude(end_date=None).only("pk", "date", "end_date"):
        if event.end_date != event.date:
            SearchDocument.objects.filter(source="pages.timelineevent", object_id=str(event.pk)).update(
                end_date=event.end_date
            )


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0006_seed_russian_synonyms"),
        ("pages", "0007_merge_20261129_2337"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="end_date",
            field=models.DateField(blank=True, null=True, verbose_name="end date"),
        ),
        migrations.RunPython(fill_end_dates, migrations.RunPython.noop),
    ]
