"""Who the staff notifications of the forms go to, so that none is dropped for want of an address.

A contact message goes to the chosen office's address (or every office's, when none is chosen); a
membership application, and a message whose offices have no address, go to the staff recipients:
``ENGAGEMENT_NOTIFY_EMAILS`` and the active members of the "Membership staff" group that have an
address; failing both, the active superusers that have one. ``nobody_to_tell()`` is what the deploy
check (``engagement.checks``) warns about.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from core.staff_roles import MEMBERSHIP_STAFF


def active_addresses(users):
    return list(users.filter(is_active=True).exclude(email="").order_by("pk").values_list("email", flat=True))


def staff_recipients():
    """The staff told of new applications (and of messages no office address takes)."""
    users = get_user_model().objects
    configured = [*settings.ENGAGEMENT_NOTIFY_EMAILS, *active_addresses(users.filter(groups__name=MEMBERSHIP_STAFF))]
    return list(dict.fromkeys(configured or active_addresses(users.filter(is_superuser=True))))


def contact_recipients(offices):
    """The addresses of ``offices`` that have one, or else the staff recipients."""
    return list(dict.fromkeys(o.contact_form_recipient for o in offices if o.contact_form_recipient)) or (
        staff_recipients()
    )


def nobody_to_tell():
    return not staff_recipients()
