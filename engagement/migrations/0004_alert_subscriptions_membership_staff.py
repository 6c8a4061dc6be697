"""The "Membership staff" group may also view and change the alert subscriptions (the addresses that
follow a crisis, a country or a topic); other staff see their counts only. Idempotent."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Membership staff"
MODEL = "followsubscription"


def add_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # On a new database Django creates model permissions only after every migration has run.
    app_config = apps.get_app_config("engagement")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    group, _created = Group.objects.get_or_create(name=GROUP)
    content_type, _created = ContentType.objects.get_or_create(app_label="engagement", model=MODEL)
    for action in ("view", "change", "delete"):
        perm, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_{MODEL}", defaults={"name": f"Can {action} {MODEL}"}
        )
        group.permissions.add(perm)


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__model=MODEL))


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0003_alert_subscriptions"),
        ("engagement", "0002_membership_staff_group"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
