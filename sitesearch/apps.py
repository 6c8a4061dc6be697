from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSearchConfig(AppConfig):
    """The site search: one document per (object, language) in its own table, registered kinds,
    signals that keep it current. It imports the apps it indexes; they never import it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "sitesearch"
    verbose_name = _("Site search")

    def ready(self):
        from . import indexers, signals  # noqa: F401  (the registrations, then their signal handlers)

        signals.connect()
