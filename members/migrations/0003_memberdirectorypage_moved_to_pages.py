"""The member directory page now lives in ``pages`` (see ``pages/0003``): only the model state leaves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_sort_key_search_text_directory_indexes"),
        ("pages", "0003_memberdirectorypage_from_members"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="MemberDirectoryPage")],
            database_operations=[],
        ),
    ]
