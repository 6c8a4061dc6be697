from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    """The resources library: UN documents, toolkits, reports, educational material, policy briefs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "resources"
    verbose_name = _("Resources")

    def ready(self):
        from core.samples import register_samples

        from . import sample

        # manage.py make_sample_content (core.samples) makes and removes these samples too.
        register_samples("resources", make=lambda count: sample.create(count), delete=sample.delete, order=30)
