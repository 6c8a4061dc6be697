"""``manage.py check --deploy``: warn when the forms' staff notifications would reach nobody."""

from django.core.checks import Warning, register
from django.db import DatabaseError

from .notifications import nobody_to_tell


@register("engagement", deploy=True)
def staff_notifications_have_a_recipient(app_configs=None, **kwargs):
    try:
        nobody = nobody_to_tell()
    except DatabaseError:  # not migrated yet: the release step checks again after migrate
        return []
    if not nobody:
        return []
    return [
        Warning(
            "Nobody would be told of new membership applications or contact messages: "
            "ENGAGEMENT_NOTIFY_EMAILS is empty and no active member of the 'Membership staff' group "
            "or superuser has an e-mail address.",
            hint="Set ENGAGEMENT_NOTIFY_EMAILS, or give a Membership staff account an e-mail address.",
            id="engagement.W001",
        )
    ]
