"""The "Membership staff" group may also view, change and publish member records: approving an
application makes an unpublished member record, which the same officer checks and publishes (the
approval view opens its edit form). Idempotent."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Membership staff"
MODEL = "memberorganisation"
ACTIONS = ("view", "change", "publish")


def add_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # On a new database Django creates model permissions only after every migration has run.
    app_config = apps.get_app_config("members")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    group, _created = Group.objects.get_or_create(name=GROUP)
    content_type, _created = ContentType.objects.get_or_create(app_label="members", model=MODEL)
    for action in ACTIONS:
        perm, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_{MODEL}", defaults={"name": f"Can {action} {MODEL}"}
        )
        group.permissions.add(perm)


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="members", codename__in=[f"{action}_{MODEL}" for action in ACTIONS]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0005_used_form_stamp"),
        ("members", "0005_member_location_shown"),
        ("pages", "0003_record_review"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
