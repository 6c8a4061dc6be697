from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Crises, news and statements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import samples, sections  # noqa: F401  (register the sample content and page sections)

    def initial_content(self, command, home):
        """Called by ``load_initial_content`` (pages): the crisis levels."""
        from .initial_content import load

        load(command, home)
