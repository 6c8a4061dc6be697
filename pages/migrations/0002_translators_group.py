"""The "Translators" group, and the moderation workflow their page edits go through.

Translators may enter the admin, edit (never add, publish, lock or delete) every page of the site and
edit member, region, sector and office records. Their page edits can only be submitted for
moderation: the "Moderators approval" workflow (Wagtail's default, re-created here if it is missing)
applies to the whole tree, and a moderator approves, which publishes. Idempotent: running it on a
database that already has the group or the workflow changes nothing that exists.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRANSLATORS = "Translators"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Moderators approval"
SNIPPET_PERMISSIONS = [
    ("members", "memberorganisation"),
    ("members", "region"),
    ("members", "sector"),
    ("offices", "office"),
]


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


def ensure_workflow_on_root(apps, root):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    if WorkflowPage.objects.filter(page=root).exists():
        return  # a workflow already governs the whole tree (Wagtail's default, or an editor's choice)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        moderators, _created = Group.objects.get_or_create(name=MODERATORS)
        content_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=content_type, active=True)
        task.groups.set([moderators])
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)


def create_translators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    ensure_model_permissions(apps)
    translators, _created = Group.objects.get_or_create(name=TRANSLATORS)
    translators.permissions.add(
        permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        *[
            permission(apps, app_label, model, f"change_{model}", f"Can change {model}")
            for app_label, model in SNIPPET_PERMISSIONS
        ],
    )
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    change_page = permission(apps, "wagtailcore", "page", "change_page", "Can change page")
    GroupPagePermission.objects.get_or_create(group=translators, page=root, permission=change_page)
    ensure_workflow_on_root(apps, root)


def remove_translators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TRANSLATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("members", "0001_initial"),
        ("offices", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_translators, remove_translators)]
