"""The staff groups and the review workflow: their names, how the admin shows them and what each is for.

The groups and the workflow are rows made by data migrations (Wagtail's own for Editors, Moderators and
"Moderators approval"; ``pages/0002`` for Translators; ``engagement/0002`` for Membership staff), so
their stored names are English. This is the one place that names them for the code and gives each a
translated label and, for the groups, a one-line purpose: the Roles tab of a user's form shows it beside
the group's checkbox (``core.users``), the Users list and the dashboard show the translated names.
A group or workflow an administrator adds later is shown under the name they gave it.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
MEMBERSHIP_STAFF = "Membership staff"
MODERATION_WORKFLOW = "Moderators approval"

GROUPS = {
    EDITORS: (
        pgettext_lazy("staff group", "Editors"),
        _("Create and change pages, images and documents; their changes are published once a Moderator approves them."),
    ),
    MODERATORS: (
        pgettext_lazy("staff group", "Moderators"),
        _(
            "Review the changes submitted for moderation and publish them; may also publish pages, member "
            "records, regions, sectors, topics and offices directly."
        ),
    ),
    TRANSLATORS: (
        pgettext_lazy("staff group", "Translators"),
        _(
            "Translate pages and records into the other languages; their changes go to the Moderators for "
            "review. They see no personal data."
        ),
    ),
    MEMBERSHIP_STAFF: (
        pgettext_lazy("staff group", "Membership staff"),
        _(
            "Handle membership applications, contact messages and newsletter subscribers (personal data) "
            "and publish member organisations."
        ),
    ),
}

WORKFLOWS = {MODERATION_WORKFLOW: pgettext_lazy("review workflow", "Moderators approval")}


def group_label(name):
    """How the admin shows the group called ``name`` (stored in English) in the active language."""
    return GROUPS[name][0] if name in GROUPS else name


def group_purpose(name):
    """One line on what the group's members do, or "" for a group the site does not define."""
    return GROUPS[name][1] if name in GROUPS else ""


def workflow_label(name):
    """How the admin shows the workflow (or its task) called ``name`` in the active language."""
    return WORKFLOWS.get(name, name)
