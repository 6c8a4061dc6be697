"""``TranslationSource`` moves from ``core`` to ``translations``, keeping its rows: the model state is
created here over the existing table (``core_translationsource``, made by ``core/0002``), the table is
renamed to ``translations_translationsource`` and the content type follows (so permissions that point
to it are unchanged). ``core/0004`` dropped the old model state first. On a new database the same
steps run on the empty table."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="core", target="translations"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    old = ContentType.objects.using(db).filter(app_label=source, model="translationsource").first()
    if old is None:
        return  # a new database: the content type is created after migrating
    # A content type for the target made by an earlier run of post_migrate holds no rows: drop it.
    ContentType.objects.using(db).filter(app_label=target, model="translationsource").delete()
    old.app_label = target
    old.save(update_fields=["app_label"])


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="translations", target="core")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_translationsource_moved_to_translations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TranslationSource",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("field", models.CharField(max_length=100)),
                        ("language", models.CharField(max_length=10)),
                        ("source", models.TextField(blank=True)),
                        ("translation_digest", models.CharField(max_length=64)),
                        ("recorded_at", models.DateTimeField(auto_now=True)),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="contenttypes.contenttype",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "translation source",
                        "db_table": "core_translationsource",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("content_type", "object_id", "field", "language"),
                                name="core_translation_source_unique",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="translationsource", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
