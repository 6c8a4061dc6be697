from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What several apps share: taxonomies, admin menu pieces, helpers. Imports no other project app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Shared")

    def ready(self):
        from . import translation_sources
        from .exports import protect_wagtail_exports

        translation_sources.connect()
        protect_wagtail_exports()
