from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    """Membership applications, contact messages and the newsletter, with their mail outbox."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "engagement"
    verbose_name = _("Engagement")

    def ready(self):
        from . import alerts, checks, sections  # noqa: F401  (checks: the staff notifications' deploy check;
        # sections: the follow boxes on crisis and listing pages, core.sections)

        alerts.connect()

    def initial_content(self, command, home):
        """Called by ``load_initial_content`` (pages) after its own pages: the join, newsletter,
        write-to-us and privacy pages."""
        from .initial_content import load

        load(command, home)
