from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events with their time zones, each with an iCalendar file, and a calendar feed."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from core.samples import register_samples

        from . import sample, sections  # noqa: F401  (sections registers the home page's next events)

        # manage.py make_sample_content (core.samples) makes and removes these samples too.
        register_samples("events", make=lambda count: sample.create(count), delete=sample.delete, order=30)
