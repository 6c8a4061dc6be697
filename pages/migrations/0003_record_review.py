"""Record changes go to review like page edits.

Members, regions, sectors, topics and offices now have drafts and a workflow (``core.ReviewedRecord``).
This migration:

- gives translators the right to edit topics too (they already edit the other records);
- lets every group that could change one of these records (other than Translators) publish it, so
  staff keep working as before, and lets Moderators change and publish them (to review);
- puts these record types under the "Moderators approval" workflow that governs the page tree, so a
  translator's change is submitted for moderation and is public only once a moderator approves it.

Idempotent: what exists is left as it is.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECORDS = [
    ("members", "memberorganisation"),
    ("members", "region"),
    ("members", "sector"),
    ("offices", "office"),
    ("core", "topic"),
]
TRANSLATORS = "Translators"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Moderators approval"


def ensure_model_permissions(apps):
    """On a new database Django creates model permissions only after every migration has run."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return perm


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    ensure_model_permissions(apps)
    translators = Group.objects.filter(name=TRANSLATORS).first()
    if translators is not None:
        translators.permissions.add(permission(apps, "core", "topic", "change_topic", "Can change topic"))

    for app_label, model in RECORDS:
        change = permission(apps, app_label, model, f"change_{model}", f"Can change {model}")
        publish = permission(apps, app_label, model, f"publish_{model}", f"Can publish {model}")
        for group in Group.objects.filter(permissions=change).exclude(name=TRANSLATORS):
            group.permissions.add(publish)
        moderators = Group.objects.filter(name=MODERATORS).first()
        if moderators is not None:
            moderators.permissions.add(change, publish)

    root_workflow = WorkflowPage.objects.filter(page__depth=1).select_related("workflow").first()
    workflow = root_workflow.workflow if root_workflow else Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    for app_label, model in RECORDS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_translators_group"),
        ("core", "0002_review_drafts_translation_sources"),
        ("members", "0003_review_drafts"),
        ("offices", "0003_review_drafts"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
