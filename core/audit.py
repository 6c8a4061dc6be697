"""The site's audit trail: Wagtail's own log entries (*Reports › Site history*), extended with the
actions below. Entries are never editable in the admin.

Any app logs an action with one call::

    from core.audit import log_action

    log_action("icrtop.approve", instance=application, user=request.user, data={"note": "..."})
    log_action("icrtop.export_personal_data", model=Subscriber, user=request.user,
               data={"format": "csv", "rows": 120, "what": "newsletter subscribers"})

- ``action``: one of :data:`ACTIONS` (or any action registered with Wagtail's
  ``register_log_actions`` hook: ``wagtail.publish``, …);
- ``instance``: the object the action is about (an application, a member, a user…); without one,
  ``model`` names the kind of object (the entry is then filed under that model with no object id);
- ``user``: who did it (defaults to the user of Wagtail's active log context, i.e. the admin user
  of the current request); ``data``: a small JSON-serialisable dict shown in the entry (``ip``,
  ``rows``, ``format``…; never passwords, codes or personal data beyond a name).

Wagtail already records page and snippet creations, edits, publications and workflow approvals;
the actions here cover what it does not: logins, two-factor enrolment and resets, permission and
group changes, imports, approvals of records and exports of personal data.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import get_active_log_context
from wagtail.log_actions import log as wagtail_log
from wagtail.models import ModelLogEntry

# action: (label in the filter, message in the list)
ACTIONS = {
    "icrtop.login": (_("Log in"), _("Logged in")),
    "icrtop.login_failed": (_("Failed login"), _("Login failed")),
    "icrtop.logout": (_("Log out"), _("Logged out")),
    "icrtop.2fa_code_sent": (_("Enrolment code sent"), _("Two-factor enrolment code e-mailed")),
    "icrtop.2fa_code_issued": (_("Enrolment code issued"), _("Two-factor enrolment code issued by an administrator")),
    "icrtop.2fa_code_used": (_("Enrolment code accepted"), _("Two-factor enrolment code accepted")),
    "icrtop.2fa_enrol": (_("Two-factor enrolment"), _("Two-factor authentication set up")),
    "icrtop.2fa_verified": (_("Two-factor verification"), _("Two-factor code accepted")),
    "icrtop.2fa_failed": (_("Two-factor failure"), _("Two-factor code refused")),
    "icrtop.2fa_recovery_used": (_("Recovery code used"), _("Logged in with a recovery code")),
    "icrtop.2fa_recovery_new": (_("New recovery codes"), _("New recovery codes generated")),
    "icrtop.2fa_reset": (_("Two-factor reset"), _("Two-factor authentication reset")),
    "icrtop.password_change": (_("Password change"), _("Password changed")),
    "icrtop.permissions": (_("Permission change"), _("Permissions changed")),
    "icrtop.groups": (_("Group membership change"), _("Group membership changed")),
    "icrtop.account_flags": (_("Account status change"), _("Account status changed")),
    "icrtop.import": (_("Import"), _("Imported")),
    "icrtop.approve": (_("Approval"), _("Approved")),
    "icrtop.reject": (_("Rejection"), _("Rejected")),
    "icrtop.export_personal_data": (_("Export of personal data"), _("Personal data exported")),
}


def register_actions(actions):
    """Called by the ``register_log_actions`` hook (core/wagtail_hooks.py)."""
    from .autosave import ACTIONS as AUTOSAVE_ACTIONS

    for action, (label, message) in {**ACTIONS, **AUTOSAVE_ACTIONS}.items():
        actions.register_action(action, label, message)


def client_ip(request):
    """The visitor's address: ``REMOTE_ADDR``, which ``icrtop.middleware.TrustedProxyMiddleware``
    sets from the trusted proxies' ``X-Forwarded-For`` (``core.proxies``, ``TRUSTED_PROXIES``).
    django-axes and the rate limits read it too."""
    return (request.META.get("REMOTE_ADDR") or "") if request is not None else ""


def unwrap(obj):
    """The real object behind ``request.user`` (django-otp wraps Django's lazy user in another)."""
    while isinstance(obj, LazyObject):
        if obj._wrapped is empty:
            obj._setup()
        obj = obj._wrapped
    return obj


def log_action(action, instance=None, *, model=None, user=None, data=None, title=None):
    """Records ``action`` in the audit trail and returns the log entry (see the module docstring)."""
    instance, user = unwrap(instance), unwrap(user)
    if user is None:
        user = get_active_log_context().user
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if instance is not None:
        return wagtail_log(instance, action, user=user, data=data or {}, title=title)
    model = model or get_user_model()
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id="0",
        label=str(title or model._meta.verbose_name_plural),
        action=action,
        timestamp=timezone.now(),
        data=data or {},
        user=user,
    )
