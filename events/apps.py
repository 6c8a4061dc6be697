from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events with their time zones, each with an iCalendar file, and a calendar feed."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Events")
