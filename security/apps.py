from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Staff account protection (two-factor authentication, sessions, the audit trail's receivers),
    CSP violation reports and security.txt. See docs/security.md."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "security"
    verbose_name = _("Security")

    def ready(self):
        from . import checks, signals  # noqa: F401 - registers the receivers and system checks
