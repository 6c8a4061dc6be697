"""``TranslationSource`` now lives in the ``translations`` app (see ``translations/0001``): only the
model state leaves ``core``; the table and its rows stay, and ``translations/0001`` takes them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_merge_20261129_2235"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="TranslationSource")],
            database_operations=[],
        ),
    ]
