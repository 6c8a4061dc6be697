from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    """The resources library: UN documents, toolkits, reports, educational material, policy briefs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "resources"
    verbose_name = _("Resources")
