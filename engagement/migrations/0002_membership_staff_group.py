"""The "Membership staff" group: may enter the admin and view and change membership applications,
contact messages and newsletter subscribers (the only people besides administrators who see that
personal data; translators and editors do not). Idempotent."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Membership staff"
MODELS = ["membershipapplication", "contactmessage", "subscriber"]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # On a new database Django creates model permissions only after every migration has run.
    app_config = apps.get_app_config("engagement")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    group, _created = Group.objects.get_or_create(name=GROUP)
    admin_type, _created = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _created = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    permissions = [access]
    for model in MODELS:
        content_type, _created = ContentType.objects.get_or_create(app_label="engagement", model=model)
        for action in ("view", "change"):
            perm, _created = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            permissions.append(perm)
    group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
